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

    @Test func keySharesAreProvedAndBoundToTheirIndexAndElection() throws {
        let x = try Scalar.random()
        let (share, proof) = try TellerProofs.proveKeyShare(x, election: "E-0001", salt: Self.salt, index: 2)
        #expect(share == ECPoint.base(x))
        #expect(TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Self.salt, index: 2))
        #expect(!TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Self.salt, index: 1), "another index")
        #expect(!TellerProofs.verifyKeyShare(share, proof, election: "E-0002", salt: Self.salt, index: 2), "another election")
        #expect(!TellerProofs.verifyKeyShare(share, proof, election: "E-0001", salt: Array(repeating: 8, count: 16), index: 2))
        // The rogue key: a last teller publishing Z − ΣY_j knows no private part and cannot prove one; a
        // proof made for its own real key does not carry over.
        let (others, _, sum) = try Self.tellers(2)
        _ = others
        let rogue = ECPoint.base(try Scalar.random()) - sum
        #expect(!TellerProofs.verifyKeyShare(rogue, proof, election: "E-0001", salt: Self.salt, index: 2))
        #expect(!TellerProofs.verifyKeyShare(.identity, proof, election: "E-0001", salt: Self.salt, index: 2))
        let forged = ProofBranch(c: proof.c, s: proof.s + .one)
        #expect(!TellerProofs.verifyKeyShare(share, forged, election: "E-0001", salt: Self.salt, index: 2))
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
