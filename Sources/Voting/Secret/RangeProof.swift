import CoopCore

/// A disjunctive Chaum–Pedersen proof that a ciphertext (α, β) under Y encrypts one of the values
/// lo…hi, without saying which: a slot's bit proof (0…1) and a question's sum proof (lo…hi) are both
/// this, with their own tag and statement (docs/VOTING.md §5).
///
/// Strong Fiat–Shamir: the challenge hashes the whole statement (the context, the bounds or the slot,
/// the ciphertext), not only the commitments, so a prover cannot pick the statement afterwards.
public enum RangeProof {
    /// Proves that (α, β) = encrypt(m, r) with lo ≤ m ≤ hi.
    /// - Parameter statement: the bytes before `pt(α) ‖ pt(β)` in the hash (`ctx_q ‖ u16(j)` for a bit,
    ///   `ctx_q ‖ u16(lo) ‖ u16(hi)` for a sum).
    public static func prove(
        _ ciphertext: Ciphertext, value m: Int, randomness r: Scalar, key: ECPoint, range: ClosedRange<Int>,
        tag: String, statement: [UInt8]
    ) throws -> [ProofBranch] {
        precondition(range.contains(m))
        var c: [Scalar] = [], s: [Scalar] = [], commitments: [UInt8] = []
        let w = try Scalar.random()
        for v in range {
            if v == m {
                c.append(.zero); s.append(.zero)
                commitments += ECPoint.base(w).compressed + key.times(w).compressed
            } else {
                let cv = try Scalar.random(), sv = try Scalar.random()
                c.append(cv); s.append(sv)
                let (a, b) = commitment(ciphertext, v: v, c: cv, s: sv, key: key)
                commitments += a.compressed + b.compressed
            }
        }
        let challenge = ExpandMessage.scalar(tag: tag, statement + ciphertext.alpha.compressed + ciphertext.beta.compressed + commitments)
        let real = m - range.lowerBound
        var cm = challenge
        for (i, cv) in c.enumerated() where i != real { cm = cm - cv }
        c[real] = cm
        s[real] = w - cm * r
        return zip(c, s).map { ProofBranch(c: $0, s: $1) }
    }

    /// Whether `branches` (one per value lo…hi, in order) prove (α, β) encrypts a value in the range.
    public static func verify(
        _ branches: [ProofBranch], _ ciphertext: Ciphertext, key: ECPoint, range: ClosedRange<Int>, tag: String, statement: [UInt8]
    ) -> Bool {
        guard branches.count == range.count else { return false }
        var commitments: [UInt8] = []
        var sum = Scalar.zero
        for (branch, v) in zip(branches, range) {
            let (a, b) = commitment(ciphertext, v: v, c: branch.c, s: branch.s, key: key)
            commitments += a.compressed + b.compressed
            sum = sum + branch.c
        }
        let challenge = ExpandMessage.scalar(tag: tag, statement + ciphertext.alpha.compressed + ciphertext.beta.compressed + commitments)
        return challenge == sum
    }

    /// A_v = s·G + c·α, B_v = s·Y + c·(β − v·G).
    static func commitment(_ ciphertext: Ciphertext, v: Int, c: Scalar, s: Scalar, key: ECPoint) -> (ECPoint, ECPoint) {
        let a = ECPoint.combination(s, c, ciphertext.alpha)
        let shifted = v == 0 ? ciphertext.beta : ciphertext.beta - multipleOfG(v)
        return (a, key.times(s) + shifted.times(c))
    }
}
