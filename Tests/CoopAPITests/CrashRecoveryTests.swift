import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Lending
import Membership
import Synchronization
import Testing
import Voting

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Power-cut drill: the real coop-api serves concurrent check-outs and ballot casts and is killed with
/// SIGKILL at a random moment, several times. After the restarts every acknowledged loan (201) and ballot
/// (202) is in the database, nothing is half-written (every unit out has its open loan and movement),
/// SQLite's integrity check passes and the voting board verifies.
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
        // A debug build starting while the suite keeps both cores busy can take seconds: the deadline is generous.
        let healthy = await eventually(every: .milliseconds(20)) {
            guard let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!) else { return false }
            return (response as? HTTPURLResponse)?.statusCode == 200
        }
        if healthy { return process }
        ChildProcess.terminate(process)
        throw TestFailure("coop-api did not start")
    }

    static func post(port: Int, path: String, token: String?, body: Data) async -> Int? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        request.timeoutInterval = 60
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return nil }
        return (response as? HTTPURLResponse)?.statusCode
    }

    /// How many of a round's requests were answered, and how many of those acknowledged a write.
    final class RoundProgress: Sendable {
        private let state = Mutex((answered: 0, loans: 0, ballots: 0))
        var counts: (answered: Int, loans: Int, ballots: Int) { state.withLock { $0 } }
        func answered(loan acknowledged: Bool) { state.withLock { $0.answered += 1; if acknowledged { $0.loans += 1 } } }
        func answered(ballot acknowledged: Bool) { state.withLock { $0.answered += 1; if acknowledged { $0.ballots += 1 } } }
    }

    /// One acknowledged write: a loan by item code, or a ballot by tracker.
    enum Acknowledged: Sendable, Hashable {
        case loan(String)
        case ballot(String)
    }

    @Test func killedServerLosesNoAcknowledgedLoanAndHalfWritesNothing() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coop-crash-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let configuration = CoopConfiguration(databasePath: path, timeZone: TimeZone(identifier: "America/Toronto")!)
        let token: String
        var ballots: [Ballot] = []
        let electionID: String
        // Far enough for the rounds even on a loaded machine; the check below closes the election with
        // a clock set past this instant rather than waiting for it.
        let closes = Instant.now().adding(seconds: 600)
        do {
            let (coop, _) = try await Coop.open(configuration, as: .localOperator("test"))
            _ = try await coop.membership.addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 1000, maxReservations: 3))
            _ = try await coop.membership.addMember(NewMember(firstName: "Desk", lastName: "Test", email: "desk@example.org", plan: "Annuel"))
            var csv = "code,name,description,category,location,quantity,tags,value\n"
            for i in 1...Self.items { csv += "C-\(i),Chaise \(i),,Mobilier,Dépôt,1,,10.00\n" }
            _ = try await coop.inventory.acting(as: .staff("test")).importCSV(Data(csv.utf8), source: "chaises.csv", progress: { _, _ in })
            token = try await coop.tokens.create(role: .staff).token
            var members = "first_name,last_name,email,plan\n"
            for i in 1...Self.items / 4 { members += "Votant\(i),Test,v\(i)@example.org,Annuel\n" }
            _ = try await coop.membership.importMembers(csv: Data(members.utf8), source: "membres.csv")
            let election = try await coop.voting.createElection(NewElection(
                title: "AG", questions: [Question(text: "Adopter ?", kind: .single, choices: ["Pour", "Contre"], threshold: .majority)],
                opens: Instant.now().adding(seconds: -60), closes: closes))
            electionID = election.id
            let issued = try await coop.voting.issueCredentials(election.id)
            let definition = try #require(try await coop.voting.open(election.id).definition)
            ballots = try issued.credentials.enumerated().map { i, credential in
                try BallotSigner.sign(answers: [[i % 2]], code: try CredentialCode(credential.code), definition: definition)
            }
        }

        var acknowledged: Set<Acknowledged> = []
        var next = 1
        var nextBallot = 0
        for round in 1...Self.rounds {
            let port = try Self.freePort()
            let server = try await Self.start(database: path, port: port)
            let batch = (next..<min(next + Self.items / Self.rounds, Self.items + 1)).map { "C-\($0)" }
            next += batch.count
            let ballotBatch = Array(ballots[nextBallot..<min(nextBallot + ballots.count / Self.rounds, ballots.count)])
            nextBallot += ballotBatch.count
            // The kill comes at a random point of the round counted in acknowledgements, not in
            // milliseconds: a busy machine slows the server and the kill alike, and every round
            // acknowledges at least one loan and one ballot before it, with others still in flight.
            let progress = RoundProgress()
            let killAfterLoans = Int.random(in: 1...batch.count / 3)
            let requests = batch.count + ballotBatch.count
            let won: [Acknowledged] = await withTaskGroup(of: Acknowledged?.self) { group in
                for item in batch {
                    group.addTask {
                        let body = Data(#"{"item":"\#(item)","member":"M-0001"}"#.utf8)
                        let acknowledged = await Self.post(port: port, path: "/api/v1/loans", token: token, body: body) == 201
                        progress.answered(loan: acknowledged)
                        return acknowledged ? .loan(item) : nil
                    }
                }
                for ballot in ballotBatch {
                    group.addTask {
                        let status = await Self.post(port: port, path: "/api/v1/elections/\(electionID)/ballots", token: nil, body: Data(ballot.canonicalJSON))
                        progress.answered(ballot: status == 202)
                        return status == 202 ? .ballot(ballot.tracker) : nil
                    }
                }
                group.addTask {
                    _ = await eventually(every: .milliseconds(1)) {
                        let now = progress.counts
                        return (now.loans >= killAfterLoans && now.ballots >= 1) || now.answered == requests
                    }
                    kill(server, SIGKILL)
                    return nil
                }
                var won: [Acknowledged] = []
                for await item in group { if let item { won.append(item) } }
                return won
            }
            #expect(ChildProcess.wait(server) == 128 + SIGKILL, "round \(round): the server was not killed")
            acknowledged.formUnion(won)
        }

        // Restart once more, as an operator would, and check what survived.
        let (coop, _) = try await Coop.open(configuration, as: .localOperator("test"), clock: FixedClock(closes.adding(seconds: 1)))
        let (integrity, open, unitsOut, movements) = try await coop.context.database.read { db in
            (try db.scalar("PRAGMA integrity_check", as: String.self),
             Set(try db.query("SELECT i.code FROM lending_loans l JOIN inventory_items i ON i.id = l.item_id WHERE l.returned_at IS NULL").map { try $0.get(0) as String }),
             try db.scalar("SELECT coalesce(sum(units_out), 0) FROM inventory_items", as: Int64.self) ?? -1,
             try db.scalar("SELECT count(*) FROM inventory_movements WHERE kind = 'checkOut'", as: Int64.self) ?? -1)
        }
        let loans = Set(acknowledged.compactMap { if case .loan(let code) = $0 { code } else { nil } })
        let trackers = acknowledged.compactMap { if case .ballot(let tracker) = $0 { tracker } else { nil } }
        #expect(integrity == "ok")
        #expect(loans.isSubset(of: open), "acknowledged loans lost: \(loans.subtracting(open).sorted())")
        // Nothing half-written: each unit out has exactly one open loan and one movement.
        #expect(unitsOut == Int64(open.count))
        #expect(movements == Int64(open.count))
        #expect(!loans.isEmpty && !trackers.isEmpty, "nothing was acknowledged before the kills")

        // The board is one unbroken, verifiable chain holding every acknowledged ballot.
        _ = try await coop.voting.close(electionID)
        let board = try await coop.voting.boardJSON(electionID)
        let report = try BoardVerifier.verify(board)
        #expect(report.ballotEvents >= trackers.count)
        for tracker in trackers {
            #expect(try BoardVerifier.check(tracker: tracker, in: board).onBoard, "acknowledged ballot lost: \(tracker)")
        }
    }
}
