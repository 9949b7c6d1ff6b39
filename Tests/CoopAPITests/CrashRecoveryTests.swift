import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Lending
import Membership
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Power-cut drill: the real coop-api serves concurrent check-outs and is killed with SIGKILL at a
/// random moment, several times. After each restart every acknowledged (201) loan is in the database,
/// nothing is half-written (every unit out has its open loan and movement), and SQLite's integrity
/// check passes.
@Suite(.serialized) struct CrashRecoveryTests {
    static let items = 240
    static let rounds = 4

    /// The coop-api binary built beside the test bundle.
    static let executable: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("coop-api")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/coop-api")
    }()

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(fd, $0, length) == 0, getsockname(fd, $0, &length) == 0 else { throw TestFailure("no free port") }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts coop-api (posix_spawn: see ChildProcess) and waits until /health answers.
    static func start(database: String, port: Int) async throws -> pid_t {
        var environment = ProcessInfo.processInfo.environment
        environment["COOP_LOG_LEVEL"] = "error"
        let process = try ChildProcess.start(
            executable.path, ["--db", database, "--host", "127.0.0.1", "--port", String(port)], environment: environment)
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return process
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        ChildProcess.terminate(process)
        throw TestFailure("coop-api did not start")
    }

    static func checkOut(port: Int, token: String, item: String, member: String) async -> Int? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/loans")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"item":"\#(item)","member":"\#(member)"}"#.utf8)
        request.timeoutInterval = 5
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    @Test func killedServerLosesNoAcknowledgedLoanAndHalfWritesNothing() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coop-crash-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let configuration = CoopConfiguration(databasePath: path, timeZone: TimeZone(identifier: "America/Toronto")!)
        let token: String
        do {
            let (coop, _) = try await Coop.open(configuration)
            _ = try await coop.membership.addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 1000, maxReservations: 3))
            _ = try await coop.membership.addMember(NewMember(firstName: "Desk", lastName: "Test", email: "desk@example.org", plan: "Annuel"))
            var csv = "code,name,description,category,location,quantity,tags,value\n"
            for i in 1...Self.items { csv += "C-\(i),Chaise \(i),,Mobilier,Dépôt,1,,10.00\n" }
            _ = try await coop.inventory.importCSV(Data(csv.utf8), source: "chaises.csv", actor: "test", progress: { _, _ in })
            token = try await coop.tokens.create(role: .staff).token
        }

        var acknowledged: Set<String> = []
        var next = 1
        for round in 1...Self.rounds {
            let port = try Self.freePort()
            let server = try await Self.start(database: path, port: port)
            let batch = (next..<min(next + Self.items / Self.rounds, Self.items + 1)).map { "C-\($0)" }
            next += batch.count
            let killAfter = Duration.milliseconds(Int.random(in: 30...250))
            let won: [String] = await withTaskGroup(of: String?.self) { group in
                for item in batch {
                    group.addTask { await Self.checkOut(port: port, token: token, item: item, member: "M-0001") == 201 ? item : nil }
                }
                group.addTask {
                    try? await Task.sleep(for: killAfter)
                    kill(server, SIGKILL)
                    return nil
                }
                var won: [String] = []
                for await item in group { if let item { won.append(item) } }
                return won
            }
            #expect(ChildProcess.wait(server) == 128 + SIGKILL, "round \(round): the server was not killed")
            acknowledged.formUnion(won)
        }

        // Restart once more, as an operator would, and check what survived.
        let (coop, _) = try await Coop.open(configuration)
        let (integrity, open, unitsOut, movements) = try await coop.context.database.read { db in
            (try db.scalar("PRAGMA integrity_check", as: String.self),
             Set(try db.query("SELECT i.code FROM lending_loans l JOIN inventory_items i ON i.id = l.item_id WHERE l.returned_at IS NULL").map { try $0.get(0) as String }),
             try db.scalar("SELECT coalesce(sum(units_out), 0) FROM inventory_items", as: Int64.self) ?? -1,
             try db.scalar("SELECT count(*) FROM inventory_movements WHERE kind = 'checkOut'", as: Int64.self) ?? -1)
        }
        #expect(integrity == "ok")
        #expect(acknowledged.isSubset(of: open), "acknowledged loans lost: \(acknowledged.subtracting(open).sorted())")
        // Nothing half-written: each unit out has exactly one open loan and one movement.
        #expect(unitsOut == Int64(open.count))
        #expect(movements == Int64(open.count))
        #expect(!acknowledged.isEmpty, "no request was acknowledged before the kills")
    }
}
