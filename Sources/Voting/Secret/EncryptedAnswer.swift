import CoopCore

/// One question's part of a secret ballot: a ciphertext per slot, each with its bit proof, and the
/// proof that their sum lies in the question's range (docs/VOTING.md §5). Made in the voter's client;
/// the server and every verifier check it without learning the answer.
public struct EncryptedAnswer: Sendable, Equatable {
    public let choices: [Ciphertext]
    /// Two branches per slot: the value is 0 or 1.
    public let proofs: [[ProofBranch]]
    /// One branch per value of the range, lo…hi.
    public let sum: [ProofBranch]

    public init(choices: [Ciphertext], proofs: [[ProofBranch]], sum: [ProofBranch]) {
        (self.choices, self.proofs, self.sum) = (choices, proofs, sum)
    }

    /// What binds a question's proofs to one ballot: `ctx_q = electionHash ‖ pt(Y) ‖ credential ‖ u16(q)`.
    /// The credential (the voter's Ed25519 public key, 32 bytes) is in it, so a ballot copied under
    /// another credential does not verify.
    public static func context(electionHash: [UInt8], key: ECPoint, credential: [UInt8], question: Int) -> [UInt8] {
        electionHash + key.compressed + credential + u16(question)
    }

    /// Encrypts and proves the slot values (from `QuestionSlots.values`) under the election key.
    public static func encrypt(_ values: [Int], slots: QuestionSlots, key: ECPoint, context: [UInt8]) throws -> EncryptedAnswer {
        precondition(values.count == slots.count && values.allSatisfy { $0 == 0 || $0 == 1 })
        var choices: [Ciphertext] = [], proofs: [[ProofBranch]] = []
        var total = Ciphertext.zero, randomness = Scalar.zero
        for (j, m) in values.enumerated() {
            let r = try Scalar.random()
            let ciphertext = Ciphertext.encrypt(m, key: key, randomness: r)
            choices.append(ciphertext)
            proofs.append(try RangeProof.prove(ciphertext, value: m, randomness: r, key: key, range: 0...1, tag: "bit", statement: context + u16(j)))
            total = total + ciphertext
            randomness = randomness + r
        }
        let sum = try RangeProof.prove(total, value: values.reduce(0, +), randomness: randomness, key: key, range: slots.range, tag: "sum",
                                       statement: context + u16(slots.range.lowerBound) + u16(slots.range.upperBound))
        return EncryptedAnswer(choices: choices, proofs: proofs, sum: sum)
    }

    /// What a verifier found wrong with an encrypted answer, for a refusal that names it.
    public enum Flaw: Error, Equatable, Sendable {
        case slotCount(expected: Int, got: Int)
        case bitProof(slot: Int)
        case sumProof
    }

    /// Checks the shape and every proof; nil when the answer is sound.
    public func flaw(slots: QuestionSlots, key: ECPoint, context: [UInt8]) -> Flaw? {
        guard choices.count == slots.count, proofs.count == slots.count else {
            return .slotCount(expected: slots.count, got: choices.count)
        }
        for (j, ciphertext) in choices.enumerated() {
            guard proofs[j].count == 2, RangeProof.verify(proofs[j], ciphertext, key: key, range: 0...1, tag: "bit", statement: context + u16(j))
            else { return .bitProof(slot: j) }
        }
        let total = choices.reduce(Ciphertext.zero, +)
        guard RangeProof.verify(sum, total, key: key, range: slots.range, tag: "sum",
                                statement: context + u16(slots.range.lowerBound) + u16(slots.range.upperBound))
        else { return .sumProof }
        return nil
    }
}
