import CoopCore

/// The tally of a secret election (docs/VOTING.md §6): the slot-wise sums of the counted ballots'
/// ciphertexts, each teller's decryption factors with their proofs, and the counts they reveal, from
/// which coop-voting-1's result (majorities, seats, instant-runoff) is computed as for plaintext ballots.
/// Nobody ever decrypts a single ballot: only these sums.
public enum SecretTally {
    /// Per question, per slot: the sum of that slot over `ballots` (the last ballot of each active
    /// credential), the identity for none. Summed in chunks on every core, in fixed-width running sums
    /// (`PointSum`), then the chunks' sums added.
    public static func sum(_ ballots: [SecretBallot], questions: [Question]) -> [[Ciphertext]] {
        let empty = questions.map { Array(repeating: SlotSum(), count: QuestionSlots($0).count) }
        let chunk = 256
        let partials = Parallel.map(count: (ballots.count + chunk - 1) / chunk) { c in
            add(ballots[c * chunk..<min(ballots.count, (c + 1) * chunk)], to: empty)
        }
        var total = empty
        for partial in partials {
            for q in total.indices { for j in total[q].indices { total[q][j].add(partial[q][j]) } }
        }
        return total.map { $0.map(\.ciphertext) }
    }

    private static func add(_ ballots: ArraySlice<SecretBallot>, to start: [[SlotSum]]) -> [[SlotSum]] {
        var tally = start
        for ballot in ballots {
            for (q, answer) in ballot.answers.enumerated() where q < tally.count {
                for (j, slot) in answer.choices.enumerated() where j < tally[q].count { tally[q][j].add(slot) }
            }
        }
        return tally
    }

    /// One slot's running sum of alphas and betas.
    private struct SlotSum: Sendable {
        var alpha = PointSum(), beta = PointSum()

        mutating func add(_ c: Ciphertext) {
            alpha.add(c.alpha)
            beta.add(c.beta)
        }

        mutating func add(_ other: SlotSum) {
            alpha.add(other.alpha)
            beta.add(other.beta)
        }

        var ciphertext: Ciphertext { Ciphertext(alpha: alpha.point, beta: beta.point) }
    }

    /// Teller `index`'s factor and proof for every slot of a tally it recomputed itself from the board.
    public static func decrypt(_ tally: [[Ciphertext]], share x: Scalar, index: Int, electionHash: [UInt8]) throws -> [[(factor: ECPoint, proof: ProofBranch)]] {
        try tally.enumerated().map { q, slots in
            try slots.enumerated().map { j, slot in
                try TellerProofs.decryptionFactor(x, alpha: slot.alpha, electionHash: electionHash, index: index, question: q, slot: j)
            }
        }
    }

    /// The first slot whose factor does not prove out against the teller's public share; nil when all do.
    public static func factorFlaw(_ factors: [[(factor: ECPoint, proof: ProofBranch)]], tally: [[Ciphertext]], share: ECPoint, index: Int,
                                  electionHash: [UInt8]) -> (question: Int, slot: Int)? {
        guard factors.count == tally.count else { return (factors.count, 0) }
        for (q, slots) in tally.enumerated() {
            guard factors[q].count == slots.count else { return (q, factors[q].count) }
            for (j, slot) in slots.enumerated() where !TellerProofs.verifyDecryptionFactor(
                factors[q][j].factor, factors[q][j].proof, share: share, alpha: slot.alpha, electionHash: electionHash,
                index: index, question: q, slot: j) {
                return (q, j)
            }
        }
        return nil
    }

    /// Each slot's count: the 0 ≤ count ≤ `ballots` with count·G = β − Σ factors; nil if a slot has none
    /// (factors that do not belong to this tally).
    public static func counts(_ tally: [[Ciphertext]], factors: [[[ECPoint]]], ballots: Int) -> [[Int]]? {
        let log = DiscreteLog(maximum: ballots)
        var counts: [[Int]] = []
        for (q, slots) in tally.enumerated() {
            var row: [Int] = []
            for (j, slot) in slots.enumerated() {
                let revealed = factors.reduce(slot.beta) { $0 - $1[q][j] }
                guard let count = log.count(revealed) else { return nil }
                row.append(count)
            }
            counts.append(row)
        }
        return counts
    }

    /// coop-voting-1's result from the counts: a single choice's and an approval's counts per choice,
    /// a ranking's counts per ranking (its `rankingCounts`), turned into the ballots' rankings for
    /// instant-runoff. `voted` is the number of counted ballots.
    public static func result(definition: ElectionDefinition, electionHash: String, eligible: Int, ballotEvents: Int, voted: Int,
                              counts: [[Int]]) -> ElectionResult {
        let answers = plaintextEquivalent(counts: counts, questions: definition.questions, voted: voted)
        let result = Tally.compute(definition: definition, electionHash: electionHash, eligible: eligible, ballotEvents: ballotEvents, answers: answers)
        // A ranking's counts per ranking are published: the rounds are recomputed from them.
        let questions = zip(result.questions, zip(definition.questions, counts)).map { outcome, pair in
            pair.0.kind == .ranked ? outcome.with(rankingCounts: pair.1) : outcome
        }
        return ElectionResult(election: result.election, electionHash: result.electionHash, eligible: result.eligible, voted: result.voted,
                              ballotEvents: result.ballotEvents, quorumPercent: result.quorumPercent, quorumRequired: result.quorumRequired,
                              quorumMet: result.quorumMet, questions: questions)
    }

    /// `voted` answers per question whose counts are the revealed ones. For a single choice and a
    /// ranking these are the ballots' answers exactly (as a multiset); for an approval, any answers
    /// with those per-choice counts, all its result reads.
    static func plaintextEquivalent(counts: [[Int]], questions: [Question], voted: Int) -> [[[Int]]] {
        var ballots = Array(repeating: [[Int]](), count: voted)
        for (q, question) in questions.enumerated() {
            var column = Array(repeating: [Int](), count: voted)
            switch question.kind {
            case .single:
                // One choice per ballot, each ballot its own.
                var b = 0
                for (choice, count) in counts[q].enumerated() { for _ in 0..<count where b < voted { column[b] = [choice]; b += 1 } }
            case .approval:
                for (choice, count) in counts[q].enumerated() {
                    for b in 0..<min(count, voted) { column[b].append(choice) }
                }
            case .ranked:
                var b = 0
                for (slot, ranking) in QuestionSlots.rankings(question.choices.count).enumerated() {
                    for _ in 0..<counts[q][slot] where b < voted { column[b] = ranking; b += 1 }
                }
            }
            for b in 0..<voted { ballots[b].append(column[b]) }
        }
        return ballots
    }
}
