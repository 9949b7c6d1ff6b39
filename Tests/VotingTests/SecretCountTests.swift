import CoopCore
import CoopTestSupport
import Foundation
import Testing
@testable import Voting

/// A secret election from draft to result with three tellers: `close` appends the encrypted sums,
/// each teller verifies the board and posts its factors, the last one's bring the result, and the
/// result equals a plaintext recount of the same answers.
@Suite struct SecretCountTests {
    typealias DB = VotingTestDatabase

    static let questions = [
        DB.resolution,
        Question(text: "Conseil", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di"], min: 1, max: 2),
        Question(text: "Logo", kind: .ranked, choices: ["Soleil", "Arbre", "Abeille"]),
    ]

    /// An open secret election with `members` members and `tellers` tellers; the tellers' keys, the codes.
    static func openSecret(_ db: DB, members: Int, tellers: Int, questions: [Question] = questions)
        async throws -> (Election, [TellerKey], [CredentialCode]) {
        try await db.addMembers(members)
        let draft = try await db.voting.createElection(NewElection(title: "AG secrète", questions: questions,
                                                                   opens: DB.opens, closes: DB.closes), secret: true)
        let keys = try (0..<tellers).map { _ in try TellerKey.generate(election: draft.id, salt: draft.salt) }
        for key in keys { _ = try await db.voting.registerTeller(draft.id, publicKey: key.publicJSON) }
        let issued = try await db.voting.issueCredentials(draft.id)
        db.setClock(DB.opens)
        let open = try await db.voting.open(draft.id)
        return (open, keys, try issued.credentials.map { try CredentialCode($0.code) })
    }

    static func cast(_ db: DB, _ election: Election, _ code: CredentialCode, _ answers: [[Int]]) async throws {
        let definition = try #require(election.definition)
        let ballot = try SecretBallot.cast(answers: answers, code: code, definition: definition, key: #require(definition.electionKey))
        _ = try await db.voting.cast(Data(ballot.canonicalJSON), election: election.id)
    }

    /// Deterministic answers of every kind, different per voter and round.
    static func answers(_ n: Int) -> [[Int]] {
        let rankings = QuestionSlots.rankings(3)
        let approvals = [[0], [1], [0, 1], [2, 3], [3], [1, 2], [0, 3]]
        return [[n % 3], approvals[(n * 5 + 1) % approvals.count], rankings[(n * 7 + 3) % rankings.count]]
    }

    @Test func twoHundredMembersThreeTellersTheResultIsThePlaintextRecount() async throws {
        let db = try await DB()
        let (election, keys, codes) = try await Self.openSecret(db, members: 200, tellers: 3)
        var counted: [Int: [[Int]]] = [:]
        var casts = 0
        for (n, code) in codes.enumerated() where n % 10 != 9 {
            try await Self.cast(db, election, code, Self.answers(n))
            casts += 1
            counted[n] = Self.answers(n)
        }
        // Re-votes: the last ballot counts.
        for n in stride(from: 0, to: 200, by: 13) where counted[n] != nil {
            try await Self.cast(db, election, codes[n], Self.answers(n + 1))
            counted[n] = Self.answers(n + 1)
            casts += 1
        }
        // Lost codes: the old credential's ballot no longer counts; two of the replacements vote.
        for n in [2, 4, 6, 8] {
            let lost = try codes[n].privateKey(electionID: election.id, salt: election.salt).publicKey.hex
            let reissued = try await db.voting.reissueCredential(election.id, lost: lost)
            counted[n] = nil
            if n <= 4 {
                try await Self.cast(db, election, try CredentialCode(reissued.code), Self.answers(n + 2))
                counted[n] = Self.answers(n + 2)
                casts += 1
            }
        }
        db.setClock(DB.closes)
        let closed = try await db.voting.close(election.id)
        #expect(closed.status == .closed)
        let afterClose = try await db.voting.board(election.id)
        #expect(afterClose.events.last?.type == .tally)
        let tally = try TallyEvent(json: afterClose.events.last!.payload)
        #expect(tally.ballots == counted.count && tally.ciphertexts.map(\.count) == [3, 4, 15])
        await #expect(throws: CoopError.awaitingTellers(election.id, remaining: [1, 2, 3])) { try await db.voting.tally(election.id) }

        // Each teller, on its own machine: the downloaded board, verified, its factors posted.
        for (i, key) in keys.enumerated().reversed() {
            let board = try await db.voting.boardJSON(election.id)
            let decryption = try key.decryption(of: board)
            #expect(decryption.teller == i + 1)
            let receipt = try await db.voting.postDecryption(election.id, decryption.json)
            #expect(receipt.remaining == Array(1...3).filter { $0 < i + 1 })
            if i > 0 {
                #expect(receipt.result == nil)
                await #expect(throws: CoopError.alreadyDecrypted(teller: i + 1)) { try await db.voting.postDecryption(election.id, decryption.json) }
                await #expect(throws: CoopError.alreadyDecrypted(teller: i + 1)) { try key.decryption(of: try await db.voting.boardJSON(election.id)) }
            }
        }
        let result = try await db.voting.tally(election.id)
        #expect(try await db.voting.election(election.id).status == .tallied)

        let definition = try #require(election.definition)
        let plaintext = Tally.compute(definition: definition, electionHash: definition.electionHash, eligible: 200,
                                      ballotEvents: result.ballotEvents, answers: counted.keys.sorted().map { counted[$0]! })
        let rankings = QuestionSlots.rankings(3)
        let expectedRankings = rankings.map { r in counted.values.filter { $0[2] == r }.count }
        #expect(result.questions[2].rankingCounts == expectedRankings)
        #expect(result.questions.map { $0.with(rankingCounts: nil) } == plaintext.questions)
        #expect(result.voted == counted.count && result.eligible == 200 && result.ballotEvents == casts)

        // Anyone can now verify the whole board and recount it.
        let report = try BoardVerifier.verify(try await db.voting.boardJSON(election.id))
        #expect(report.status == .tallied && report.tellers == 3 && report.decryptions == 3)
        #expect(report.recount == result)
    }

    @Test func aWrongFactorIsRefusedAndChangesNothing() async throws {
        let db = try await DB()
        let (election, keys, codes) = try await Self.openSecret(db, members: 3, tellers: 2)
        for (n, code) in codes.enumerated() { try await Self.cast(db, election, code, Self.answers(n)) }
        db.setClock(DB.closes)
        _ = try await db.voting.close(election.id)
        let board = try await db.voting.boardJSON(election.id)
        let good = try keys[0].decryption(of: board)
        // Teller 2's proofs under teller 1's index, and a factor swapped for another slot's.
        let other = try keys[1].decryption(of: board)
        let misnamed = DecryptionEvent(teller: 1, factors: other.factors)
        await #expect(throws: CoopError.invalidDecryption(LocalizedText(
            fr: "question 1, case 1 : le facteur manque ou sa preuve ne tient pas pour la clé du scrutateur n° 1",
            en: "question 1, slot 1: the factor is missing or its proof does not hold for teller 1's key"))) {
            try await db.voting.postDecryption(election.id, misnamed.json)
        }
        var swapped = good.factors
        swapped[1].swapAt(0, 1)
        await #expect(throws: CoopError.self) { try await db.voting.postDecryption(election.id, DecryptionEvent(teller: 1, factors: swapped).json) }
        await #expect(throws: CoopError.unknownTeller(3, count: 2)) {
            try await db.voting.postDecryption(election.id, DecryptionEvent(teller: 3, factors: good.factors).json)
        }
        #expect(try await db.voting.board(election.id).events.last?.type == .tally, "nothing appended")
        let receipt = try await db.voting.postDecryption(election.id, good.json)
        #expect(receipt.remaining == [2])
    }

    @Test func anElectionWithNoBallotsIsCountedAsZero() async throws {
        let db = try await DB()
        let (election, keys, _) = try await Self.openSecret(db, members: 2, tellers: 1)
        db.setClock(DB.closes)
        _ = try await db.voting.close(election.id)
        let receipt = try await db.voting.postDecryption(election.id, try keys[0].decryption(of: try await db.voting.boardJSON(election.id)).json)
        let result = try #require(receipt.result)
        #expect(result.voted == 0 && result.questions[0].counts == [0, 0, 0] && result.questions[2].rankingCounts == Array(repeating: 0, count: 15))
        #expect(try BoardVerifier.verify(try await db.voting.boardJSON(election.id)).recount == result)
    }

    /// Tellers posting at once, one of them twice: each decryption lands once, and one result.
    @Test func concurrentDecryptionsLandOnceAndMakeOneResult() async throws {
        let db = try await DB()
        let (election, keys, codes) = try await Self.openSecret(db, members: 3, tellers: 3)
        for (n, code) in codes.enumerated() { try await Self.cast(db, election, code, Self.answers(n)) }
        db.setClock(DB.closes)
        _ = try await db.voting.close(election.id)
        let board = try await db.voting.boardJSON(election.id)
        let decryptions = try keys.map { try $0.decryption(of: board) } + [try keys[0].decryption(of: board)]
        let outcomes = await withTaskGroup(of: String.self) { group in
            for decryption in decryptions {
                group.addTask {
                    do { return try await db.voting.postDecryption(election.id, decryption.json).result == nil ? "posted" : "result" } catch let error as CoopError {
                        return error.code
                    } catch { return "\(error)" }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.sorted() == ["posted", "posted", "result", "voting.already_decrypted"])
        let events = try await db.voting.board(election.id).events
        #expect(events.filter { $0.type == .decryption }.count == 3 && events.filter { $0.type == .result }.count == 1)
        #expect(try BoardVerifier.verify(try await db.voting.boardJSON(election.id)).status == .tallied)
    }
}
