import CoopCore
import Foundation
import Testing
@testable import Voting

@Suite("Concurrent casting")
struct ConcurrencyTests {
    @Test func twoHundredConcurrentCastsMakeOneUnbrokenChain() async throws {
        let db = try await VotingTestDatabase()
        let (election, codes) = try await db.openElection(members: 200)
        let definition = try #require(election.definition)
        let ballots = try codes.enumerated().map { i, code in
            try BallotSigner.sign(answers: [[i % 3]], code: code, definition: definition)
        }
        let voting = db.voting
        // Every ballot sent once, and a tenth of them twice at the same time (a client retrying).
        let receipts = try await withThrowingTaskGroup(of: CastReceipt.self) { group in
            for (i, ballot) in ballots.enumerated() {
                let body = Data(ballot.canonicalJSON)
                group.addTask { try await voting.cast(body, election: election.id) }
                if i % 10 == 0 { group.addTask { try await voting.cast(body, election: election.id) } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(receipts.count == 220)
        #expect(Set(receipts.map(\.tracker)) == Set(ballots.map(\.tracker)))
        #expect(Set(receipts.map(\.seq)).count == 200)

        let result = try await db.closeAndTally(election)
        #expect(result.voted == 200)
        #expect(result.questions[0].counts == [67, 67, 66])
        let board = try await voting.board(election.id)
        #expect(board.events.map(\.seq) == Array(1...board.events.count))
        let onBoard = board.events.filter { $0.type == .ballot }.map { CanonicalJSON.sha256Hex($0.payload) }
        #expect(onBoard.count == 200)
        #expect(Set(onBoard) == Set(ballots.map(\.tracker)))
        let report = try BoardVerifier.verify(board)
        #expect(report.signaturesChecked == 200)
        #expect(report.recount == result)
    }
}
