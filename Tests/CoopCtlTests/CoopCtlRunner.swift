import CoopTestSupport
import Foundation
import Testing

/// Runs the real `coopctl` binary on a temporary database and captures what it prints.
struct CoopCtlRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout parsed as JSON.
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        /// stdout as a JSON array; anything else is a test failure, so `.array.isEmpty` cannot pass on a wrong shape.
        var array: [[String: Any]] {
            guard let rows = json as? [[String: Any]] else {
                Issue.record("expected a JSON array, got: \(stdout)")
                return []
            }
            return rows
        }
        /// The items of the page a paged list printed, `{"items": [...], "next": ...}`; anything else fails.
        var page: [[String: Any]] {
            guard let object = json as? [String: Any], let rows = object["items"] as? [[String: Any]], object.keys.contains("next") else {
                Issue.record("expected a page {items, next}, got: \(stdout)")
                return []
            }
            return rows
        }
        /// The page's `next` cursor, nil on the last page.
        var next: String? { object["next"] as? String }
    }

    let directory: URL
    var database: String { directory.appendingPathComponent("coop.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coopctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// The binary built beside the test bundle.
    static let executable: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("coopctl")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/coopctl")
    }()

    /// Runs `coopctl arguments… --db <temp>`; `environment` adds to a clean one (no COOP_* or LANG).
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], withDatabase: Bool = true) throws -> Result {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COOP_") && $0.key != "LANG" && $0.key != "LC_ALL" }
        env.merge(environment) { $1 }
        // posix_spawn, not Foundation's Process: see ChildProcess.
        let output = try ChildProcess.run(Self.executable.path, arguments + (withDatabase ? ["--db", database] : []),
                                          environment: env, directory: directory.path)
        return Result(status: output.status, stdout: String(decoding: output.stdout, as: UTF8.self),
                      stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    /// A database with the schema, one plan and `members` members.
    static func seeded(members: Int = 0) throws -> CoopCtlRunner {
        let ctl = try CoopCtlRunner()
        try ctl.run(["init"])
        try ctl.run(["plan", "add", "--name", "Annuel", "--fee", "40.00", "--months", "12", "--max-loans", "5", "--max-reservations", "3"])
        for i in 0..<members {
            try ctl.run(["member", "add", "--first-name", "P\(i)", "--last-name", "Test", "--email", "p\(i)@example.org", "--plan", "Annuel"])
        }
        return ctl
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
}
