import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server on 127.0.0.1 for the notification tests: `Tests/mail/smtp_server.py` (aiosmtpd,
/// installed by `make test` in `.build/venv-mail`), in a folder of its own where it writes each message
/// it accepts. Stopped when released.
public final class MailServer: @unchecked Sendable {
    public let directory: URL
    public let port: Int
    private let pid: pid_t

    /// How the server misbehaves (see the script's header).
    public struct Behaviour: Sendable {
        public var refuseFirst = 0
        public var code = 451
        public var refuseAll = 0
        public var unknown = ""
        public var holdAt = 0
        /// `user:password` the server requires (AUTH PLAIN or LOGIN); empty for none.
        public var auth = ""
        public init(refuseFirst: Int = 0, code: Int = 451, refuseAll: Int = 0, unknown: String = "", holdAt: Int = 0, auth: String = "") {
            (self.refuseFirst, self.code, self.refuseAll, self.unknown, self.holdAt, self.auth) = (refuseFirst, code, refuseAll, unknown, holdAt, auth)
        }
    }

    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts the server (on `port`, or a free one) and returns once it listens.
    public init(_ behaviour: Behaviour = Behaviour(), port: Int = 0) async throws {
        let python = Self.root.appendingPathComponent(".build/venv-mail/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw SetupError(description: "aiosmtpd is not installed in .build/venv-mail: run `make test` (or `make mail-tools`) once")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coop-mail-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var arguments = [Self.root.appendingPathComponent("Tests/mail/smtp_server.py").path, "--dir", directory.path,
                         "--port", String(port), "--refuse-first", String(behaviour.refuseFirst), "--code", String(behaviour.code),
                         "--refuse-all", String(behaviour.refuseAll), "--hold-at", String(behaviour.holdAt)]
        if !behaviour.unknown.isEmpty { arguments += ["--unknown", behaviour.unknown] }
        if !behaviour.auth.isEmpty { arguments += ["--auth", behaviour.auth] }
        pid = try ChildProcess.start(python, arguments, environment: ProcessInfo.processInfo.environment)
        self.directory = directory
        let portFile = directory.appendingPathComponent("port").path
        guard await eventually(timeout: .seconds(30), { FileManager.default.fileExists(atPath: portFile) }),
              let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text)
        else {
            ChildProcess.terminate(pid)
            throw SetupError(description: "the SMTP test server did not start")
        }
        self.port = port
    }

    deinit {
        kill(pid, SIGKILL)
        _ = ChildProcess.wait(pid)
        try? FileManager.default.removeItem(at: directory)
    }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The messages accepted so far, in the order received.
    public func messages() throws -> [ReceivedMail] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }.sorted().map {
            ReceivedMail(raw: try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Waits until `count` messages have arrived (or a minute has passed) and returns them.
    public func waitForMessages(_ count: Int) async throws -> [ReceivedMail] {
        _ = await eventually { ((try? self.messages().count) ?? 0) >= count }
        return try messages()
    }

    /// True once the server holds a message without answering (`holdAt`).
    public var isHolding: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("held").path) }

    /// Lets a held message's answer go.
    public func release() { _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("release").path, contents: nil) }
}

/// A message as the server received it: headers, and the decoded text and HTML parts.
public struct ReceivedMail: Sendable {
    public let raw: String

    /// A header's value (the first of that name), RFC 2047 words decoded.
    public func header(_ name: String) -> String? {
        let head = raw.components(separatedBy: "\r\n\r\n").first ?? raw
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return Self.decodeWords(line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    public var subject: String { header("Subject") ?? "" }
    public var messageID: String { header("Message-ID") ?? "" }
    /// The recipient without angle brackets.
    public var to: String { (header("To") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
    public var text: String { part("text/plain") }
    public var html: String { part("text/html") }

    /// The base64 body of the part of this type, decoded.
    func part(_ type: String) -> String {
        guard let start = raw.range(of: "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n") else { return "" }
        let rest = raw[start.upperBound...]
        let body = rest[..<(rest.range(of: "\r\n--")?.lowerBound ?? rest.endIndex)]
        return Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    static func decodeWords(_ value: String) -> String {
        guard value.hasPrefix("=?UTF-8?B?"), value.hasSuffix("?=") else { return value }
        let encoded = value.dropFirst(10).dropLast(2)
        return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? value
    }
}
