import Benchmark
import CoopCore
import Dispatch
import Foundation
import Voting

/// Verifying a tallied board of 1,000 and 100,000 ballots, as `coopctl election verify` does: every
/// hash link, every signature (on all cores), every rule, and the recount. The floor is OpenSSL's own
/// Ed25519 verify rate on the same machine (`openssl speed -seconds 3 ed25519`).
func votingBenchmarks() {
    for size in [1_000, 100_000] {
        Benchmark(
            "Voting: verify a board of \(size) ballots",
            configuration: .init(metrics: [.wallClock], maxDuration: .seconds(30), maxIterations: size > 10_000 ? 5 : 50)
        ) { benchmark in
            let board = try await SyntheticBoards.shared.board(ballots: size)
            benchmark.startMeasurement()
            let report = try BoardVerifier.verify(board)
            benchmark.stopMeasurement()
            precondition(report.signaturesChecked == size, "the benchmark board must verify whole")
        }
    }
}

/// Boards built once per size through the library's public API: real credentials from codes, real
/// signed ballots, a real hash chain and the library's own recount as the result event.
actor SyntheticBoards {
    static let shared = SyntheticBoards()
    private var boards: [Int: Data] = [:]

    func board(ballots n: Int) throws -> Data {
        if let board = boards[n] { return board }
        let board = try Self.build(n)
        boards[n] = board
        return board
    }

    private static func build(_ n: Int) throws -> Data {
        let opens = Instant.parse("2026-03-20T13:00:00Z", timeZone: .gmt)!
        let closes = Instant.parse("2026-03-20T15:00:00Z", timeZone: .gmt)!
        let definition = ElectionDefinition(
            id: "E-0001", title: "Assemblée générale 2026",
            questions: [
                Question(text: "Adopter les états financiers ?", kind: .single, choices: ["Pour", "Contre", "Abstention"], threshold: .majority),
                Question(text: "Conseil d’administration", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di", "Eve", "Fay", "Gus"], min: 0, max: 3),
                Question(text: "Logo", kind: .ranked, choices: ["Soleil", "Arbre", "Abeille"]),
            ],
            opens: opens, closes: closes, cutoff: Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!, quorumPercent: 10,
            salt: "00112233445566778899aabbccddeeff")
        let codes = try (0..<n).map { _ in try CredentialCode.generate() }
        let signed = SignedBallots(count: n)
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let answers = [[i % 3], Array(Set([i % 7, (i / 7) % 7, (i / 49) % 7])).sorted(), [i % 3, (i + 1) % 3]]
            signed.set(i, try? BallotSigner.sign(answers: answers, code: codes[i], definition: definition).json)
        }
        let ballots = try signed.all()
        let keys = ballots.compactMap { $0["credential"] }
        var events: [JSONValue] = []
        var prev = String(repeating: "0", count: 64)
        func add(_ type: String, _ payload: JSONValue) {
            let covered: JSONValue = ["payload": payload, "prev": .string(prev), "seq": .integer(Int64(events.count + 1)), "type": .string(type)]
            let hash = CanonicalJSON.sha256Hex(covered)
            events.append(["hash": .string(hash), "payload": payload, "prev": .string(prev), "seq": .integer(Int64(events.count + 1)), "type": .string(type)])
            prev = hash
        }
        add("setup", definition.json)
        add("credentials", ["count": .integer(Int64(n)), "credentials": .array(keys), "sha256": .string(CanonicalJSON.sha256Hex(.array(keys)))])
        add("open", ["at": .string(opens.iso8601)])
        for ballot in ballots { add("ballot", ballot) }
        add("close", ["at": .string(closes.iso8601)])
        guard let recount = try BoardVerifier.verify(CanonicalJSON.data(["events": .array(events)])).recount else {
            throw BenchmarkSetupError("the synthetic board has no recount")
        }
        add("result", try JSONValue(encoding: recount))
        return CanonicalJSON.data(["events": .array(events)])
    }
}

/// Ballots signed in parallel, collected behind one lock.
final class SignedBallots: Sendable {
    private let slots: Mutex<[JSONValue?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ ballot: JSONValue?) { slots.withLock { $0[index] = ballot } }

    func all() throws -> [JSONValue] {
        let ballots = slots.withLock { $0 }
        guard ballots.allSatisfy({ $0 != nil }) else { throw BenchmarkSetupError("a ballot failed to sign") }
        return ballots.compactMap { $0 }
    }
}

import Synchronization
