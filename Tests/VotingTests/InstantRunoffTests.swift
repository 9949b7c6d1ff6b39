import Testing
@testable import Voting

@Suite("Instant-runoff")
struct InstantRunoffTests {
    /// `groups`: (ballots, ranking) pairs over choices A=0, B=1, C=2, D=3.
    static func count(_ groups: [(Int, [Int])], choices: Int = 4) -> QuestionResult {
        let question = Question(text: "Q", kind: .ranked, choices: Array(["A", "B", "C", "D", "E"].prefix(choices)))
        let ballots = groups.flatMap { n, ranking in Array(repeating: ranking, count: n) }
        return InstantRunoff.count(question, ballots)
    }

    @Test func aFirstRoundMajorityWinsAtOnce() {
        let result = Self.count([(3, [0, 1]), (2, [1]), (0, [2])])
        #expect(result.winner == 0)
        #expect(result.rounds?.count == 1)
        #expect(result.counts == [3, 2, 0, 0])
    }

    @Test func theWeakestIsEliminatedAndTheirBallotsTransferRoundByRound() {
        // 9 ballots: A 4, B 3, C 2 (C voters prefer B), D 0.
        let result = Self.count([(4, [0]), (3, [1, 0]), (2, [2, 1])])
        let rounds = try! #require(result.rounds)
        #expect(rounds.map(\.counts) == [[4, 3, 2, 0], [4, 3, 2, 0], [4, 5, 0, 0]])
        #expect(rounds.map(\.eliminated) == [3, 2, nil])
        #expect(rounds.map(\.tieBreak) == [nil, nil, nil])
        #expect(result.winner == 1)
        #expect(result.counts == [4, 3, 2, 0])
    }

    @Test func exhaustedBallotsLeaveTheMajorityCount() {
        // A 3, B 2, C 2, nobody ranks a second choice. B and C tie for fewest with equal first
        // preferences: B, listed first, goes. Its 2 ballots are exhausted: A has 3 of the 5 left.
        let result = Self.count([(3, [0]), (2, [1]), (2, [2])], choices: 3)
        let rounds = try! #require(result.rounds)
        #expect(rounds[0].eliminated == 1)
        #expect(rounds[0].tieBreak == .listOrder)
        #expect(rounds.last?.exhausted == 2)
        #expect(rounds.last?.counts == [3, 0, 2])
        #expect(result.winner == 0)
    }

    @Test func aTieForFewestGoesToFewestFirstPreferences() {
        // Round 1: A 3, B 3, C 2, D 1 → D out, to C: A 3, B 3, C 3. All tied: fewest first preferences is C (2).
        let result = Self.count([(3, [0]), (3, [1]), (2, [2, 1]), (1, [3, 2])])
        let rounds = try! #require(result.rounds)
        #expect(rounds[0].eliminated == 3)
        #expect(rounds[1].counts == [3, 3, 3, 0])
        #expect(rounds[1].eliminated == 2)
        #expect(rounds[1].tieBreak == .firstPreferences)
        // C's three ballots: two go to B, D's ballot (D, C) is exhausted. B 5 of 8.
        #expect(rounds[2].counts == [3, 5, 0, 0])
        #expect(rounds[2].exhausted == 1)
        #expect(result.winner == 1)
    }

    @Test func aTieThatRemainsEliminatesTheChoiceListedFirst() {
        // A 2, B 2, C 1 (C → nothing): C out; then A 2, B 2 with equal first preferences: A (listed first) out.
        let result = Self.count([(2, [0]), (2, [1]), (1, [2])], choices: 3)
        let rounds = try! #require(result.rounds)
        #expect(rounds.map(\.eliminated) == [2, 0, nil])
        #expect(rounds[1].tieBreak == .listOrder)
        #expect(result.winner == 1)
        #expect(rounds[2].counts == [0, 2, 0])
    }

    @Test func noBallotsNoWinner() {
        let result = Self.count([])
        #expect(result.winner == nil)
        #expect(result.rounds?.count == 1)
    }

    @Test func partialRankingsAndEveryRoundAreInTheResultEndToEnd() async throws {
        let db = try await VotingTestDatabase()
        let logo = Question(text: "Logo", kind: .ranked, choices: ["Sun", "Tree", "Bee"])
        let (election, codes) = try await db.openElection(members: 5, questions: [logo])
        for (code, ranking) in zip(codes, [[0], [0, 1], [1, 2], [2, 1], [2, 1]]) {
            try await db.cast(election, code, [ranking])
        }
        let result = try await db.closeAndTally(election)
        let question = result.questions[0]
        // Sun 2, Tree 1, Bee 2 → Tree out → its ballot goes to Bee: Bee 3 of 5.
        #expect(question.rounds?.map(\.counts) == [[2, 1, 2], [2, 0, 3]])
        #expect(question.winner == 2)
    }
}
