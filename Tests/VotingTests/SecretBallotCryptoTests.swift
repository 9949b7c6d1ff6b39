import CoopCore
import Foundation
import Testing
@testable import Voting

/// The pieces of coop-voting-2 (../shared/VOTING-2.md): tellers' key shares and their proofs, exponential
/// ElGamal whose sums decrypt to counts, the disjunctive bit and sum proofs, decryption factors and
/// their proofs, and the discrete logarithm of a count. Each proof is checked to accept what is true
/// and to refuse the statement changed in any field.
@Suite struct SecretBallotCryptoTests {
    static let salt = Array(repeating: UInt8(7), count: 16)
    static let electionHash = Array(SHA256.hash("E-0001 definition"))

    /// Three tellers: their private shares, public shares and the election key.
    static func tellers(_ count: Int = 3) throws -> (x: [Scalar], shares: [ECPoint], key: ECPoint) {
        let x = try (0..<count).map { _ in try Scalar.random() }
        let shares = x.map(ECPoint.base)
        return (x, shares, shares.dropFirst().reduce(shares[0], +))
    }

    static func context(key: ECPoint, credential: UInt8 = 1, question: Int = 0) -> [UInt8] {
        electionHash + key.compressed + Array(repeating: credential, count: 32) + u16(question)
    }

    @Test func keySharesAreProvedAndBoundToTheirElection() throws {
        let x = try Scalar.random()
        let (share, proof) = try TellerProofs.proveKeyShare(x, election: "E-0001", salt: Self.salt)
        #expect(share == ECPoint.base(x))
        #expect(TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Self.salt))
        #expect(!TellerProofs.verifyKeyShare(share, proof, election: "E-0002", salt: Self.salt), "another election")
        #expect(!TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Array(repeating: 8, count: 16)), "another salt")
        // The rogue key: a last teller publishing Z − ΣY_j knows no private part and cannot prove one; a
        // proof made for its own real key does not carry over.
        let (_, _, sum) = try Self.tellers(2)
        let rogue = ECPoint.base(try Scalar.random()) - sum
        #expect(!TellerProofs.verifyKeyShare(rogue, proof, election: "E-0001", salt: Self.salt))
        #expect(!TellerProofs.verifyKeyShare(.identity, proof, election: "E-0001", salt: Self.salt))
        let forged = ProofBranch(c: proof.c, s: proof.s + .one)
        #expect(!TellerProofs.verifyKeyShare(share, forged, election: "E-0001", salt: Self.salt))
    }

    @Test func bitProofsAcceptZeroAndOneAndNothingElse() throws {
        let (_, _, key) = try Self.tellers()
        let ctx = Self.context(key: key)
        for m in [0, 1] {
            let r = try Scalar.random()
            let ciphertext = Ciphertext.encrypt(m, key: key, randomness: r)
            let proof = try RangeProof.prove(ciphertext, value: m, randomness: r, key: key, range: 0...1, tag: "bit", statement: ctx + u16(3))
            #expect(RangeProof.verify(proof, ciphertext, key: key, range: 0...1, tag: "bit", statement: ctx + u16(3)))
            // Bound to the slot, the question, the credential, the tag.
            #expect(!RangeProof.verify(proof, ciphertext, key: key, range: 0...1, tag: "bit", statement: ctx + u16(4)))
            #expect(!RangeProof.verify(proof, ciphertext, key: key, range: 0...1, tag: "bit", statement: Self.context(key: key, credential: 2) + u16(3)),
                    "a ballot's proofs do not carry over to another credential (copy attack)")
            #expect(!RangeProof.verify(proof, ciphertext, key: key, range: 0...1, tag: "sum", statement: ctx + u16(3)))
            // Any field changed.
            var changed = proof
            changed[0] = ProofBranch(c: proof[0].c + .one, s: proof[0].s)
            #expect(!RangeProof.verify(changed, ciphertext, key: key, range: 0...1, tag: "bit", statement: ctx + u16(3)))
            let other = Ciphertext(alpha: ciphertext.alpha, beta: ciphertext.beta + ECPoint.generator)
            #expect(!RangeProof.verify(proof, other, key: key, range: 0...1, tag: "bit", statement: ctx + u16(3)))
        }
        // An encryption of 2 has no bit proof: one made for a real bit does not fit it.
        let r = try Scalar.random()
        let two = Ciphertext.encrypt(2, key: key, randomness: r)
        let proofOfOne = try RangeProof.prove(Ciphertext.encrypt(1, key: key, randomness: r), value: 1, randomness: r, key: key,
                                              range: 0...1, tag: "bit", statement: ctx)
        #expect(!RangeProof.verify(proofOfOne, two, key: key, range: 0...1, tag: "bit", statement: ctx))
    }

    @Test func aSumProofBoundsAnApprovalQuestion() throws {
        let (_, _, key) = try Self.tellers()
        let ctx = Self.context(key: key)
        let votes = [1, 0, 1, 1, 0]
        let rs = try votes.map { _ in try Scalar.random() }
        let slots = zip(votes, rs).map { Ciphertext.encrypt($0, key: key, randomness: $1) }
        let sum = slots.reduce(Ciphertext.zero, +)
        let total = rs.reduce(Scalar.zero, +)
        let statement = ctx + u16(1) + u16(3)
        let proof = try RangeProof.prove(sum, value: 3, randomness: total, key: key, range: 1...3, tag: "sum", statement: statement)
        #expect(proof.count == 3)
        #expect(RangeProof.verify(proof, sum, key: key, range: 1...3, tag: "sum", statement: statement))
        #expect(!RangeProof.verify(proof, sum, key: key, range: 1...4, tag: "sum", statement: statement), "another range")
        #expect(!RangeProof.verify(Array(proof.dropLast()), sum, key: key, range: 1...3, tag: "sum", statement: statement))
        #expect(!RangeProof.verify(proof, sum + slots[1], key: key, range: 1...3, tag: "sum", statement: statement))
    }

    /// Three tellers, a tally of 40 encrypted votes: each posts its factor with a proof, and the count
    /// comes out of B − ΣD without anyone opening a ballot.
    @Test func threeTellersDecryptATallyAndOnlyATrueFactorVerifies() throws {
        let (x, shares, key) = try Self.tellers()
        let votes = (0..<40).map { $0 % 3 == 0 ? 1 : 0 }
        let tally = try votes.map { Ciphertext.encrypt($0, key: key, randomness: try Scalar.random()) }.reduce(Ciphertext.zero, +)
        var factors: [ECPoint] = []
        for (i, xi) in x.enumerated() {
            let (factor, proof) = try TellerProofs.decryptionFactor(xi, alpha: tally.alpha, electionHash: Self.electionHash, index: i + 1,
                                                                    question: 0, slot: 2)
            #expect(TellerProofs.verifyDecryptionFactor(factor, proof, share: shares[i], alpha: tally.alpha, electionHash: Self.electionHash,
                                                        index: i + 1, question: 0, slot: 2))
            #expect(!TellerProofs.verifyDecryptionFactor(factor, proof, share: shares[i], alpha: tally.alpha, electionHash: Self.electionHash,
                                                         index: i + 1, question: 0, slot: 3), "another slot")
            let wrong = factor + ECPoint.generator
            #expect(!TellerProofs.verifyDecryptionFactor(wrong, proof, share: shares[i], alpha: tally.alpha, electionHash: Self.electionHash,
                                                         index: i + 1, question: 0, slot: 2), "a wrong factor")
            factors.append(factor)
        }
        let revealed = tally.beta - factors.dropFirst().reduce(factors[0], +)
        #expect(DiscreteLog(maximum: votes.count).count(revealed) == votes.reduce(0, +))
        // Two of three tellers are not enough: the point is no small multiple of G.
        let partial = tally.beta - (factors[0] + factors[1])
        #expect(DiscreteLog(maximum: votes.count).count(partial) == nil)
    }

    @Test func discreteLogFindsEveryCountUpToItsMaximum() {
        let log = DiscreteLog(maximum: 1000)
        for count in [0, 1, 2, 31, 32, 33, 57, 999, 1000] {
            #expect(log.count(count == 0 ? .identity : ECPoint.base(Scalar(UInt64(count)))) == count, "\(count)")
        }
        #expect(log.count(ECPoint.base(Scalar(1001))) == nil)
    }
}

/// A question's encrypted answer: the slots of each kind, encryption and proofs in the voter's client,
/// the verifier's checks, and that the tally of many answers decrypts to the plaintext count.
@Suite struct EncryptedAnswerTests {
    static let credential = Array(repeating: UInt8(0xab), count: 32)

    @Test func rankingsAreNumberedByLengthThenInOrder() {
        #expect(QuestionSlots.rankings(3) == [[0], [1], [2], [0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1],
                                      [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]])
        #expect(QuestionSlots.rankings(4).count == 64)
        #expect(QuestionSlots(Question(text: "Q", kind: .ranked, choices: ["a", "b", "c"])) == QuestionSlots(count: 15, range: 1...1))
        #expect(QuestionSlots(Question(text: "Q", kind: .approval, choices: ["a", "b", "c", "d", "e", "f", "g"], min: 0, max: 3)).range == 0...3)
        #expect(QuestionSlots.values(Question(text: "Q", kind: .ranked, choices: ["a", "b", "c"]), answer: [1, 0]) ==
                [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(QuestionSlots.values(Question(text: "Q", kind: .ranked, choices: ["a", "b", "c", "d", "e"]), answer: [0]) == nil, "5 choices: too many slots")
        #expect(QuestionSlots.values(Question(text: "Q", kind: .single, choices: ["a", "b"]), answer: [0, 1]) == nil)
    }

    @Test(arguments: [
        (Question(text: "Adopter ?", kind: .single, choices: ["Pour", "Contre", "Abstention"]), [1]),
        (Question(text: "Conseil", kind: .approval, choices: ["A", "B", "C", "D", "E", "F", "G"], min: 0, max: 3), [0, 4, 6]),
        (Question(text: "Priorités", kind: .ranked, choices: ["Outils", "Local", "Vélo"]), [2, 0]),
    ])
    func anHonestAnswerVerifiesAndATamperedOneIsNamed(_ question: Question, _ answer: [Int]) throws {
        let (_, _, key) = try SecretBallotCryptoTests.tellers()
        let slots = QuestionSlots(question)
        let context = EncryptedAnswer.context(electionHash: SecretBallotCryptoTests.electionHash, key: key, credential: Self.credential, question: 1)
        let values = try #require(QuestionSlots.values(question, answer: answer))
        let encrypted = try EncryptedAnswer.encrypt(values, slots: slots, key: key, context: context)
        #expect(encrypted.flaw(slots: slots, key: key, context: context) == nil)

        let other = EncryptedAnswer.context(electionHash: SecretBallotCryptoTests.electionHash, key: key,
                                            credential: Array(repeating: 0xcd, count: 32), question: 1)
        #expect(encrypted.flaw(slots: slots, key: key, context: other) == .bitProof(slot: 0), "copied under another credential")
        var choices = encrypted.choices
        choices.swapAt(0, 1)
        #expect(EncryptedAnswer(choices: choices, proofs: encrypted.proofs, sum: encrypted.sum).flaw(slots: slots, key: key, context: context)
                == .bitProof(slot: 0), "slots swapped")
        #expect(EncryptedAnswer(choices: Array(encrypted.choices.dropLast()), proofs: Array(encrypted.proofs.dropLast()), sum: encrypted.sum)
                .flaw(slots: slots, key: key, context: context) == .slotCount(expected: slots.count, got: slots.count - 1))
        // Every slot a valid 0/1 but the sum out of range: two choices on a single-choice question.
        if question.kind == .single {
            let two = try EncryptedAnswer.encrypt([1, 1, 0], slots: QuestionSlots(count: 3, range: 1...2), key: key, context: context)
            #expect(EncryptedAnswer(choices: two.choices, proofs: two.proofs, sum: encrypted.sum).flaw(slots: slots, key: key, context: context)
                    == .sumProof)
        }
    }

    /// 30 voters on an approval question: the slot-wise sum of their encrypted answers, decrypted by
    /// three tellers, equals the plaintext count of each choice.
    @Test func theTallyOfEncryptedAnswersIsThePlaintextCount() throws {
        let (x, _, key) = try SecretBallotCryptoTests.tellers()
        let question = Question(text: "Conseil", kind: .approval, choices: ["A", "B", "C", "D"], min: 1, max: 2)
        let slots = QuestionSlots(question)
        var tally = Array(repeating: Ciphertext.zero, count: slots.count)
        var expected = Array(repeating: 0, count: slots.count)
        for voter in 0..<30 {
            let answer = [voter % 4, (voter + 1) % 4].prefix(voter % 2 + 1).map { $0 }
            let values = try #require(QuestionSlots.values(question, answer: answer))
            let credential = Array(repeating: UInt8(voter), count: 32)
            let context = EncryptedAnswer.context(electionHash: SecretBallotCryptoTests.electionHash, key: key, credential: credential, question: 0)
            let encrypted = try EncryptedAnswer.encrypt(values, slots: slots, key: key, context: context)
            #expect(encrypted.flaw(slots: slots, key: key, context: context) == nil)
            for j in 0..<slots.count { tally[j] = tally[j] + encrypted.choices[j]; expected[j] += values[j] }
        }
        let log = DiscreteLog(maximum: 30)
        let counts = tally.map { slot in log.count(slot.beta - x.map { slot.alpha.times($0) }.reduce(.identity, +)) }
        #expect(counts == expected.map(Optional.some))
    }
}

/// A whole coop-voting-2 ballot: cast on the voter's side (encrypted, proved, signed with the
/// credential), read back from its canonical JSON, checked; each kind of tampering is named.
@Suite struct SecretBallotTests {
    static let questions = [
        Question(text: "Adopter les comptes ?", kind: .single, choices: ["Pour", "Contre", "Abstention"], threshold: .majority),
        Question(text: "Conseil", kind: .approval, choices: ["A", "B", "C", "D", "E", "F", "G"], min: 0, max: 3),
        Question(text: "Priorités", kind: .ranked, choices: ["Outils", "Local", "Vélo"]),
    ]

    static func definition() -> ElectionDefinition {
        ElectionDefinition(id: "E-0001", title: "AG 2026", questions: questions, opens: Instant(milliseconds: 0),
                           closes: Instant(milliseconds: 86_400_000), cutoff: Instant(milliseconds: 0), quorumPercent: nil,
                           salt: String(repeating: "ab", count: 16))
    }

    @Test func aCastBallotReadsBackFromItsJSONAndVerifies() throws {
        let (_, _, key) = try SecretBallotCryptoTests.tellers()
        let ballot = try SecretBallot.cast(answers: [[0], [1, 5], [2, 0, 1]], code: try CredentialCode.generate(),
                                           definition: Self.definition(), key: key)
        #expect(ballot.hasValidSignature)
        #expect(ballot.flaw(questions: Self.questions, key: key) == nil)
        #expect(ballot.answers.map(\.choices.count) == [3, 7, 15])
        let text = CanonicalJSON.string(ballot.json)
        let parsed = try CanonicalJSON.parse(Data(text.utf8))
        let answers = try parsed.objectValue!["answers"]!.arrayValue!.map { try EncryptedAnswer(json: $0) }
        #expect(answers == ballot.answers)
        #expect(Set(ballot.alphas).count == 25)
    }

    @Test func tamperedFieldsAreRefusedAndNamed() throws {
        let (_, _, key) = try SecretBallotCryptoTests.tellers()
        let ballot = try SecretBallot.cast(answers: [[1], [], [0]], code: try CredentialCode.generate(), definition: Self.definition(), key: key)
        var json = ballot.answers[0].json
        func replacing(_ path: (inout JSONObject) -> Void) -> JSONValue {
            guard case .object(var object) = json else { return json }
            path(&object)
            return .object(object)
        }
        let g = ECPoint.generator.hex
        // A point at infinity, a point off the curve (no y for x = 1), upper-case hex, a scalar equal to n.
        for (value, expected) in [
            ("00", EncryptedAnswer.FormatError(path: "choices[0].alpha", reason: .point(.identity))),
            ("02" + String(repeating: "0", count: 63) + "1", EncryptedAnswer.FormatError(path: "choices[0].alpha", reason: .point(.notOnCurve))),
            (g.uppercased(), EncryptedAnswer.FormatError(path: "choices[0].alpha", reason: .point(.malformed))),
        ] {
            json = ballot.answers[0].json
            let changed = replacing { object in
                var choices = object["choices"]!.arrayValue!
                guard case .object(var first) = choices[0] else { return }
                first["alpha"] = .string(value)
                choices[0] = .object(first)
                object["choices"] = .array(choices)
            }
            #expect(throws: expected) { try EncryptedAnswer(json: changed) }
        }
        json = ballot.answers[0].json
        let n = replacing { object in
            var sum = object["sum"]!.arrayValue!
            sum[0] = ["c": .string(Hex.encode(P256.order)), "s": sum[0].objectValue!["s"]!]
            object["sum"] = .array(sum)
        }
        #expect(throws: EncryptedAnswer.FormatError(path: "sum[0].c", reason: .scalar)) { try EncryptedAnswer(json: n) }

        // A valid answer copied from another ballot (another credential) does not verify in this one.
        let other = try SecretBallot.cast(answers: [[0], [], [0]], code: try CredentialCode.generate(), definition: Self.definition(), key: key)
        let mixed = SecretBallot(election: ballot.election, electionHash: ballot.electionHash, credential: ballot.credential,
                                 answers: [other.answers[0]] + ballot.answers.dropFirst(), signature: ballot.signature)
        #expect(mixed.flaw(questions: Self.questions, key: key)?.question == 0)
        #expect(!mixed.hasValidSignature)
        // A ballot encrypted under another key does not verify under the election's.
        let (_, _, otherKey) = try SecretBallotCryptoTests.tellers()
        #expect(ballot.flaw(questions: Self.questions, key: otherKey) != nil)
    }
}

extension SecretBallotTests {
    @Test func aBallotReadsBackWholeAndABadPointIsNamedInBothLanguages() throws {
        let (_, _, key) = try SecretBallotCryptoTests.tellers()
        let ballot = try SecretBallot.cast(answers: [[2], [3], [1]], code: try CredentialCode.generate(), definition: Self.definition(), key: key)
        #expect(try SecretBallot(json: CanonicalJSON.parse(Data(ballot.canonicalJSON))) == ballot)
        let text = String(decoding: ballot.canonicalJSON, as: UTF8.self)
        let alpha = ballot.answers[1].choices[0].alpha.hex
        let broken = text.replacingOccurrences(of: alpha, with: "02" + String(repeating: "0", count: 63) + "1")
        do {
            _ = try SecretBallot(json: CanonicalJSON.parse(Data(broken.utf8)))
            Issue.record("a point off the curve was accepted")
        } catch let error as CoopError {
            #expect(error.message(.fr).contains("question 2, champ `choices[0].alpha` : point hors de la courbe P-256"), "\(error.message(.fr))")
            #expect(error.message(.en).contains("question 2, field `choices[0].alpha`: point not on the P-256 curve"))
        }
    }
}

/// 60 voters, the three kinds of question, three tellers: the secret tally's result is the result of a
/// plaintext recount of the same answers, and a teller's wrong factor is caught at its slot.
@Suite struct SecretTallyTests {
    @Test func theSecretResultEqualsThePlaintextRecount() throws {
        let (x, shares, key) = try SecretBallotCryptoTests.tellers()
        let definition = SecretBallotTests.definition()
        let hash = Hex.decode(definition.electionHash)!
        var plaintext: [[[Int]]] = [], ballots: [SecretBallot] = []
        for i in 0..<60 {
            let answers = [[i % 3], Array(Set([i % 7, (i / 7) % 7, (i * 3) % 7])).sorted(), Array([[0], [1, 2], [2, 0, 1], [1], [2, 1]][i % 5])]
            plaintext.append(answers)
            ballots.append(try SecretBallot.cast(answers: answers, code: try CredentialCode.generate(), definition: definition, key: key))
        }
        let tally = SecretTally.sum(ballots, questions: definition.questions)
        var factors: [[[ECPoint]]] = []
        for (i, xi) in x.enumerated() {
            let posted = try SecretTally.decrypt(tally, share: xi, index: i + 1, electionHash: hash)
            #expect(SecretTally.factorFlaw(posted, tally: tally, share: shares[i], index: i + 1, electionHash: hash) == nil)
            factors.append(posted.map { $0.map(\.factor) })
        }
        let counts = try #require(SecretTally.counts(tally, factors: factors, ballots: 60))
        let secret = SecretTally.result(definition: definition, electionHash: definition.electionHash, eligible: 80, ballotEvents: 60,
                                        voted: 60, counts: counts)
        let recount = Tally.compute(definition: definition, electionHash: definition.electionHash, eligible: 80, ballotEvents: 60, answers: plaintext)
        #expect(secret.questions.map { $0.with(rankingCounts: nil) } == recount.questions)
        #expect(secret.questions[2].rankingCounts == counts[2] && secret.questions[0].rankingCounts == nil)
        #expect(counts[2].reduce(0, +) == 60, "one ranking per ballot")

        // A factor made with another teller's share is caught at its slot; two tellers' factors reveal nothing.
        var forged = try SecretTally.decrypt(tally, share: x[0], index: 2, electionHash: hash)
        forged[1][4] = (tally[1][4].alpha.times(x[0]), forged[1][4].proof)
        #expect(SecretTally.factorFlaw(forged, tally: tally, share: shares[1], index: 2, electionHash: hash)?.question == 0)
        #expect(SecretTally.counts(tally, factors: Array(factors.prefix(2)), ballots: 60) == nil)
    }
}

/// A teller's key file: the private share opens only with the passphrase, the public part proves
/// itself, and a pieced-together or altered file is refused.
@Suite struct TellerKeyTests {
    @Test func aKeyFileOpensOnlyWithItsPassphrase() throws {
        let key = try TellerKey.generate(election: "E-0001", salt: "00112233445566778899aabbccddeeff")
        let file = try key.fileJSON(passphrase: "cheval agrafe batterie")
        let (election, share, proof) = try TellerKey.publicPart(key.publicJSON)
        #expect(election == "E-0001" && share == key.share)
        #expect(TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Hex.decode("00112233445566778899aabbccddeeff")!))
        let reopened = try TellerKey(file: file, passphrase: "cheval agrafe batterie")
        #expect(reopened.share == key.share)
        #expect(throws: CoopError.tellerKeyLocked()) { try TellerKey(file: file, passphrase: "cheval agrafe batteriE") }
        #expect(throws: CoopError.tellerPassphraseTooShort(min: 12)) { try key.fileJSON(passphrase: "court") }
        #expect(CoopError.tellerKeyLocked().message(.fr).hasPrefix("Phrase de passe incorrecte"))
        // The private share of one file under another file's public share: refused.
        let other = try TellerKey.generate(election: "E-0001", salt: "00112233445566778899aabbccddeeff")
        guard case .object(var pieced) = file, case .object(let theirs) = other.publicJSON else { return }
        pieced["share"] = theirs["share"]
        pieced["proof"] = theirs["proof"]
        #expect(throws: CoopError.tellerKeyLocked()) { try TellerKey(file: .object(pieced), passphrase: "cheval agrafe batterie") }
        #expect(throws: CoopError.self) { try TellerKey.publicPart(["protocol": "coop-voting-1"]) }
    }

    @Test func aTellerDecryptsWithItsFileKey() throws {
        let keys = try (0..<2).map { _ in try TellerKey.generate(election: "E-0001", salt: "00112233445566778899aabbccddeeff") }
        let y = keys[0].share + keys[1].share
        let tally = [[try (0..<5).map { i in Ciphertext.encrypt(i % 2, key: y, randomness: try Scalar.random()) }.reduce(Ciphertext.zero, +)]]
        let hash = SecretBallotCryptoTests.electionHash
        let factors = try keys.enumerated().map { i, key in try key.decrypt(tally, index: i + 1, electionHash: hash).map { $0.map(\.factor) } }
        #expect(SecretTally.counts(tally, factors: factors, ballots: 5) == [[2]])
    }
}

/// A secret election's `setup`: coop-voting-2 with P-256, the tellers' shares and proofs, and the key
/// they sum to, covered by the election hash; coop-voting-1's setup is unchanged.
@Suite struct SecretSetupTests {
    static func shares(_ count: Int, election: String = "E-0001") throws -> [TellerShare] {
        try (0..<count).map { _ in
            let key = try TellerKey.generate(election: election, salt: SecretBallotTests.definition().salt)
            return TellerShare(share: key.share, proof: key.proof)
        }
    }

    static func secret(_ tellers: [TellerShare]) -> ElectionDefinition {
        let v1 = SecretBallotTests.definition()
        return ElectionDefinition(id: v1.id, title: v1.title, questions: v1.questions, opens: v1.opens, closes: v1.closes,
                                  cutoff: v1.cutoff, quorumPercent: v1.quorumPercent, salt: v1.salt, tellers: tellers,
                                  booth: String(repeating: "0f", count: 32))
    }

    @Test func aSecretSetupReadsBackAndACoopVoting1SetupIsUnchanged() throws {
        let v1 = SecretBallotTests.definition()
        #expect(v1.json.objectValue?.keys == ["closes", "cutoff", "id", "opens", "protocol", "questions", "salt", "title"])
        #expect(try ElectionDefinition(json: v1.json) == v1)

        let tellers = try Self.shares(3)
        let secret = Self.secret(tellers)
        #expect(secret.json.objectValue?["protocol"] == .string("coop-voting-2"))
        #expect(secret.json.objectValue?["group"] == .string("P-256"))
        #expect(try ElectionDefinition(json: secret.json) == secret)
        #expect(secret.electionHash != v1.electionHash)
        #expect(secret.electionKey == tellers.map { try! ECPoint.decode(hex: $0.key) }.reduce(.identity, +))
    }

    @Test func aSetupWithBadTellersIsRefused() throws {
        let tellers = try Self.shares(2)
        let foreign = try Self.shares(1, election: "E-0002")
        for bad in [[], tellers + [tellers[0]], tellers + foreign] {
            #expect(throws: (any Error).self, "\(bad.count) tellers") { try ElectionDefinition(json: Self.secret(bad).json) }
        }
        // A public key that is not the sum of the shares.
        guard case .object(var object) = Self.secret(tellers).json else { return }
        object["publicKey"] = .string(ECPoint.generator.hex)
        #expect(throws: (any Error).self) { try ElectionDefinition(json: .object(object)) }
    }

    /// The booth's fingerprint is part of a secret setup (so of the election hash every ballot signs):
    /// required, 64 lower-case hex digits, and absent from a coop-voting-1 setup.
    @Test func aSecretSetupHoldsItsBoothFingerprint() throws {
        let secret = Self.secret(try Self.shares(1))
        #expect(secret.json.objectValue?["booth"] == .string(String(repeating: "0f", count: 32)))
        guard case .object(let object) = secret.json, case .object(let v1) = SecretBallotTests.definition().json else { return }
        for bad: JSONValue? in [nil, .string(String(repeating: "0F", count: 32)), .string("0f"), .integer(1)] {
            var changed = object
            changed["booth"] = bad
            #expect(throws: (any Error).self, "\(bad.map(\.description) ?? "absent")") { try ElectionDefinition(json: .object(changed)) }
        }
        var changed = object
        changed["booth"] = .string(String(repeating: "1f", count: 32))
        #expect(CanonicalJSON.sha256Hex(.object(changed)) != secret.electionHash, "another booth, another election hash")
        var withBooth = v1
        withBooth["booth"] = .string(String(repeating: "0f", count: 32))
        #expect(throws: (any Error).self, "coop-voting-1 has no booth field") { try ElectionDefinition(json: .object(withBooth)) }
    }
}
