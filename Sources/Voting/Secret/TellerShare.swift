import CoopCore

/// One teller's public key share in a secret election's `setup`: `{"key": Y_i, "proof": {"c", "s"}}`.
public struct TellerShare: Sendable, Codable, Equatable {
    /// Y_i, compressed hex.
    public let key: String
    public let proof: Proof

    public struct Proof: Sendable, Codable, Equatable {
        public let c: String
        public let s: String
    }

    public init(key: String, proof: Proof) {
        self.key = key
        self.proof = proof
    }

    public init(share: ECPoint, proof: ProofBranch) {
        key = share.hex
        self.proof = Proof(c: proof.c.hex, s: proof.s.hex)
    }

    /// Why a list of shares cannot make an election key: nil when there is at least one, each decodes
    /// and proves out for this election and salt, and no two are equal (docs/VOTING.md §3).
    public static func problem(_ shares: [TellerShare], election: String, salt: [UInt8]) -> String? {
        guard !shares.isEmpty else { return "no teller" }
        var seen: Set<String> = []
        for (i, share) in shares.enumerated() {
            guard let point = try? ECPoint.decode(hex: share.key), let c = Scalar(hex: share.proof.c), let s = Scalar(hex: share.proof.s) else {
                return "teller \(i + 1): not a key share"
            }
            guard TellerProofs.verifyKeyShare(point, ProofBranch(c: c, s: s), election: election, salt: salt) else {
                return "teller \(i + 1): its proof does not verify"
            }
            guard seen.insert(share.key).inserted else { return "teller \(i + 1): the same key as another teller" }
        }
        return nil
    }

    /// Y = ΣY_i, nil if a share does not decode.
    public static func electionKey(_ shares: [TellerShare]) -> ECPoint? {
        var key = ECPoint.identity
        for share in shares {
            guard let point = try? ECPoint.decode(hex: share.key) else { return nil }
            key = key + point
        }
        return shares.isEmpty ? nil : key
    }
}
