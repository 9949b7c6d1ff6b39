import CoopCore

/// The JSON form of an encrypted answer on the board (docs/VOTING.md §5), read strictly: exactly the
/// fields named, points in the compressed form only (never the identity), scalars below n.
extension EncryptedAnswer {
    public var json: JSONValue {
        [
            "choices": .array(choices.map { ["alpha": .string($0.alpha.hex), "beta": .string($0.beta.hex)] }),
            "proofs": .array(proofs.map { .array($0.map(\.json)) }),
            "sum": .array(sum.map(\.json)),
        ]
    }

    /// What is wrong with a field of an encrypted answer, named for the refusal.
    public struct FormatError: Error, Equatable, Sendable {
        /// The path of the field (`choices[2].alpha`).
        public let path: String
        public let reason: Reason

        public enum Reason: Equatable, Sendable {
            case shape
            case point(ECPoint.DecodingError)
            case scalar

            /// What is wrong, for a person.
            public var words: LocalizedText {
                switch self {
                case .shape: LocalizedText(fr: "forme inattendue", en: "unexpected shape")
                case .point(.malformed): LocalizedText(fr: "un point s’écrit en 66 chiffres hexadécimaux minuscules, commençant par 02 ou 03",
                                                       en: "a point is 66 lower-case hex digits starting with 02 or 03")
                case .point(.outOfField): LocalizedText(fr: "coordonnée hors du corps (x ≥ p)", en: "coordinate outside the field (x ≥ p)")
                case .point(.notOnCurve): LocalizedText(fr: "point hors de la courbe P-256", en: "point not on the P-256 curve")
                case .point(.identity): LocalizedText(fr: "point à l’infini refusé", en: "point at infinity refused")
                case .scalar: LocalizedText(fr: "un scalaire s’écrit en 64 chiffres hexadécimaux minuscules, inférieur à n",
                                            en: "a scalar is 64 lower-case hex digits, below n")
                }
            }
        }
    }

    public init(json value: JSONValue) throws(FormatError) {
        guard let object = value.objectValue, object.keys == ["choices", "proofs", "sum"],
              let choices = object["choices"]?.arrayValue, let proofs = object["proofs"]?.arrayValue, let sum = object["sum"]?.arrayValue
        else { throw FormatError(path: "", reason: .shape) }
        var ciphertexts: [Ciphertext] = []
        for (j, choice) in choices.enumerated() {
            guard let pair = choice.objectValue, pair.keys == ["alpha", "beta"] else { throw FormatError(path: "choices[\(j)]", reason: .shape) }
            ciphertexts.append(Ciphertext(alpha: try Self.point(pair["alpha"], "choices[\(j)].alpha"),
                                          beta: try Self.point(pair["beta"], "choices[\(j)].beta")))
        }
        var bitProofs: [[ProofBranch]] = []
        for (j, proof) in proofs.enumerated() {
            guard let branches = proof.arrayValue else { throw FormatError(path: "proofs[\(j)]", reason: .shape) }
            bitProofs.append(try branches.enumerated().map { (b, branch) throws(FormatError) in
                try ProofBranch(json: branch, path: "proofs[\(j)][\(b)]")
            })
        }
        let sumBranches = try sum.enumerated().map { (b, branch) throws(FormatError) in try ProofBranch(json: branch, path: "sum[\(b)]") }
        self.init(choices: ciphertexts, proofs: bitProofs, sum: sumBranches)
    }

    static func point(_ value: JSONValue?, _ path: String) throws(FormatError) -> ECPoint {
        guard let text = value?.stringValue else { throw FormatError(path: path, reason: .shape) }
        do { return try ECPoint.decode(hex: text) } catch { throw FormatError(path: path, reason: .point(error)) }
    }
}

extension ProofBranch {
    public var json: JSONValue { ["c": .string(c.hex), "s": .string(s.hex)] }

    init(json value: JSONValue, path: String) throws(EncryptedAnswer.FormatError) {
        guard let object = value.objectValue, object.keys == ["c", "s"] else { throw .init(path: path, reason: .shape) }
        guard let c = object["c"]?.stringValue.flatMap(Scalar.init(hex:)) else { throw .init(path: path + ".c", reason: .scalar) }
        guard let s = object["s"]?.stringValue.flatMap(Scalar.init(hex:)) else { throw .init(path: path + ".s", reason: .scalar) }
        self.init(c: c, s: s)
    }
}
