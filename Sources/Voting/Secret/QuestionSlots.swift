/// How a question becomes slots in coop-voting-2: each slot encrypts 0 or 1 and the slots' sum lies in
/// a range (docs/VOTING.md, "Questions as slots"). A single choice is one slot per choice summing to 1;
/// an approval one slot per choice summing to min…max; a ranking of up to 4 choices one slot per
/// possible ranking (15 for 3 choices, 64 for 4), exactly one of them set.
public struct QuestionSlots: Sendable, Equatable {
    public let count: Int
    public let range: ClosedRange<Int>

    /// The most choices a ranked question may have in a secret election: 4 gives 64 slots; 5 would give 325.
    public static let maxRankedChoices = 4

    public init(count: Int, range: ClosedRange<Int>) {
        (self.count, self.range) = (count, range)
    }

    public init(_ question: Question) {
        switch question.kind {
        case .single: (count, range) = (question.choices.count, 1...1)
        case .approval: (count, range) = (question.choices.count, (question.min ?? 0)...(question.max ?? question.choices.count))
        case .ranked: (count, range) = (Self.rankings(question.choices.count).count, 1...1)
        }
    }

    /// Every ranking of c choices, numbered by length, then in lexicographic order of choice indexes:
    /// for 3, [0] [1] [2] [0,1] [0,2] [1,0] [1,2] [2,0] [2,1] [0,1,2] [0,2,1] [1,0,2] [1,2,0] [2,0,1] [2,1,0].
    public static func rankings(_ c: Int) -> [[Int]] {
        var all: [[Int]] = []
        func extend(_ prefix: [Int], to length: Int) {
            if prefix.count == length { all.append(prefix); return }
            for choice in 0..<c where !prefix.contains(choice) { extend(prefix + [choice], to: length) }
        }
        for length in 1...max(c, 1) { extend([], to: length) }
        return all
    }

    /// The 0/1 value of each slot for an answer in coop-voting-1's form (the chosen indexes, or the
    /// ranking in order); nil when the answer is not allowed (the question's own check, or a ranking
    /// of a question with too many choices).
    public static func values(_ question: Question, answer: [Int]) -> [Int]? {
        guard question.problem(with: answer) == nil else { return nil }
        switch question.kind {
        case .single, .approval:
            var values = Array(repeating: 0, count: question.choices.count)
            for index in answer { values[index] = 1 }
            return values
        case .ranked:
            guard question.choices.count <= maxRankedChoices else { return nil }
            let rankings = Self.rankings(question.choices.count)
            guard let slot = rankings.firstIndex(of: answer) else { return nil }
            var values = Array(repeating: 0, count: rankings.count)
            values[slot] = 1
            return values
        }
    }
}
