import CoopTestSupport
import Foundation
import Testing

/// The README's CLI tour says "paste this into a shell": this test does, on a scratch folder, so the
/// README cannot drift from what coopctl does. Every command must succeed, except those whose comment
/// starts with "refused", which must exit 1.
@Suite struct ReadmeTourTests {
    /// Lines a scratch folder cannot run, each with why. The test fails if one no longer appears in the
    /// README, so the list stays true.
    static let notRun: [(line: String, why: String)] = [
        ("--server http://127.0.0.1:8080", "sends the ballot to a running coop-api; VoteServerTests does that"),
        ("--tracker 3b1f…", "the tracker is the reader's own, as vote cast printed it; ElectionCommandTests checks one"),
        ("token revoke q5P1xY", "the prefix is of the reader's own token, as token list shows it; MemberCommandTests revokes one"),
    ]

    @Test func theCLITourRunsAsWritten() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = Self.tourCommands(readme)
        #expect(commands.count > 100, "the tour was found")
        for skipped in Self.notRun {
            #expect(commands.contains { $0.contains(skipped.line) }, "\(skipped.line) is still in the README")
        }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binaries = CoopCtlRunner.executable.deletingLastPathComponent().path
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COOP_") && $0.key != "LANG" }
        environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["COOP_TZ"] = "America/Toronto"

        for command in commands {
            if Self.notRun.contains(where: { command.contains($0.line) }) { continue }
            if let assignment = Self.exported(command) {
                environment[assignment.name] = assignment.value
                continue
            }
            let refused = Self.comment(of: command).hasPrefix("refused")
            let result = try ChildProcess.run("/bin/bash", ["-c", command], environment: environment, directory: folder.path)
            let status = result.status
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            #expect(status == (refused ? 1 : 0), "\(command)\n→ exit \(status): \(stderr)")
            if status != (refused ? 1 : 0) { break }
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The command lines of the `sh` blocks that run coopctl, continuation lines joined, comments and
    /// blank lines left out; `alias` lines too, since the test puts the built coopctl on PATH.
    static func tourCommands(_ readme: String) -> [String] {
        var commands: [String] = []
        var block: [String]?
        var pending = ""
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let lines = block, lines.contains(where: { $0.hasPrefix("coopctl ") }) { commands += lines }
                block = line == "```sh" ? [] : nil
                continue
            }
            guard block != nil else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty, trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("alias ") { continue }
            if trimmed.hasSuffix("\\") {
                pending += trimmed.dropLast() + " "
                continue
            }
            block?.append(pending + trimmed)
            pending = ""
        }
        return commands
    }

    /// `export NAME=VALUE # …` as the variable it sets.
    static func exported(_ command: String) -> (name: String, value: String)? {
        guard command.hasPrefix("export ") else { return nil }
        let assignment = command.dropFirst("export ".count).prefix { !$0.isWhitespace }
        guard let equals = assignment.firstIndex(of: "=") else { return nil }
        return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
    }

    /// What follows ` # ` on a command line.
    static func comment(of command: String) -> String {
        command.range(of: " # ").map { String(command[$0.upperBound...]) } ?? ""
    }
}
