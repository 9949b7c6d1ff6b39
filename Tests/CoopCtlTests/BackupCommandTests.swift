import Foundation
import Testing

@Suite struct BackupCommandTests {
    @Test func backupIsACheckedCopyThatOpensWithEveryCommand() throws {
        let ctl = try CoopCtlRunner.seeded(members: 3)
        defer { ctl.remove() }
        let copy = ctl.directory.appendingPathComponent("copy.sqlite").path
        let result = try ctl.run(["backup", copy, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.object["integrity"] as? String == "ok")
        let members = try ctl.run(["member", "list", "--json", "--db", copy], withDatabase: false)
        #expect(members.array.map { $0["number"] as? String } == ["M-0001", "M-0002", "M-0003"])
        // The copy is a database of its own: writing to it leaves the original alone.
        try ctl.run(["member", "add", "--first-name", "Only", "--last-name", "InCopy", "--email", "copy@example.org", "--db", copy], withDatabase: false)
        #expect(try ctl.run(["member", "list", "--json"]).array.count == 3)
    }

    @Test func backupRefusesToOverwrite() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let existing = try ctl.write("existing.sqlite", "not a database")
        let result = try ctl.run(["backup", existing, "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "not a database")
    }
}
