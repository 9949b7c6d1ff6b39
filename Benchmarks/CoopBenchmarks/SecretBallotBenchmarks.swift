import Benchmark
import CoopCore
import Dispatch
import Foundation
import Voting

/// coop-voting-2's costs (issue 15): casting one encrypted three-question ballot on the voter's side,
/// and checking 1,000 encrypted ballots on every core as the server and the verifier do (every point
/// decoded, every bit and sum proof verified). The floor is OpenSSL's P-256 multiplication
/// (`openssl speed ecdhp256`) times the multiplications each ballot needs.
func secretBallotBenchmarks() {
    Benchmark("Voting 2: cast a three-question secret ballot", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(10))) { benchmark in
        let fixture = try SecretFixture.shared()
        let code = try CredentialCode.generate()
        benchmark.startMeasurement()
        let ballot = try SecretBallot.cast(answers: [[1], [0, 4, 6], [2, 0]], code: code, definition: fixture.threeQuestions, key: fixture.key)
        benchmark.stopMeasurement()
        blackHole(ballot)
    }
    // The count after close: 100,000 ballots read from their text and summed slot by slot (what close
    // appends as the tally, and what each teller recomputes), each of three tellers' factors with their
    // proofs, the counts found and the result. The ballots' proofs are checked apart (at cast, and by the
    // verifier): see the benchmarks below for their cost. The 1,000 distinct ballots repeat 100 times;
    // reading and adding them costs the same as 100,000 distinct ones.
    Benchmark("Voting 2: tally and decrypt 100,000 ballots of one 5-choice approval question, three tellers",
              configuration: .init(metrics: [.wallClock], maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        let fixture = try SecretFixture.shared()
        let texts = Array(repeating: fixture.approvalBallots, count: 100).flatMap { $0 }
        let hash = Hex.decode(fixture.approval.electionHash)!
        benchmark.startMeasurement()
        let ballots = Box<SecretBallot?>(Array(repeating: nil, count: texts.count))
        DispatchQueue.concurrentPerform(iterations: 64) { chunk in
            for i in stride(from: chunk, to: texts.count, by: 64) {
                ballots.set(i, try? SecretBallot(json: try CanonicalJSON.parse(texts[i])))
            }
        }
        let read = ballots.values.compactMap { $0 }
        let tally = SecretTally.sum(read, questions: fixture.approval.questions)
        let factors = try fixture.shares.enumerated().map { i, x in
            try SecretTally.decrypt(tally, share: x, index: i + 1, electionHash: hash).map { $0.map(\.factor) }
        }
        let counts = SecretTally.counts(tally, factors: factors, ballots: read.count)
        benchmark.stopMeasurement()
        precondition(read.count == 100_000 && counts?[0].reduce(0, +) == 200_000, "every ballot read, two approvals each")
    }
    Benchmark("Voting 2: parts, decode 100,000 points", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 3)) { benchmark in
        let points = (0..<1000).map { _ in ECPoint.base(try! Scalar.random()).hex }
        benchmark.startMeasurement()
        for _ in 0..<100 { for p in points { blackHole(try? ECPoint.decode(hex: p)) } }
        benchmark.stopMeasurement()
    }
    Benchmark("Voting 2: parts, add 100,000 points", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 3)) { benchmark in
        let points = (0..<1000).map { _ in ECPoint.base(try! Scalar.random()) }
        benchmark.startMeasurement()
        var sum = ECPoint.identity
        for _ in 0..<100 { for p in points { sum = sum + p } }
        benchmark.stopMeasurement()
        blackHole(sum)
    }
    Benchmark("Voting 2: parts, parse 100,000 ballot texts", configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 3)) { benchmark in
        let texts = try SecretFixture.shared().approvalBallots
        benchmark.startMeasurement()
        for _ in 0..<100 { for t in texts { blackHole(try? CanonicalJSON.parse(t)) } }
        benchmark.stopMeasurement()
    }
    for (name, ballots, questions) in [
        ("one 5-choice approval question", { try SecretFixture.shared().approvalBallots }, { try SecretFixture.shared().approval.questions }),
        ("one 3-choice question (Belenios's comparison)", { try SecretFixture.shared().singleBallots }, { try SecretFixture.shared().single.questions }),
        ("three questions (3, 7 pick 3, 3-choice ranking)", { try SecretFixture.shared().threeQuestionBallots },
         { try SecretFixture.shared().threeQuestions.questions }),
    ] as [(String, () throws -> [Data], () throws -> [Question])] {
        Benchmark("Voting 2: check 1,000 secret ballots of \(name)",
                  configuration: .init(metrics: [.wallClock], maxDuration: .seconds(30), maxIterations: 10)) { benchmark in
            let key = try SecretFixture.shared().key
            let texts = try ballots(), questions = try questions()
            benchmark.startMeasurement()
            let bad = SecretFixture.checkAll(texts, questions: questions, key: key)
            benchmark.stopMeasurement()
            precondition(bad == 0, "every benchmark ballot must verify")
        }
    }
}

/// An election key from three tellers and 1,000 cast ballots of each kind, as canonical JSON texts:
/// checking starts from the text, as the server gets it.
final class SecretFixture: @unchecked Sendable {
    /// The three tellers' private shares, and the election key ΣY_i.
    let shares: [Scalar]
    let key: ECPoint
    let approval: ElectionDefinition
    let single: ElectionDefinition
    let threeQuestions: ElectionDefinition
    let approvalBallots: [Data]
    let singleBallots: [Data]
    let threeQuestionBallots: [Data]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: SecretFixture?

    static func shared() throws -> SecretFixture {
        try lock.withLock {
            if let made { return made }
            let fixture = try SecretFixture()
            made = fixture
            return fixture
        }
    }

    private init() throws {
        shares = try (0..<3).map { _ in try Scalar.random() }
        key = shares.map(ECPoint.base).reduce(ECPoint.identity, +)
        let opens = Instant(milliseconds: 0), closes = Instant(milliseconds: 86_400_000)
        approval = ElectionDefinition(id: "E-0001", title: "AG", questions: [
            Question(text: "Conseil", kind: .approval, choices: ["A", "B", "C", "D", "E"], min: 0, max: 5),
        ], opens: opens, closes: closes, cutoff: opens, quorumPercent: nil, salt: "00112233445566778899aabbccddeeff")
        single = ElectionDefinition(id: "E-0003", title: "AG", questions: [
            Question(text: "Comptes", kind: .single, choices: ["Pour", "Contre", "Abstention"], threshold: .majority),
        ], opens: opens, closes: closes, cutoff: opens, quorumPercent: nil, salt: "00112233445566778899aabbccddeeff")
        threeQuestions = ElectionDefinition(id: "E-0002", title: "AG", questions: [
            Question(text: "Comptes", kind: .single, choices: ["Pour", "Contre", "Abstention"], threshold: .majority),
            Question(text: "Conseil", kind: .approval, choices: ["A", "B", "C", "D", "E", "F", "G"], min: 0, max: 3),
            Question(text: "Logo", kind: .ranked, choices: ["Soleil", "Arbre", "Abeille"]),
        ], opens: opens, closes: closes, cutoff: opens, quorumPercent: nil, salt: "00112233445566778899aabbccddeeff")
        approvalBallots = try Self.cast(1_000, definition: approval, key: key) { i in [[i % 5, (i + 2) % 5].sorted()] }
        singleBallots = try Self.cast(1_000, definition: single, key: key) { i in [[i % 3]] }
        threeQuestionBallots = try Self.cast(1_000, definition: threeQuestions, key: key) { i in
            [[i % 3], Array(Set([i % 7, (i / 7) % 7])).sorted(), [i % 3, (i + 1) % 3]]
        }
    }

    private static func cast(_ n: Int, definition: ElectionDefinition, key: ECPoint, answers: @Sendable (Int) -> [[Int]]) throws -> [Data] {
        let codes = try (0..<n).map { _ in try CredentialCode.generate() }
        let out = Box(Array(repeating: Data(), count: n))
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let ballot = try! SecretBallot.cast(answers: answers(i), code: codes[i], definition: definition, key: key)
            out.set(i, Data(ballot.canonicalJSON))
        }
        return out.values
    }

    /// Parses each text, checks its signature and every proof, on all cores; returns how many failed.
    static func checkAll(_ texts: [Data], questions: [Question], key: ECPoint) -> Int {
        let failures = Box(Array(repeating: 0, count: texts.count))
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            guard let json = try? CanonicalJSON.parse(texts[i]), let ballot = try? SecretBallot(json: json),
                  ballot.hasValidSignature, ballot.flaw(questions: questions, key: key) == nil
            else { failures.set(i, 1); return }
        }
        return failures.values.reduce(0, +)
    }
}

/// Slots written by concurrentPerform's iterations, each its own index.
final class Box<T>: @unchecked Sendable {
    private var storage: [T]
    private let lock = NSLock()
    init(_ values: [T]) { storage = values }
    func set(_ i: Int, _ value: T) { lock.withLock { storage[i] = value } }
    var values: [T] { lock.withLock { storage } }
}
