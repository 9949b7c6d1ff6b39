/// Counts the ballots that count (the last of each unrevoked credential) for every question.
///
/// Pure and deterministic: the server's tally and every verifier's recount run this same code, and
/// the order of the ballots does not change the outcome.
enum Tally {
    /// - Parameters:
    ///   - answers: one entry per counted ballot, each with one answer per question.
    static func compute(definition: ElectionDefinition, electionHash: String, eligible: Int, ballotEvents: Int,
                        answers: [[[Int]]]) -> ElectionResult {
        let voted = answers.count
        var quorumRequired: Int?
        var quorumMet = true
        if let percent = definition.quorumPercent {
            let required = (eligible * percent + 99) / 100
            quorumRequired = required
            quorumMet = voted >= required
        }
        let questions = definition.questions.enumerated().map { index, question in
            let ballots = answers.map { $0[index] }
            let result: QuestionResult
            switch question.kind {
            case .single: result = single(question, ballots)
            case .approval: result = approval(question, ballots)
            case .ranked: result = InstantRunoff.count(question, ballots)
            }
            return quorumMet ? result : result.undecided
        }
        return ElectionResult(election: definition.id, electionHash: electionHash, eligible: eligible, voted: voted,
                              ballotEvents: ballotEvents, quorumPercent: definition.quorumPercent,
                              quorumRequired: quorumRequired, quorumMet: quorumMet, questions: questions)
    }

    static func counts(_ question: Question, _ ballots: [[Int]]) -> [Int] {
        var counts = Array(repeating: 0, count: question.choices.count)
        for ballot in ballots {
            for choice in ballot { counts[choice] += 1 }
        }
        return counts
    }

    /// Majority: more than half of the votes expressed; two-thirds: at least two-thirds of them (so
    /// exactly two-thirds adopts); plurality: the most votes, a tie deciding nothing. Votes for a
    /// choice named Abstention are not expressed votes, and that choice never wins.
    static func single(_ question: Question, _ ballots: [[Int]]) -> QuestionResult {
        let counts = counts(question, ballots)
        let abstain = question.choices.map(Question.isAbstention)
        let abstentions = zip(counts, abstain).filter { $0.1 }.reduce(0) { $0 + $1.0 }
        let expressed = ballots.count - abstentions
        let candidates = counts.indices.filter { !abstain[$0] }
        let threshold = question.threshold ?? .majority
        var required: Int?
        var winner: Int?
        var tied: [Int]?
        switch threshold {
        case .majority, .twoThirds:
            // The fewest votes v with 2v > E, or with 3v ≥ 2E; never 0, so nothing wins when E = 0.
            let need = threshold == .majority ? expressed / 2 + 1 : Swift.max(1, (2 * expressed + 2) / 3)
            required = need
            winner = candidates.first { counts[$0] >= need }
        case .plurality:
            let top = candidates.map { counts[$0] }.max() ?? 0
            let leaders = candidates.filter { counts[$0] == top }
            if top > 0, leaders.count == 1 {
                winner = leaders[0]
            } else if top > 0 {
                tied = leaders
            }
        }
        return QuestionResult(kind: .single, counts: counts, threshold: threshold, abstentions: abstentions,
                              expressed: expressed, required: required, winner: winner, adopted: winner == 0, tied: tied)
    }

    /// The `max` most approved choices win; a choice nobody approved never wins. When choices tie for
    /// the last seats and cannot all take one, none of them is elected: they are listed as `tied` and
    /// the assembly settles it (a run-off, or its by-laws' rule).
    static func approval(_ question: Question, _ ballots: [[Int]]) -> QuestionResult {
        let counts = counts(question, ballots)
        let seats = question.max ?? 1
        let ranked = counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var winners = ranked
        var tied: [Int]?
        if ranked.count > seats {
            let boundary = counts[ranked[seats - 1]]
            let above = ranked.filter { counts[$0] > boundary }
            let atBoundary = ranked.filter { counts[$0] == boundary }
            if above.count + atBoundary.count <= seats {
                winners = above + atBoundary
            } else {
                winners = above
                tied = atBoundary
            }
        }
        return QuestionResult(kind: .approval, counts: counts, seats: seats, winners: winners, tied: tied)
    }
}
