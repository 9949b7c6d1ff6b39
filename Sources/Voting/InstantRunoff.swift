/// Instant-runoff voting for a `ranked` question, every round recorded.
///
/// Each round, a ballot counts for its highest-ranked choice still in the race; a ballot with none
/// left is exhausted. A choice with more than half of the ballots not exhausted wins. Otherwise the
/// choice with the fewest votes is eliminated; a tie for fewest goes to the one with the fewest first
/// preferences, and a tie that remains to the one listed first in the election. The tie rule is public
/// and deterministic, so every recount agrees; it is also why choices should be listed in an order
/// drawn by lot.
enum InstantRunoff {
    static func count(_ question: Question, _ ballots: [[Int]]) -> QuestionResult {
        let choices = question.choices.count
        var continuing = Array(repeating: true, count: choices)
        var rounds: [RunoffRound] = []
        var firstPreferences: [Int] = []
        var winner: Int?
        while true {
            var counts = Array(repeating: 0, count: choices)
            var exhausted = 0
            for ballot in ballots {
                if let choice = ballot.first(where: { continuing[$0] }) {
                    counts[choice] += 1
                } else {
                    exhausted += 1
                }
            }
            if rounds.isEmpty { firstPreferences = counts }
            let active = ballots.count - exhausted
            let inRace = (0..<choices).filter { continuing[$0] }
            if active == 0 {
                rounds.append(RunoffRound(counts: counts, exhausted: exhausted, eliminated: nil, tieBreak: nil))
                break
            }
            if let leader = inRace.first(where: { 2 * counts[$0] > active }) {
                winner = leader
                rounds.append(RunoffRound(counts: counts, exhausted: exhausted, eliminated: nil, tieBreak: nil))
                break
            }
            // More than one choice is still in the race here: a lone one would hold every active ballot.
            let fewest = inRace.map { counts[$0] }.min()!
            var tied = inRace.filter { counts[$0] == fewest }
            var tieBreak: RunoffTieBreak?
            if tied.count > 1 {
                let fewestFirst = tied.map { firstPreferences[$0] }.min()!
                tied = tied.filter { firstPreferences[$0] == fewestFirst }
                tieBreak = tied.count > 1 ? .listOrder : .firstPreferences
            }
            let eliminated = tied.min()!
            continuing[eliminated] = false
            rounds.append(RunoffRound(counts: counts, exhausted: exhausted, eliminated: eliminated, tieBreak: tieBreak))
        }
        return QuestionResult(kind: .ranked, counts: firstPreferences, winner: winner, rounds: rounds)
    }
}
