import CoopCore

/// A teller's proofs: that it knows the private part of its key share (so no teller can choose its
/// share after seeing the others', the rogue-key attack), and that each decryption factor it posts is
/// its share applied to the tally's ciphertext (docs/VOTING.md §3 and §6).
public enum TellerProofs {
    /// `u16(len(id)) ‖ id ‖ salt ‖ pt(Y_i)`. The draft also hashed the teller's index; it is left out
    /// because a teller makes its key on its own machine before any index is given (registration
    /// order decides it). The proof of knowledge is what stops a rogue key, and the election id and
    /// salt keep a proof from being replayed in another election.
    static func keyshareStatement(election: String, salt: [UInt8], share: ECPoint) -> [UInt8] {
        let id = Array(election.utf8)
        return u16(id.count) + id + salt + share.compressed
    }

    /// Y_i = x·G and its proof of knowledge, bound to the election and its salt.
    public static func proveKeyShare(_ x: Scalar, election: String, salt: [UInt8]) throws -> (share: ECPoint, proof: ProofBranch) {
        let share = ECPoint.base(x)
        let w = try Scalar.random()
        let c = ExpandMessage.scalar(tag: "keyshare", keyshareStatement(election: election, salt: salt, share: share) + ECPoint.base(w).compressed)
        return (share, ProofBranch(c: c, s: w - c * x))
    }

    public static func verifyKeyShare(_ share: ECPoint, _ proof: ProofBranch, election: String, salt: [UInt8]) -> Bool {
        guard !share.isIdentity else { return false }
        let a = ECPoint.combination(proof.s, proof.c, share)
        return ExpandMessage.scalar(tag: "keyshare", keyshareStatement(election: election, salt: salt, share: share) + a.compressed) == proof.c
    }

    static func decryptStatement(electionHash: [UInt8], index: Int, share: ECPoint, question: Int, slot: Int,
                                 alpha: ECPoint, factor: ECPoint) -> [UInt8] {
        electionHash + u16(index) + share.compressed + u16(question) + u16(slot) + alpha.compressed + factor.compressed
    }

    /// D = x·A for the tally slot (q, j) whose ciphertext's first half is A, with its proof.
    public static func decryptionFactor(
        _ x: Scalar, alpha: ECPoint, electionHash: [UInt8], index: Int, question: Int, slot: Int
    ) throws -> (factor: ECPoint, proof: ProofBranch) {
        let share = ECPoint.base(x)
        let factor = alpha.times(x)
        let w = try Scalar.random()
        let c = ExpandMessage.scalar(tag: "decrypt", decryptStatement(electionHash: electionHash, index: index, share: share,
                                                                      question: question, slot: slot, alpha: alpha, factor: factor)
                                        + ECPoint.base(w).compressed + alpha.times(w).compressed)
        return (factor, ProofBranch(c: c, s: w - c * x))
    }

    public static func verifyDecryptionFactor(
        _ factor: ECPoint, _ proof: ProofBranch, share: ECPoint, alpha: ECPoint, electionHash: [UInt8], index: Int, question: Int, slot: Int
    ) -> Bool {
        let a = ECPoint.combination(proof.s, proof.c, share)
        let b = alpha.times(proof.s) + factor.times(proof.c)
        return ExpandMessage.scalar(tag: "decrypt", decryptStatement(electionHash: electionHash, index: index, share: share,
                                                                     question: question, slot: slot, alpha: alpha, factor: factor)
                                       + a.compressed + b.compressed) == proof.c
    }
}
