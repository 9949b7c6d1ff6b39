import CoopCore

/// The `tally` event of a secret election (docs/VOTING.md §6): how many ballots were counted and, per
/// question and slot, the sum of their ciphertexts. The identity (`00`) is allowed: a slot nobody ticked
/// in an election with no ballots sums to it.
public struct TallyEvent: Sendable, Equatable {
    public let ballots: Int
    public let ciphertexts: [[Ciphertext]]

    public init(ballots: Int, ciphertexts: [[Ciphertext]]) {
        (self.ballots, self.ciphertexts) = (ballots, ciphertexts)
    }

    public var json: JSONValue {
        ["ballots": .integer(Int64(ballots)),
         "ciphertexts": .array(ciphertexts.map { .array($0.map { ["alpha": .string($0.alpha.hex), "beta": .string($0.beta.hex)] }) })]
    }

    /// Reads the payload strictly; a failure names the field.
    public init(json value: JSONValue) throws(EncryptedAnswer.FormatError) {
        guard let object = value.objectValue, object.keys == ["ballots", "ciphertexts"],
              let ballots = object["ballots"]?.integerValue, ballots >= 0, let count = Int(exactly: ballots),
              let questions = object["ciphertexts"]?.arrayValue
        else { throw .init(path: "", reason: .shape) }
        var sums: [[Ciphertext]] = []
        for (q, question) in questions.enumerated() {
            guard let slots = question.arrayValue else { throw .init(path: "ciphertexts[\(q)]", reason: .shape) }
            var row: [Ciphertext] = []
            for (j, slot) in slots.enumerated() {
                let path = "ciphertexts[\(q)][\(j)]"
                guard let pair = slot.objectValue, pair.keys == ["alpha", "beta"] else { throw .init(path: path, reason: .shape) }
                row.append(Ciphertext(alpha: try Self.point(pair["alpha"], path + ".alpha"), beta: try Self.point(pair["beta"], path + ".beta")))
            }
            sums.append(row)
        }
        self.init(ballots: count, ciphertexts: sums)
    }

    /// A point of a tally or a factor: the identity is allowed.
    static func point(_ value: JSONValue?, _ path: String) throws(EncryptedAnswer.FormatError) -> ECPoint {
        guard let text = value?.stringValue else { throw .init(path: path, reason: .shape) }
        do { return try ECPoint.decode(hex: text, allowIdentity: true) } catch { throw .init(path: path, reason: .point(error)) }
    }
}

/// One teller's `decryption` event: its index and, for every slot of the tally, its factor D = x_i·A
/// with the proof that it used the share it registered.
public struct DecryptionEvent: Sendable, Equatable {
    public struct Factor: Sendable, Equatable {
        public let factor: ECPoint
        public let proof: ProofBranch
    }

    /// 1-based, the teller's position in the setup's `tellers`.
    public let teller: Int
    public let factors: [[Factor]]

    public init(teller: Int, factors: [[Factor]]) {
        (self.teller, self.factors) = (teller, factors)
    }

    public init(teller: Int, computed: [[(factor: ECPoint, proof: ProofBranch)]]) {
        self.init(teller: teller, factors: computed.map { $0.map { Factor(factor: $0.factor, proof: $0.proof) } })
    }

    public var json: JSONValue {
        ["factors": .array(factors.map { .array($0.map { ["factor": .string($0.factor.hex), "proof": $0.proof.json] }) }),
         "teller": .integer(Int64(teller))]
    }

    public init(json value: JSONValue) throws(EncryptedAnswer.FormatError) {
        guard let object = value.objectValue, object.keys == ["factors", "teller"],
              let teller = object["teller"]?.integerValue, let index = Int(exactly: teller), index >= 1,
              let questions = object["factors"]?.arrayValue
        else { throw .init(path: "", reason: .shape) }
        var factors: [[Factor]] = []
        for (q, question) in questions.enumerated() {
            guard let slots = question.arrayValue else { throw .init(path: "factors[\(q)]", reason: .shape) }
            var row: [Factor] = []
            for (j, slot) in slots.enumerated() {
                let path = "factors[\(q)][\(j)]"
                guard let pair = slot.objectValue, pair.keys == ["factor", "proof"], let proof = pair["proof"] else {
                    throw .init(path: path, reason: .shape)
                }
                row.append(Factor(factor: try TallyEvent.point(pair["factor"], path + ".factor"),
                                  proof: try ProofBranch(json: proof, path: path + ".proof")))
            }
            factors.append(row)
        }
        self.init(teller: index, factors: factors)
    }

    /// The first slot (question, slot; 0-based) whose factor is missing or does not prove out for
    /// this tally and the teller's share; nil when every one does.
    public func flaw(tally: [[Ciphertext]], share: ECPoint, electionHash: [UInt8]) -> (question: Int, slot: Int)? {
        SecretTally.factorFlaw(factors.map { $0.map { ($0.factor, $0.proof) } }, tally: tally, share: share, index: teller,
                               electionHash: electionHash)
    }
}
