import CoopCore
import Foundation
import Testing
@testable import Voting
import CoopTestSupport

@Suite("Casting ballots")
struct CastTests {
    typealias DB = VotingTestDatabase

    static let questions = [
        DB.resolution,
        Question(text: "Board", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di"], min: 1, max: 2),
        Question(text: "Logo", kind: .ranked, choices: ["Sun", "Tree", "Bee"]),
    ]

    @Test func aSignedBallotIsAcceptedAndItsTrackerIsOnTheBoard() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 2, questions: Self.questions)
        let ballot = try BallotSigner.sign(answers: [[0], [3, 1], [2, 0]], code: codes[0], definition: #require(election.definition))
        #expect(ballot.answers == [[0], [1, 3], [2, 0]])  // approval put in order, ranking kept
        #expect(ballot.hasValidSignature)
        let receipt = try await db.voting.cast(Data(ballot.canonicalJSON), election: "e-1")
        #expect(receipt == CastReceipt(election: election.id, tracker: ballot.tracker, seq: 4))
        #expect(receipt.tracker == SHA256.hex(ballot.canonicalJSON))

        // The public board shows the ballot by its tracker only while voting is open.
        let board = try await db.voting.board(election.id)
        #expect(board.events.map(\.type) == [.setup, .credentials, .open, .ballot])
        #expect(board.events[3].payload == ["tracker": .string(ballot.tracker)])
        #expect(try await db.voting.election(election.id).ballotCount == 1)
    }

    @Test func aVoterCanSignAgainstThePublicBoardAlone() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 2, questions: Self.questions)
        try await db.cast(election, codes[1], [[1], [0], [0]])
        let definition = try BoardVerifier.definition(in: try await db.voting.boardJSON(election.id))
        #expect(definition == election.definition)
        let ballot = try BallotSigner.sign(answers: BallotSigner.parseAnswers(["2", " 3, 0", "1,0,2"], questions: definition.questions),
                                           code: codes[0], definition: definition)
        #expect(ballot.answers == [[2], [0, 3], [1, 0, 2]])
        _ = try await db.voting.cast(Data(ballot.canonicalJSON), election: election.id)
        // A choice may be typed as its text, case and accents ignored, alone or mixed with numbers.
        #expect(try BallotSigner.parseAnswers(["", "di, ANA", "Tree,0,bee"], questions: definition.questions) == [[], [3, 0], [1, 0, 2]])
        let unknown = try await expectRefusal("voting.malformed_answer") { try BallotSigner.parseAnswers(["0", "Ana,Zoé"], questions: definition.questions) }
        #expect(unknown.message(.en) == "Unreadable answer \"Ana,Zoé\": choice numbers or texts separated by commas (e.g. 0,2 or Pour), as \"coopctl election show\" lists them.")
        try await expectRefusal("voting.malformed_answer") { try BallotSigner.parseAnswers(["1,x"], questions: definition.questions) }
        try await expectRefusal("voting.answer_count") { try BallotSigner.sign(answers: [[0]], code: codes[0], definition: definition) }
    }

    @Test func whitespaceAndKeyOrderDoNotChangeTheBallot() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 1)
        let ballot = try BallotSigner.sign(answers: [[2]], code: codes[0], definition: #require(election.definition))
        let loose = """
            { "signature" : "\(ballot.signature)", "answers": [ [ 2 ] ],
              "electionHash": "\(ballot.electionHash)", "election": "E-0001", "credential": "\(ballot.credential)" }
            """
        let receipt = try await db.voting.cast(Data(loose.utf8), election: election.id)
        #expect(receipt.tracker == ballot.tracker)
    }

    @Test func nothingIsAcceptedBeforeOpeningOrAfterClosing() async throws {
        let db = try await DB()
        try await db.addMembers(2)
        let election = try await db.createElection()
        let issue = try await db.voting.issueCredentials(election.id)
        let code = try CredentialCode(issue.credentials[0].code)
        let issued = try await db.voting.election(election.id)
        db.setClock(DB.opens)
        try await expectRefusal("voting.closed") { try await db.cast(issued, code, [[0]]) }  // not opened yet
        _ = try await db.voting.open(election.id)
        try await db.cast(issued, code, [[0]])
        db.setClock(DB.closes)
        // Past the closing time the box is shut even before the administrator closes it.
        let late = try await expectRefusal("voting.closed") { try await db.cast(issued, code, [[1]]) }
        #expect(late.kind == .conflict)
        _ = try await db.voting.close(election.id)
        try await expectRefusal("voting.closed") { try await db.cast(issued, code, [[1]]) }
        #expect(try await db.count("voting_board", where: "type = 'ballot'") == 1)
    }

    @Test func aCredentialThatIsNotListedIsRefused() async throws {
        let db = try await DB()
        let (election, _) = try await db.openElection(members: 1)
        let stranger = try CredentialCode.generate()
        let error = try await expectRefusal("voting.unknown_credential") { try await db.cast(election, stranger, [[0]]) }
        #expect(error.kind == .forbidden)
    }

    @Test func aBadSignatureIsRefused() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 2)
        let ballot = try rawBallot(election, codes[0], [[0]])
        // The signature of another ballot, then a signature with one bit flipped.
        let other = try rawBallot(election, codes[0], [[1]])
        var flipped = Hex.decode(ballot.signature)!
        flipped[10] ^= 0x01
        for signature in [other.signature, Hex.encode(flipped)] {
            let forged = Ballot(election: ballot.election, electionHash: ballot.electionHash, credential: ballot.credential,
                                answers: ballot.answers, signature: signature)
            let error = try await expectRefusal("voting.bad_signature") {
                try await db.voting.cast(Data(forged.canonicalJSON), election: election.id)
            }
            #expect(error.kind == .invalid)
        }
        // A valid signature by another listed credential does not pass either.
        let stolen = try rawBallot(election, codes[1], [[0]])
        let mixed = Ballot(election: ballot.election, electionHash: ballot.electionHash, credential: ballot.credential,
                           answers: ballot.answers, signature: stolen.signature)
        try await expectRefusal("voting.bad_signature") { try await db.voting.cast(Data(mixed.canonicalJSON), election: election.id) }
        #expect(try await db.count("voting_board", where: "type = 'ballot'") == 0)
    }

    @Test(arguments: [
        [[3], [0], [0]], [[0, 1], [0], [0]], [[], [0], [0]], [[-1], [0], [0]],   // single: one existing choice
        [[0], [], [0]], [[0], [0, 1, 2], [0]], [[0], [1, 1], [0]], [[0], [4], [0]], // approval: 1 to 2 distinct
        [[0], [0], []], [[0], [0], [0, 0]], [[0], [0], [0, 3]],                    // ranked: distinct, existing
        [[0], [0]], [[0], [0], [0], [0]],                                           // one answer per question
    ])
    func invalidAnswersAreRefused(answers: [[Int]]) async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 1, questions: Self.questions)
        let ballot = try rawBallot(election, codes[0], answers)
        let error = try await #require(throws: CoopError.self) {
            try await db.voting.cast(Data(ballot.canonicalJSON), election: election.id)
        }
        #expect(["voting.invalid_answer", "voting.answer_count", "voting.malformed_ballot"].contains(error.code))
        #expect(error.kind == .invalid)
        if answers.count == 3, answers.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) { #expect(error.code == "voting.invalid_answer") }
        // The voter's own client refuses them before signing.
        if answers.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) {
            #expect(throws: CoopError.self) { try BallotSigner.sign(answers: answers, code: codes[0], definition: election.definition!) }
        }
    }

    @Test func aMalformedBallotIsRefused() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 1)
        let ballot = try rawBallot(election, codes[0], [[0]])
        guard case .object(let object) = ballot.json else { Issue.record("not an object"); return }
        var extra = object
        extra["comment"] = "hi"
        var upper = object
        upper["signature"] = .string(ballot.signature.uppercased())
        let texts = [CanonicalJSON.string(.object(extra)), CanonicalJSON.string(.object(upper)),
                     CanonicalJSON.string(.object(object.removing("answers"))),
                     CanonicalJSON.string(ballot.json).replacingOccurrences(of: "[[0]]", with: "[[0.0]]"),
                     "not json", "[]"]
        for text in texts {
            try await expectRefusal("voting.malformed_ballot") { try await db.voting.cast(Data(text.utf8), election: election.id) }
        }
        try await expectRefusal("voting.ballot_too_large") {
            try await db.voting.cast(Data(repeating: 0x20, count: Ballot.maxBytes + 1), election: election.id)
        }
        try await expectRefusal("voting.wrong_election") { try await db.voting.cast(Data(ballot.canonicalJSON), election: "E-0002") }
    }

    @Test func aBallotForAnotherDefinitionIsRefused() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 1)
        let definition = try #require(election.definition)
        let key = try codes[0].privateKey(electionID: definition.id, salt: definition.salt)
        let credential = try key.publicKey.hex
        let staleHash = String(repeating: "0", count: 64)
        let message = CanonicalJSON.encode(Ballot.unsignedJSON(election: definition.id, electionHash: staleHash, credential: credential, answers: [[0]]))
        let ballot = Ballot(election: definition.id, electionHash: staleHash, credential: credential, answers: [[0]],
                            signature: Hex.encode(try key.sign(message)))
        try await expectRefusal("voting.election_hash_mismatch") { try await db.voting.cast(Data(ballot.canonicalJSON), election: election.id) }
    }

    @Test func aLaterBallotReplacesTheEarlierAndBothStayOnTheBoard() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 3)
        let first = try await db.cast(election, codes[0], [[1]])
        let second = try await db.cast(election, codes[0], [[0]])
        try await db.cast(election, codes[1], [[0]])
        #expect(first.tracker != second.tracker)
        #expect(second.seq == first.seq + 1)

        // The same ballot again: the same receipt, nothing appended (a retry).
        let again = try await db.cast(election, codes[0], [[0]])
        #expect(again == second)
        // The replaced ballot again: refused, so a replay cannot undo the voter's change.
        try await expectRefusal("voting.ballot_replaced") { try await db.cast(election, codes[0], [[1]]) }
        #expect(try await db.count("voting_board", where: "type = 'ballot'") == 3)

        let result = try await db.closeAndTally(election)
        #expect(result.questions[0].counts == [2, 0, 0])
        #expect(result.voted == 2)
        #expect(result.ballotEvents == 3)
        let board = try await db.voting.board(election.id)
        #expect(board.events.filter { $0.type == .ballot }.map { $0.payload["answers"] } == [[[1]], [[0]], [[0]]])
    }
}
