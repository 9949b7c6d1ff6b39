import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Membership
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `coopctl backup` while the real coop-api is committing check-outs: the copy passes
/// `integrity_check`, opens with every command, and is one consistent moment (units out match loans).
@Suite(.serialized) struct BackupWhileServingTests {
    static let coopctl: URL = CrashRecoveryTests.executable.deletingLastPathComponent().appendingPathComponent("coopctl")

    @Test func backupOfABusyDatabaseIsConsistent() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coop-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("coop.sqlite").path
        let token: String
        do {
            let (coop, _) = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: TimeZone(identifier: "America/Toronto")!), as: .localOperator("test"))
            _ = try await coop.membership.addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 1000, maxReservations: 3))
            _ = try await coop.membership.addMember(NewMember(firstName: "Desk", lastName: "Test", email: "desk@example.org", plan: "Annuel"))
            var csv = "code,name,description,category,location,quantity,tags,value\n"
            for i in 1...300 { csv += "B-\(i),Banc \(i),,Mobilier,Dépôt,1,,10.00\n" }
            _ = try await coop.inventory.acting(as: .staff("test")).importCSV(Data(csv.utf8), source: "bancs.csv", progress: { _, _ in })
            token = try await coop.tokens.create(role: .staff).token
        }
        let port = try CrashRecoveryTests.freePort()
        let server = try await CrashRecoveryTests.start(database: path, port: port)
        defer { ChildProcess.terminate(server) }

        let copy = folder.appendingPathComponent("copy.sqlite").path
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COOP_") }
        let (statuses, backup) = try await withThrowingTaskGroup(of: ([Int?], (status: Int32, stdout: Data, stderr: Data)?).self) { group in
            let progress = CrashRecoveryTests.RoundProgress()
            group.addTask {
                var statuses: [Int?] = []
                for i in 1...300 {
                    let body = Data(#"{"item":"B-\#(i)","member":"M-0001"}"#.utf8)
                    let status = await CrashRecoveryTests.post(port: port, path: "/api/v1/loans", token: token, body: body)
                    progress.answered(loan: status == 201)
                    statuses.append(status)
                }
                return (statuses, nil)
            }
            group.addTask {
                // The backup starts once check-outs are being committed (an event, not a delay), with
                // most of them still to come.
                _ = await eventually(every: .milliseconds(1)) { progress.counts.answered >= 20 }
                return ([], try ChildProcess.run(Self.coopctl.path, ["backup", copy, "--db", path, "--json"], environment: environment))
            }
            var statuses: [Int?] = []
            var backup: (status: Int32, stdout: Data, stderr: Data)?
            for try await (s, b) in group {
                statuses += s
                if let b { backup = b }
            }
            return (statuses, backup)
        }
        let result = try #require(backup)
        #expect(result.status == 0, "\(String(decoding: result.stderr, as: UTF8.self))")
        #expect(String(decoding: result.stdout, as: UTF8.self).contains(#""integrity" : "ok""#))
        #expect(statuses.allSatisfy { $0 == 201 })

        // The copy opens with the commands and is one consistent moment of the busy database.
        let list = try ChildProcess.run(Self.coopctl.path, ["member", "list", "--json", "--db", copy], environment: environment)
        #expect(list.status == 0)
        let pool = try DatabasePool(path: copy)
        let (loans, unitsOut) = try await pool.read { db in
            (try db.scalar("SELECT count(*) FROM lending_loans", as: Int64.self) ?? -1,
             try db.scalar("SELECT coalesce(sum(units_out), 0) FROM inventory_items", as: Int64.self) ?? -1)
        }
        #expect(loans == unitsOut)
        #expect(loans <= 300)
    }
}
