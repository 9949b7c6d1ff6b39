import CoopCore
import Foundation
import Testing
@testable import Voting

/// A secret election's board against a forger: every item of docs/VOTING.md §12's verifier list, one
/// tamper each, most of them with the chain resealed (as a forger rewriting the board would), each
/// caught at its event and named.
@Suite struct SecretBoardTamperTests {
    typealias DB = VotingTestDatabase
    typealias Events = [JSONObject]

    static let questions = [DB.resolution, Question(text: "Conseil", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di"], min: 1, max: 2)]

    /// 1 setup, 2 credentials, 3 open, 4–6 ballots (6 replaces 4), 7 close, 8 tally, 9–10 decryptions, 11 result.
    static func talliedBoard() async throws -> (Data, ElectionDefinition, [CredentialCode]) {
        let db = try await DB()
        let (election, keys, codes) = try await SecretCountTests.openSecret(db, members: 3, tellers: 2, questions: questions)
        try await SecretCountTests.cast(db, election, codes[0], [[0], [0, 1]])
        try await SecretCountTests.cast(db, election, codes[1], [[1], [2]])
        try await SecretCountTests.cast(db, election, codes[0], [[2], [3]])
        db.setClock(DB.closes)
        _ = try await db.voting.close(election.id)
        for key in keys { _ = try await db.voting.postDecryption(election.id, try key.decryption(of: try await db.voting.boardJSON(election.id)).json) }
        return (try await db.voting.boardJSON(election.id), try #require(election.definition), codes)
    }

    func expectFailure(_ events: Events, seq: Int?, code: String, says words: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try BoardVerifier.verify(BoardVerifierTests.data(events))
            Issue.record("verified, but should fail at \(seq.map(String.init) ?? "-") with \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.seq == seq && error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let words { #expect(error.message(.fr).contains(words) || error.message(.en).contains(words), "\(error.message(.en))", sourceLocation: sourceLocation) }
            #expect(!error.message(.fr).isEmpty && error.message(.fr) != error.message(.en), sourceLocation: sourceLocation)
        }
    }

    /// `events` with event `seq`'s payload changed by `change`, the chain resealed from there.
    static func rewritten(_ events: Events, _ seq: Int, _ change: (inout JSONValue) -> Void) -> Events {
        var events = events
        var payload = events[seq - 1]["payload"]!
        change(&payload)
        events[seq - 1]["payload"] = payload
        return BoardVerifierTests.resealed(events, from: seq)
    }

    static func put(_ value: JSONValue, at path: [JSONParseError.PathComponent], in json: inout JSONValue) {
        guard let step = path.first else { json = value; return }
        switch (step, json) {
        case (.key(let key), .object(var object)):
            var inner = object[key] ?? .null
            put(value, at: Array(path.dropFirst()), in: &inner)
            object[key] = inner
            json = .object(object)
        case (.index(let i), .array(var array)):
            put(value, at: Array(path.dropFirst()), in: &array[i])
            json = .array(array)
        default: break
        }
    }

    /// A ballot event's payload for `answers` encrypted and signed with `code`.
    static func ballotPayload(_ answers: [[Int]], _ code: CredentialCode, _ definition: ElectionDefinition) throws -> JSONValue {
        try SecretBallot.cast(answers: answers, code: code, definition: definition, key: #require(definition.electionKey)).json
    }

    @Test func theHonestBoardVerifies() async throws {
        let (data, _, _) = try await Self.talliedBoard()
        let report = try BoardVerifier.verify(data)
        #expect(report.status == .tallied && report.events == 11 && report.tellers == 2 && report.decryptions == 2)
        #expect(report.recount?.questions.map(\.counts) == [[0, 1, 1], [0, 0, 1, 1]])
    }

    @Test func everyEventChangedWithoutResealingFailsAtItself() async throws {
        let (data, _, _) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        for seq in 1...events.count {
            var changed = events
            var payload = events[seq - 1]["payload"]!.objectValue!
            payload["x"] = 1
            changed[seq - 1]["payload"] = .object(payload)
            expectFailure(changed, seq: seq, code: "voting.verify.hash_mismatch")
        }
    }

    @Test func droppedDuplicatedAndReorderedEventsFail() async throws {
        let (data, _, _) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        // A counted ballot dropped: the tally announces one ballot too many.
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<4] + events[5...]), from: 5), seq: 7, code: "voting.verify.bad_tally",
                      says: "2 ballots announced, 1 counted")
        // The tally dropped, a decryption dropped, a decryption duplicated.
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<7] + events[8...]), from: 8), seq: 8, code: "voting.verify.out_of_order")
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<9] + events[10...]), from: 10), seq: 10, code: "voting.verify.out_of_order")
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<10] + [events[9]] + events[10...]), from: 11), seq: 11,
                      code: "voting.verify.bad_decryption", says: "already decrypted")
        // The tally before close, and two ballots swapped without resealing.
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<6] + [events[7], events[6]] + events[8...]), from: 7), seq: 7,
                      code: "voting.verify.out_of_order")
        var swapped = events
        swapped.swapAt(3, 4)
        expectFailure(swapped, seq: 4, code: "voting.verify.seq")
        // A ballot duplicated.
        expectFailure(BoardVerifierTests.resealed(Array(events[0..<5] + [events[4]] + events[5...]), from: 6), seq: 6,
                      code: "voting.verify.duplicate_ballot")
    }

    @Test func aForgedTellerKeyOrElectionKeyIsRefusedAtTheSetup() async throws {
        let (data, _, _) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        let forgedProof = Self.rewritten(events, 1) { (payload: inout JSONValue) in Self.put(JSONValue.string(Scalar.one.hex), at: [.key("tellers"), .index(0), .key("proof"), .key("s")], in: &payload) }
        expectFailure(forgedProof, seq: 1, code: "voting.verify.bad_setup", says: "invalid tellers")
        // A rogue last key: Y₂ chosen as Z − Y₁ without knowing its private part (its proof cannot hold).
        let rogue = Self.rewritten(events, 1) { (payload: inout JSONValue) in
            let y1 = try! ECPoint.decode(hex: payload["tellers"]!.arrayValue![0]["key"]!.stringValue!)
            let z = ECPoint.base(try! Scalar.random())
            Self.put(.string((z - y1).hex), at: [.key("tellers"), .index(1), .key("key")], in: &payload)
            Self.put(.string(z.hex), at: [.key("publicKey")], in: &payload)
        }
        expectFailure(rogue, seq: 1, code: "voting.verify.bad_setup")
        let wrongKey = Self.rewritten(events, 1) { (payload: inout JSONValue) in Self.put(JSONValue.string(ECPoint.generator.hex), at: [.key("publicKey")], in: &payload) }
        expectFailure(wrongKey, seq: 1, code: "voting.verify.bad_setup")
    }

    @Test func aBallotWithABadPointOrProofIsRefusedAtItsEvent() async throws {
        let (data, definition, codes) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        let alpha: [JSONParseError.PathComponent] = [.key("answers"), .index(1), .key("choices"), .index(2), .key("alpha")]
        // Off the curve: x = 1 has no y on P-256 (1 − 3 + b is not a square mod p).
        let offCurve = Self.rewritten(events, 5) { (payload: inout JSONValue) in Self.put(JSONValue.string("02" + String(repeating: "0", count: 63) + "1"), at: alpha, in: &payload) }
        expectFailure(offCurve, seq: 5, code: "voting.malformed_ballot", says: "choices[2].alpha")
        let infinity = Self.rewritten(events, 5) { (payload: inout JSONValue) in Self.put(JSONValue.string("00"), at: alpha, in: &payload) }
        expectFailure(infinity, seq: 5, code: "voting.malformed_ballot", says: "point at infinity refused")
        let beyondP = Self.rewritten(events, 5) { (payload: inout JSONValue) in Self.put(JSONValue.string("02" + String(repeating: "f", count: 64)), at: alpha, in: &payload) }
        expectFailure(beyondP, seq: 5, code: "voting.malformed_ballot", says: "x ≥ p")
        // A valid point in place of a ciphertext's: the signature no longer holds…
        let moved = Self.rewritten(events, 5) { (payload: inout JSONValue) in Self.put(JSONValue.string(ECPoint.generator.hex), at: alpha, in: &payload) }
        expectFailure(moved, seq: 5, code: "voting.bad_signature")
        // …and re-signed by the credential's holder, its proof does not.
        let resigned = Self.rewritten(events, 5) { (payload: inout JSONValue) in
            Self.put(.string(ECPoint.generator.hex), at: alpha, in: &payload)
            var ballot = try! SecretBallot(json: payload)
            let key = try! codes[1].privateKey(electionID: definition.id, salt: definition.salt)
            ballot = SecretBallot(election: ballot.election, electionHash: ballot.electionHash, credential: ballot.credential,
                                  answers: ballot.answers, signature: Hex.encode(try! key.sign(ballot.signingMessage)))
            payload = ballot.json
        }
        expectFailure(resigned, seq: 5, code: "voting.invalid_encrypted_answer", says: "slot 3")
        // A ballot that is honest but encrypts more choices than the question allows cannot be made:
        // SecretBallot.cast refuses, and a forged sum proof is one of the proofs above.
    }

    @Test func aCopiedBallotIsRefusedEvenWhenItsProofsHold() async throws {
        let (data, definition, codes) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        let key = try #require(definition.electionKey)
        // Two colluding voters with the same randomness: identical alphas, each ballot sound on its own.
        let randomness = try (0..<3).map { _ in try Scalar.random() }
        let approval = try (0..<4).map { _ in try Scalar.random() }
        func colluding(_ code: CredentialCode) throws -> JSONValue {
            let signer = try code.privateKey(electionID: definition.id, salt: definition.salt)
            let credential = try signer.publicKey.hex
            let context = { (q: Int) in
                EncryptedAnswer.context(electionHash: Hex.decode(definition.electionHash)!, key: key, credential: Hex.decode(credential)!, question: q)
            }
            let first = try SecretElectionTests.answer([1, 0, 0], randomness: randomness, key: key, context: context(0))
            let second = try EncryptedAnswer.encrypt([1, 0, 0, 0], slots: QuestionSlots(Self.questions[1]), key: key, context: context(1))
            _ = approval
            let unsigned = SecretBallot(election: definition.id, electionHash: definition.electionHash, credential: credential,
                                        answers: [first, second], signature: "")
            return SecretBallot(election: definition.id, electionHash: definition.electionHash, credential: credential, answers: [first, second],
                                signature: Hex.encode(try signer.sign(unsigned.signingMessage))).json
        }
        var forged = events
        forged[3]["payload"] = try colluding(codes[0])
        forged[4]["payload"] = try colluding(codes[1])
        expectFailure(BoardVerifierTests.resealed(forged, from: 4), seq: 5, code: "voting.copied_ballot")
    }

    @Test func aWrongTallyFactorOrResultIsRefused() async throws {
        let (data, _, _) = try await Self.talliedBoard()
        let events = try BoardVerifierTests.events(data)
        let tallied = Self.rewritten(events, 8) { (payload: inout JSONValue) in Self.put(JSONValue.string(ECPoint.generator.hex), at: [.key("ciphertexts"), .index(1), .index(3), .key("beta")], in: &payload) }
        expectFailure(tallied, seq: 8, code: "voting.verify.tally_mismatch", says: "question 2, slot 4")
        let counted = Self.rewritten(events, 8) { (payload: inout JSONValue) in Self.put(JSONValue.integer(3), at: [.key("ballots")], in: &payload) }
        expectFailure(counted, seq: 8, code: "voting.verify.bad_tally")
        let offCurve = Self.rewritten(events, 8) { (payload: inout JSONValue) in Self.put(JSONValue.string("02" + String(repeating: "0", count: 63) + "1"), at: [.key("ciphertexts"), .index(0), .index(0), .key("alpha")], in: &payload) }
        expectFailure(offCurve, seq: 8, code: "voting.verify.bad_tally", says: "ciphertexts[0][0].alpha")
        // A factor replaced (its proof left), a factor's proof changed, an unknown teller.
        let factor: [JSONParseError.PathComponent] = [.key("factors"), .index(0), .index(1)]
        let wrongFactor = Self.rewritten(events, 9) { (payload: inout JSONValue) in Self.put(JSONValue.string(ECPoint.generator.hex), at: factor + [.key("factor")], in: &payload) }
        expectFailure(wrongFactor, seq: 9, code: "voting.verify.bad_decryption", says: "question 1, slot 2")
        let wrongProof = Self.rewritten(events, 10) { (payload: inout JSONValue) in Self.put(JSONValue.string(Scalar.one.hex), at: factor + [.key("proof"), .key("c")], in: &payload) }
        expectFailure(wrongProof, seq: 10, code: "voting.verify.bad_decryption")
        let stranger = Self.rewritten(events, 10) { (payload: inout JSONValue) in Self.put(JSONValue.integer(3), at: [.key("teller")], in: &payload) }
        expectFailure(stranger, seq: 10, code: "voting.verify.bad_decryption", says: "no teller 3")
        let result = Self.rewritten(events, 11) { (payload: inout JSONValue) in Self.put(JSONValue.array([0, 2, 0]), at: [.key("questions"), .index(0), .key("counts")], in: &payload) }
        expectFailure(result, seq: 11, code: "voting.verify.result_mismatch")
    }
}
