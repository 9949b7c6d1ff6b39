import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Orders
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// coop-api killed with SIGKILL while it delivers notices: after a restart every notice is sent, and
/// the one in flight at the kill (the server had it, coop-api never heard the 250) at most twice,
/// with the same Message-ID. Against a real SMTP server on 127.0.0.1 that holds its answer to the
/// fifth message until the test has killed coop-api.
@Suite(.serialized) struct NoticeCrashTests {
    static let members = 20

    static func start(database: String, port: Int, smtp: String) async throws -> pid_t {
        var environment = ProcessInfo.processInfo.environment
        environment["COOP_LOG_LEVEL"] = "error"
        environment["COOP_SMTP_URL"] = smtp
        environment["COOP_MAIL_FROM"] = "outils@coop-exemple.org"
        let process = try ChildProcess.start(CrashRecoveryTests.executable.path,
                                             ["--db", database, "--host", "127.0.0.1", "--port", String(port)], environment: environment)
        let healthy = await eventually(every: .milliseconds(20)) {
            guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!) else { return false }
            return (response as? HTTPURLResponse)?.statusCode == 200
        }
        if healthy { return process }
        ChildProcess.terminate(process)
        throw TestFailure("coop-api did not start")
    }

    static func sentCount(_ path: String) async throws -> Int {
        let pool = try DatabasePool(path: path, readerCount: 1)
        return try await pool.read { db in try db.scalar("SELECT count(*) FROM coop_outbox WHERE status = 'sent'", as: Int.self) ?? 0 }
    }

    @Test func aKillWhileDeliveringLosesNothingAndSendsAtMostTheOneInFlightTwice() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coop-notice-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("coop.sqlite").path

        // Twenty members hear that a cycle opened: twenty notices in the outbox.
        do {
            let (coop, _) = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: .gmt), as: .localOperator("test"))
            for i in 1...Self.members {
                _ = try await coop.membership.addMember(NewMember(firstName: "Membre\(i)", lastName: "Test", email: "membre\(i)@example.org"))
            }
            let now = coop.context.now()
            let cycle = try await coop.orders.createCycle(NewCycle(name: "Semaine 12", opens: now, closes: now.adding(seconds: 3 * 86_400),
                                                                   pickupDate: coop.context.today().adding(days: 4)))
            _ = try await coop.orders.openCycle(cycle.id)
        }

        let server = try await MailServer(.init(holdAt: 5))
        let port = try CrashRecoveryTests.freePort()
        let first = try await Self.start(database: path, port: port, smtp: server.url)
        #expect(await eventually { server.isHolding }, "coop-api began delivering")
        kill(first, SIGKILL)
        _ = ChildProcess.wait(first)
        server.release()
        #expect(try await Self.sentCount(path) == 4, "the four answered before the kill are recorded")

        let second = try await Self.start(database: path, port: try CrashRecoveryTests.freePort(), smtp: server.url)
        defer { ChildProcess.terminate(second) }
        #expect(await eventually { (try? await Self.sentCount(path)) == Self.members }, "every notice is sent after the restart")

        let mail = try await server.waitForMessages(Self.members)
        let ids = mail.map(\.messageID)
        #expect(Set(ids).count == Self.members, "every notice arrived")
        // The fifth was saved by the server before coop-api died waiting for the 250: it is the one
        // sent again, with the same Message-ID, and the only one.
        #expect(mail.count == Self.members + 1)
        let twice = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.map(\.key)
        #expect(twice == [ids[4]])
    }
}
