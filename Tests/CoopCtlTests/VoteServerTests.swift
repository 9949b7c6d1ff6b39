import CoopTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `coop-api` binary serving a runner's database on 127.0.0.1 and a free port.
final class RunningCoopAPI {
    let pid: pid_t
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    /// Built beside coopctl (`swift build` builds both).
    static let executable = CoopCtlRunner.executable.deletingLastPathComponent().appendingPathComponent("coop-api")

    init(database: String) async throws {
        port = try Self.freePort()
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COOP_") }
        env["COOP_LOG_LEVEL"] = "warning"
        pid = try ChildProcess.start(Self.executable.path, ["--db", database, "--host", "127.0.0.1", "--port", String(port)], environment: env)
        do {
            try await waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    private var stopped = false

    func stop() {
        guard !stopped else { return }
        stopped = true
        ChildProcess.terminate(pid)
    }

    /// Waits until the server accepts connections. A plain connect(), not URLSession: while the suite runs,
    /// blocking tests (each waiting for a coopctl child) can hold the few cooperative threads for a minute
    /// on a busy machine, so this task may wake long after its deadline: `eventually` looks once more
    /// then, rather than failing a server that has long been listening.
    private func waitUntilListening() async throws {
        var exited = false
        let listening = await eventually(every: .milliseconds(20)) {
            exited = !ChildProcess.isRunning(pid)
            return exited || Self.accepts(port: port)
        }
        if exited { throw RunningCoopAPIError("coop-api exited early") }
        if !listening { throw RunningCoopAPIError("coop-api did not listen on port \(port)") }
    }

    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// True when something accepts a TCP connection on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = address(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port the kernel just handed out and released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RunningCoopAPIError("socket failed") }
        defer { close(fd) }
        var address = address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw RunningCoopAPIError("bind failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct RunningCoopAPIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `vote cast --server`: the board is fetched from a running coop-api, the ballot signed locally and
/// POSTed; refusals come back as the server's localized problem.
@Suite struct VoteServerTests {
    @Test func castThroughARunningServer() async throws {
        let ctl = try CoopCtlRunner.seededForVoting(members: 2)
        defer { ctl.remove() }
        let id = try ctl.createElection(closes: Date().addingTimeInterval(3600))
        let other = try ctl.createElection(closes: Date().addingTimeInterval(3600))
        #expect(try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes")]).status == 0)
        #expect(try ctl.run(["election", "credentials", other, "--out", ctl.votingPath("other")]).status == 0)
        let server = try await RunningCoopAPI(database: ctl.database)
        defer { server.stop() }

        // Not open yet: the server's 409 voting.closed, in the voter's language.
        let answers = ["--answer", "0", "--answer", "1", "--answer", "2,1"]
        let closed = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--server", server.url, "--lang", "en"] + answers,
                                 withDatabase: false)
        #expect(closed.status == 1)
        #expect(closed.stderr.hasPrefix("Election \(id) is not accepting ballots"))

        #expect(try ctl.run(["election", "open", id]).status == 0)
        let cast = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--server", server.url + "/", "--json"] + answers,
                               withDatabase: false)
        #expect(cast.status == 0, "\(cast.stderr)")
        let tracker = cast.object["tracker"] as? String ?? ""
        #expect(tracker.count == 64)
        #expect(cast.object["seq"] as? Int == 4)
        #expect(try ctl.run(["election", "show", id, "--json"]).object["ballotCount"] as? Int == 1)

        // A code of another election is not on this one's list: 403 voting.unknown_credential, as one line.
        let foreign = try ctl.credentialCode(inFile: "other/M-0001.json")
        let unknownFr = try ctl.run(["vote", "cast", id, "--credential", foreign, "--server", server.url] + answers, withDatabase: false)
        #expect(unknownFr.status == 1)
        #expect(unknownFr.stderr == "Ce justificatif de vote ne figure pas sur la liste du scrutin.\n")
        let unknownEn = try ctl.run(["vote", "cast", id, "--credential", foreign, "--server", server.url, "--lang", "en"] + answers, withDatabase: false)
        #expect(unknownEn.stderr == "This voting credential is not on the election’s list.\n")
        // …and its file names the other election, which is refused before anything is sent.
        let wrongFile = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("other/M-0001.json"), "--server", server.url, "--lang", "en"] + answers,
                                    withDatabase: false)
        #expect(wrongFile.stderr == "This credential file is for election \(other), not \(id).\n")
        // An answer the question does not allow is caught before sending.
        let invalid = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0002.json"), "--server", server.url, "--lang", "en",
                                   "--answer", "5", "--answer", "1", "--answer", "0"], withDatabase: false)
        #expect(invalid.stderr.hasPrefix("Invalid answer to question 1"))
        let missing = try ctl.run(["vote", "cast", "E-0099", "--credential", foreign, "--server", server.url, "--lang", "en"] + answers, withDatabase: false)
        #expect(missing.stderr == "Election not found: E-0099.\n")

        // The ballot is on the public board the server serves.
        #expect(try ctl.run(["election", "board", id, "--output", ctl.votingPath("board.json")]).status == 0)
        let check = try ctl.run(["vote", "check", ctl.votingPath("board.json"), "--tracker", tracker, "--json"], withDatabase: false)
        #expect(check.object["onBoard"] as? Bool == true)
        #expect(check.object["seq"] as? Int == 4)

        server.stop()
        let down = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0002.json"), "--server", server.url, "--lang", "en"] + answers,
                               withDatabase: false)
        #expect(down.status == 1)
        #expect(down.stderr.hasPrefix("Cannot reach \(server.url)"))
    }
}
