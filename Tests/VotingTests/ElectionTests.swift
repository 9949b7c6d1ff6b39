import CoopCore
import Foundation
import Testing
@testable import Voting
import CoopTestSupport

@Suite("Elections")
struct ElectionTests {
    typealias DB = VotingTestDatabase

    @Test func createMakesADraftWithDefaultsFilledIn() async throws {
        let db = try await DB()
        let election = try await db.createElection([
            Question(text: "  Adopt?  ", kind: .single, choices: [" Pour", "Contre ", "Abstention"]),
            Question(text: "Board", kind: .approval, choices: ["A", "B", "C"], max: 2),
            Question(text: "Logo", kind: .ranked, choices: ["X", "Y", "Z"]),
        ], quorum: 0)
        #expect(election.id == "E-0001")
        #expect(election.status == .draft)
        #expect(election.questions[0].text == "Adopt?")
        #expect(election.questions[0].choices == ["Pour", "Contre", "Abstention"])
        #expect(election.questions[0].threshold == .majority)
        #expect(election.questions[1].min == 0)
        #expect(election.questions[1].max == 2)
        #expect(election.quorumPercent == nil)
        #expect(election.electionHash == nil)
        #expect(election.definition == nil)
        #expect(Hex.decode(election.salt)?.count == 16)
        #expect(try await db.voting.election("e-1") == election)
        #expect(try await db.createElection().id == "E-0002")
        let page = try await db.voting.elections(page: PageRequest(limit: 1))
        #expect(page.items.map(\.id) == ["E-0001"])
        let rest = try await db.voting.elections(page: try PageRequest(limit: "1", cursor: page.next))
        #expect(rest.items.map(\.id) == ["E-0002"])
        #expect(rest.next == nil)
        await #expect(throws: CoopError.self) { try await db.voting.elections(page: PageRequest(limit: 1, after: "E-0001")) }
    }

    struct BadDefinition: Sendable, CustomTestStringConvertible {
        let name: String
        let code: String
        let questions: [Question]
        var opens = DB.opens
        var closes = DB.closes
        var cutoff: Instant?
        var quorum: Int?
        var testDescription: String { name }
    }

    static let pour = DB.resolution
    static let bad: [BadDefinition] = [
        BadDefinition(name: "no question", code: "voting.no_questions", questions: []),
        BadDefinition(name: "one choice", code: "voting.too_few_choices", questions: [Question(text: "Q", kind: .single, choices: ["Yes"])]),
        BadDefinition(name: "same choice twice", code: "voting.duplicate_choice",
                      questions: [Question(text: "Q", kind: .single, choices: ["Yes", " yes"])]),
        BadDefinition(name: "empty choice", code: "common.required", questions: [Question(text: "Q", kind: .single, choices: ["Yes", " "])]),
        BadDefinition(name: "empty question", code: "common.required", questions: [Question(text: " ", kind: .single, choices: ["A", "B"])]),
        BadDefinition(name: "threshold on approval", code: "voting.threshold_not_allowed",
                      questions: [Question(text: "Q", kind: .approval, choices: ["A", "B"], threshold: .majority, max: 1)]),
        BadDefinition(name: "bounds on single", code: "voting.bounds_not_allowed",
                      questions: [Question(text: "Q", kind: .single, choices: ["A", "B"], max: 1)]),
        BadDefinition(name: "approval without max", code: "common.required", questions: [Question(text: "Q", kind: .approval, choices: ["A", "B"])]),
        BadDefinition(name: "max above choices", code: "voting.invalid_bounds",
                      questions: [Question(text: "Q", kind: .approval, choices: ["A", "B"], max: 3)]),
        BadDefinition(name: "min above max", code: "voting.invalid_bounds",
                      questions: [Question(text: "Q", kind: .approval, choices: ["A", "B", "C"], min: 2, max: 1)]),
        BadDefinition(name: "closes before opens", code: "voting.invalid_window", questions: [pour], opens: DB.closes, closes: DB.opens),
        BadDefinition(name: "closes in the past", code: "voting.closes_in_past", questions: [pour],
                      opens: instant("2026-01-01T00:00:00Z"), closes: instant("2026-02-01T00:00:00Z")),
        BadDefinition(name: "cut-off at closing", code: "voting.invalid_cutoff", questions: [pour], cutoff: DB.closes),
        BadDefinition(name: "quorum above 100", code: "voting.invalid_quorum", questions: [pour], quorum: 101),
    ]

    @Test(arguments: bad)
    func invalidDefinitionsAreRefused(_ definition: BadDefinition) async throws {
        let db = try await DB()
        let error = try await expectRefusal(definition.code) {
            try await db.createElection(definition.questions, quorum: definition.quorum, cutoff: definition.cutoff,
                                        opens: definition.opens, closes: definition.closes)
        }
        #expect(!error.message(.fr).isEmpty && error.message(.fr) != error.message(.en))
        #expect(try await db.count("voting_elections") == 0)
    }

    @Test func onlyADraftCanBeEdited() async throws {
        let db = try await DB()
        try await db.addMembers(2)
        let draft = try await db.createElection()
        let edited = try await db.voting.updateElection(draft.id, NewElection(
            title: "Special assembly", questions: [Question(text: "Amend by-laws?", kind: .single, choices: ["Pour", "Contre"], threshold: .twoThirds)],
            opens: DB.opens, closes: DB.closes, quorumPercent: 25))
        #expect(edited.title == "Special assembly")
        #expect(edited.questions[0].threshold == .twoThirds)
        #expect(edited.quorumPercent == 25)
        _ = try await db.voting.issueCredentials(draft.id)
        try await expectRefusal("voting.not_draft") {
            try await db.voting.updateElection(draft.id, NewElection(title: "Late change", questions: [DB.resolution],
                                                                     opens: DB.opens, closes: DB.closes))
        }
    }

    @Test func stepsFollowTheirOrderAndTheClock() async throws {
        let db = try await DB()
        try await db.addMembers(2)
        let election = try await db.createElection()
        let draft = try await expectRefusal("voting.wrong_state") { try await db.voting.open(election.id) }
        // Statuses in words of each language; the arguments keep the codes for clients.
        #expect(draft.message(.fr) == "Le scrutin \(election.id) est à l’état « brouillon » ; cette action demande l’état « codes émis ».")
        #expect(draft.message(.en) == "Election \(election.id) is draft; this action needs it to be credentials issued.")
        #expect(draft.arguments["status"] == .text("draft") && draft.arguments["expected"] == .text("credentials_issued"))
        try await expectRefusal("voting.wrong_state") { try await db.voting.close(election.id) }
        try await expectRefusal("voting.wrong_state") { try await db.voting.tally(election.id) }
        try await expectRefusal("voting.not_tallied") { try await db.voting.result(election.id) }
        try await expectRefusal("voting.election_not_found") { try await db.voting.open("E-0099") }

        let issued = try await db.voting.issueCredentials(election.id)
        #expect(issued.election.status == .credentialsIssued)
        try await expectRefusal("voting.wrong_state") { try await db.voting.issueCredentials(election.id) }
        let early = try await expectRefusal("voting.too_early") { try await db.voting.open(election.id) }
        // In the co-op's zone (09:00 in Toronto, summer time) and with the date, as it is not today.
        #expect(early.message(.fr) == "Le scrutin \(election.id) ouvre le 20 mars 2026 à 9 h ; il ne peut pas ouvrir avant.")
        #expect(early.message(.en) == "Election \(election.id) opens on March 20, 2026 at 9:00 AM; it cannot open before then.")

        db.setClock(DB.opens)
        let opened = try await db.voting.open(election.id)
        #expect(opened.status == .open)
        #expect(opened.openedAt == DB.opens)
        let notYet = try await expectRefusal("voting.not_yet_closable") { try await db.voting.close(election.id) }
        #expect(notYet.message(.fr) == "Le scrutin \(election.id) ferme à 11 h ; il ne peut pas être fermé plus tôt.")
        #expect(notYet.message(.en) == "Election \(election.id) closes at 11:00 AM; it cannot be closed earlier.")
        try await expectRefusal("voting.wrong_state") { try await db.voting.tally(election.id) }

        db.setClock(DB.closes)
        #expect(try await db.voting.close(election.id).status == .closed)
        let result = try await db.voting.tally(election.id)
        #expect(try await db.voting.election(election.id).status == .tallied)
        #expect(try await db.voting.result(election.id) == result)
        // Tallying again answers the same result and appends nothing.
        let events = try await db.count("voting_board")
        #expect(try await db.voting.tally(election.id) == result)
        #expect(try await db.count("voting_board") == events)
    }

    @Test func credentialsIssuedAfterTheOpeningTimeStillMakeAValidBoard() async throws {
        let db = try await DB()
        try await db.addMembers(2)
        let election = try await db.createElection()
        db.setClock("2026-03-20T13:30:00Z")
        let issue = try await db.voting.issueCredentials(election.id)
        #expect(issue.election.cutoff == instant("2026-03-20T13:30:00Z"))
        let opened = try await db.voting.open(election.id)
        try await db.cast(opened, try CredentialCode(issue.credentials[0].code), [[0]])
        let result = try await db.closeAndTally(opened)
        #expect(result.voted == 1)
        #expect(try BoardVerifier.verify(try await db.voting.boardJSON(election.id)).status == .tallied)
    }

    @Test func openingAfterTheClosingTimeIsRefused() async throws {
        let db = try await DB()
        try await db.addMembers(1)
        let election = try await db.createElection()
        _ = try await db.voting.issueCredentials(election.id)
        db.setClock(DB.closes)
        try await expectRefusal("voting.too_late") { try await db.voting.open(election.id) }
    }

    @Test func theBoardIsAppendOnlyInTheDatabaseToo() async throws {
        let db = try await DB()
        try await db.addMembers(1)
        let election = try await db.createElection()
        _ = try await db.voting.issueCredentials(election.id)
        for sql in ["UPDATE voting_board SET payload = '{}'", "DELETE FROM voting_board WHERE seq = 2",
                    "INSERT INTO voting_board (election_id, seq, type, payload, prev, hash) VALUES ('E-0001', 5, 'open', '{}', 'x', 'y')",
                    "INSERT INTO voting_board (election_id, seq, type, payload, prev, hash) VALUES ('E-0001', 3, 'open', '{}', 'x', 'y')"] {
            await #expect(throws: DatabaseError.self) { try await db.pool.write { db in try db.execute(sql) } }
        }
        #expect(try await db.count("voting_board") == 2)
    }

    @Test func theBoardIsWrittenWithSynchronousFullAndTheWriterIsLeftAsItWas() async throws {
        let db = try await DB()
        try await db.addMembers(1)
        let election = try await db.createElection()
        let during = try await db.voting.boardWrite { conn in try conn.scalar("PRAGMA synchronous", as: Int.self) }
        #expect(during == 2)
        _ = try await db.voting.issueCredentials(election.id)
        let after = try await db.pool.writeWithoutTransaction { conn in try conn.scalar("PRAGMA synchronous", as: Int.self) }
        #expect(after == 1)
    }
}
