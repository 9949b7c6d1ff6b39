import CoopCore
import Testing
@testable import Voting

@Suite("Tally")
struct TallyTests {
    static func definition(_ questions: [Question], quorum: Int? = nil) throws -> ElectionDefinition {
        let valid = try questions.enumerated().map { try $0.element.validated(number: $0.offset + 1) }
        return ElectionDefinition(id: "E-0001", title: "T", questions: valid, opens: instant("2026-03-20T13:00:00Z"),
                                  closes: instant("2026-03-20T15:00:00Z"), cutoff: instant("2026-03-15T12:00:00Z"),
                                  quorumPercent: quorum, salt: String(repeating: "0", count: 32))
    }

    /// `votes[i]` ballots for choice i of one single-choice question.
    static func single(_ threshold: Threshold, _ votes: [Int], choices: [String] = ["Pour", "Contre", "Abstention"],
                       eligible: Int = 1000, quorum: Int? = nil) throws -> ElectionResult {
        let question = Question(text: "Q", kind: .single, choices: choices, threshold: threshold)
        let answers = votes.enumerated().flatMap { choice, n in Array(repeating: [[choice]], count: n) }
        return Tally.compute(definition: try definition([question], quorum: quorum), electionHash: "h", eligible: eligible,
                             ballotEvents: answers.count, answers: answers)
    }

    // MARK: Single

    @Test func majorityIsMoreThanHalfOfTheVotesExpressed() throws {
        let adopted = try Self.single(.majority, [3, 2, 10]).questions[0]
        #expect(adopted.expressed == 5)
        #expect(adopted.abstentions == 10)
        #expect(adopted.required == 3)
        #expect(adopted.winner == 0)
        #expect(adopted.adopted == true)
        let tie = try Self.single(.majority, [2, 2, 0]).questions[0]
        #expect(tie.required == 3)
        #expect(tie.winner == nil)
        #expect(tie.adopted == false)
        let rejected = try Self.single(.majority, [1, 4, 0]).questions[0]
        #expect(rejected.winner == 1)
        #expect(rejected.adopted == false)
    }

    @Test func twoThirdsIsAdoptedExactlyAtTheBoundary() throws {
        let exactly = try Self.single(.twoThirds, [4, 2, 7]).questions[0]
        #expect(exactly.expressed == 6)
        #expect(exactly.required == 4)
        #expect(exactly.adopted == true)
        let justBelow = try Self.single(.twoThirds, [3, 2, 0]).questions[0]  // 60 %
        #expect(justBelow.required == 4)
        #expect(justBelow.adopted == false)
        #expect(justBelow.winner == nil)
        let thirds = try Self.single(.twoThirds, [2, 1, 0]).questions[0]
        #expect(thirds.required == 2)
        #expect(thirds.adopted == true)
        let justAbove = try Self.single(.twoThirds, [67, 33, 0]).questions[0]
        #expect(justAbove.adopted == true)
        let oneShort = try Self.single(.twoThirds, [199, 101, 0]).questions[0]  // 199/300 < 2/3
        #expect(oneShort.required == 200)
        #expect(oneShort.adopted == false)
    }

    @Test func onlyAbstentionsDecideNothing() throws {
        for threshold in Threshold.allCases {
            let question = try Self.single(threshold, [0, 0, 5]).questions[0]
            #expect(question.expressed == 0)
            #expect(question.winner == nil)
            #expect(question.adopted == false)
        }
    }

    @Test func pluralityTakesTheMostVotesAndReportsATie() throws {
        let choices = ["Ana", "Ben", "Cy", "Abstention"]
        let won = try Self.single(.plurality, [4, 3, 2, 9], choices: choices).questions[0]
        #expect(won.winner == 0)
        #expect(won.required == nil)
        let tie = try Self.single(.plurality, [4, 4, 2, 9], choices: choices).questions[0]
        #expect(tie.winner == nil)
        #expect(tie.tied == [0, 1])
        let abstentionNeverWins = try Self.single(.plurality, [1, 0, 0, 9], choices: choices).questions[0]
        #expect(abstentionNeverWins.winner == 0)
    }

    // MARK: Approval

    static func approval(_ ballots: [[Int]], seats: Int, choices: Int = 5) throws -> QuestionResult {
        let question = Question(text: "Board", kind: .approval, choices: (0..<choices).map { "C\($0)" }, min: 0, max: seats)
        return Tally.compute(definition: try definition([question]), electionHash: "h", eligible: 100, ballotEvents: ballots.count,
                             answers: ballots.map { [$0] }).questions[0]
    }

    @Test func theMostApprovedFillTheSeats() throws {
        let result = try Self.approval([[0, 1, 2], [1, 2], [1, 3], [2], [4]], seats: 2)
        #expect(result.counts == [1, 3, 3, 1, 1])
        #expect(result.seats == 2)
        #expect(result.winners == [1, 2])
        #expect(result.tied == nil)
    }

    @Test func aTieForTheLastSeatIsLeftToTheAssembly() throws {
        let result = try Self.approval([[0, 1], [0, 2], [0, 3], [1], [2]], seats: 2)
        #expect(result.counts == [3, 2, 2, 1, 0])
        #expect(result.winners == [0])
        #expect(result.tied == [1, 2])
        // A tie that fits in the seats elects them all.
        let fits = try Self.approval([[0, 1], [0, 1], [2]], seats: 2)
        #expect(fits.winners == [0, 1])
        #expect(fits.tied == nil)
        // Nobody approved wins nothing; blank ballots count for turnout only.
        let blank = try Self.approval([[], [3]], seats: 3)
        #expect(blank.winners == [3])
    }

    // MARK: Quorum

    @Test func withoutTheQuorumNothingIsDecided() throws {
        let short = try Self.single(.majority, [2, 0, 0], eligible: 5, quorum: 50)
        #expect(short.quorumRequired == 3)
        #expect(short.quorumMet == false)
        #expect(short.voted == 2)
        #expect(short.questions[0].counts == [2, 0, 0])
        #expect(short.questions[0].winner == nil)
        #expect(short.questions[0].adopted == false)
        let met = try Self.single(.majority, [3, 0, 0], eligible: 5, quorum: 50)
        #expect(met.quorumMet == true)
        #expect(met.questions[0].adopted == true)
        let none = try Self.single(.majority, [1, 0, 0], eligible: 5)
        #expect(none.quorumRequired == nil)
        #expect(none.quorumMet == true)
    }

    @Test func quorumNotMetEndToEnd() async throws {
        let db = try await VotingTestDatabase()
        let (election, codes) = try await db.openElection(members: 4, quorum: 75)
        try await db.cast(election, codes[0], [[0]])
        try await db.cast(election, codes[1], [[0]])
        let result = try await db.closeAndTally(election)
        #expect(result.eligible == 4)
        #expect(result.voted == 2)
        #expect(result.quorumRequired == 3)
        #expect(!result.quorumMet)
        #expect(result.questions[0].adopted == false)
    }

    @Test func twoThirdsAtTheBoundaryEndToEnd() async throws {
        let db = try await VotingTestDatabase()
        let special = Question(text: "Amend the by-laws?", kind: .single, choices: ["Pour", "Contre", "Abstention"], threshold: .twoThirds)
        let (election, codes) = try await db.openElection(members: 4, questions: [special])
        try await db.cast(election, codes[0], [[0]])
        try await db.cast(election, codes[1], [[0]])
        try await db.cast(election, codes[2], [[1]])
        try await db.cast(election, codes[3], [[2]])
        let result = try await db.closeAndTally(election)
        #expect(result.questions[0].expressed == 3)
        #expect(result.questions[0].required == 2)
        #expect(result.questions[0].adopted == true)
        #expect(result.voted == 4)
    }
}
