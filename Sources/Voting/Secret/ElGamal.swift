import CoopCore

/// An exponential ElGamal ciphertext under the election key Y: α = r·G, β = m·G + r·Y. Ciphertexts
/// add (their sum encrypts the sum of the votes), which is how a tally is made without opening a
/// single ballot (docs/VOTING.md, coop-voting-2).
public struct Ciphertext: Sendable, Equatable {
    public let alpha: ECPoint
    public let beta: ECPoint

    public init(alpha: ECPoint, beta: ECPoint) {
        self.alpha = alpha
        self.beta = beta
    }

    /// The encryption of `m` (0 or 1 in a slot) with fresh randomness `r`.
    public static func encrypt(_ m: Int, key: ECPoint, randomness r: Scalar) -> Ciphertext {
        let alpha = ECPoint.base(r)
        let rY = key.times(r)
        return Ciphertext(alpha: alpha, beta: m == 0 ? rY : ECPoint.base(Scalar(UInt64(m))) + rY)
    }

    /// The identity pair: the sum of no ciphertexts.
    public static let zero = Ciphertext(alpha: .identity, beta: .identity)

    public static func + (a: Ciphertext, b: Ciphertext) -> Ciphertext {
        Ciphertext(alpha: a.alpha + b.alpha, beta: a.beta + b.beta)
    }
}

/// One branch of a disjunctive proof, or a Schnorr/Chaum–Pedersen proof: `{"c", "s"}`.
public struct ProofBranch: Sendable, Equatable {
    public let c: Scalar
    public let s: Scalar

    public init(c: Scalar, s: Scalar) {
        self.c = c
        self.s = s
    }
}

/// Big-endian 2-byte integer, coop-voting-2's `u16`.
func u16(_ value: Int) -> [UInt8] { [UInt8((value >> 8) & 0xff), UInt8(value & 0xff)] }

/// v·G, the identity for 0.
func multipleOfG(_ v: Int) -> ECPoint { v == 0 ? .identity : ECPoint.base(Scalar(UInt64(v))) }
