import CoopCore
import Foundation
import Membership
import Testing
@testable import Voting
import CoopTestSupport

@Suite("Credentials")
struct CredentialIssueTests {
    typealias DB = VotingTestDatabase

    @Test func eligibilityIsWhoWasActiveAtTheCutoff() async throws {
        let db = try await DB()
        _ = try await db.membership.addPlan(Plan(name: "Annual", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        let active = try await db.addMember("Active")                        // no plan, no end
        let expired = try await db.addMember("Expired", plan: "Annual")      // ends 2027-03-15
        let renewedLate = try await db.addMember("Renewed", plan: "Annual")  // ends 2027-03-15, renews after the cut-off
        let suspended = try await db.addMember("Suspended")
        let suspendedLate = try await db.addMember("Late")                   // suspended after the cut-off
        let reinstated = try await db.addMember("Reinstated")
        let erased = try await db.addMember("Erased")

        db.setClock("2027-03-20T12:00:00Z")
        _ = try await db.membership.suspend(suspended.number, reason: "Unpaid")
        _ = try await db.membership.suspend(reinstated.number, reason: "Mistake")
        _ = try await db.membership.anonymize(erased.number)
        db.setClock("2027-03-25T12:00:00Z")
        _ = try await db.membership.reinstate(reinstated.number)

        db.setClock("2027-04-01T12:00:00Z")
        let election = try await db.createElection(cutoff: instant("2027-04-01T12:00:00Z"),
                                                   opens: instant("2027-04-05T13:00:00Z"), closes: instant("2027-04-05T15:00:00Z"))
        db.setClock("2027-04-02T12:00:00Z")
        _ = try await db.membership.suspend(suspendedLate.number, reason: "Later")
        _ = try await db.membership.renew(renewedLate.number)
        let newcomer = try await db.addMember("Newcomer")

        let issue = try await db.voting.issueCredentials(election.id)
        let expected = [active.number, suspendedLate.number, reinstated.number]
        #expect(issue.credentials.map(\.member) == expected)
        #expect(try await db.voting.eligibleMembers(election.id) == expected)
        #expect(issue.election.eligibleCount == 3)
        #expect(issue.election.cutoff == instant("2027-04-01T12:00:00Z"))
        for excluded in [expired, renewedLate, suspended, erased, newcomer] {
            #expect(!issue.credentials.map(\.member).contains(excluded.number))
        }
    }

    @Test func withoutACutoffEligibilityIsFrozenAtIssuance() async throws {
        let db = try await DB()
        let members = try await db.addMembers(3)
        _ = try await db.membership.suspend(members[1].number, reason: "Unpaid")
        let election = try await db.createElection()
        db.setClock("2026-03-16T09:30:00Z")
        let issue = try await db.voting.issueCredentials(election.id)
        #expect(issue.credentials.map(\.member) == [members[0].number, members[2].number])
        #expect(issue.election.cutoff == instant("2026-03-16T09:30:00Z"))
        #expect(issue.election.definition?.cutoff == instant("2026-03-16T09:30:00Z"))
    }

    @Test func aCutoffStillAheadOrNobodyEligibleIsRefused() async throws {
        let db = try await DB()
        let future = try await db.createElection(cutoff: instant("2026-03-16T00:00:00Z"))
        try await expectRefusal("voting.cutoff_not_reached") { try await db.voting.issueCredentials(future.id) }
        let now = try await db.createElection()
        try await expectRefusal("voting.no_eligible_members") { try await db.voting.issueCredentials(now.id) }
        #expect(try await db.count("voting_board") == 0)
    }

    @Test func onlyTheShuffledPublicKeysAreKeptNeverWhichIsWhose() async throws {
        let db = try await DB()
        try await db.addMembers(12)
        let election = try await db.createElection()
        let issue = try await db.voting.issueCredentials(election.id)
        let definition = try #require(issue.election.definition)

        // Each code derives to the key issued with it, and the published list is exactly those keys.
        for credential in issue.credentials {
            let key = try CredentialCode(credential.code).privateKey(electionID: election.id, salt: election.salt)
            #expect(try key.publicKey.hex == credential.credential)
        }
        let board = try await db.voting.board(election.id)
        #expect(board.events.map(\.type) == [.setup, .credentials])
        #expect(board.events[0].payload == definition.json)
        #expect(CanonicalJSON.sha256Hex(board.events[0].payload) == issue.election.electionHash)
        let list = try #require(board.events[1].payload["credentials"])
        #expect(Set(list.arrayValue!.compactMap(\.stringValue)) == Set(issue.credentials.map(\.credential)))
        #expect(board.events[1].payload["count"] == 12)
        #expect(board.events[1].payload["sha256"] == .string(CanonicalJSON.sha256Hex(list)))
        #expect(issue.fingerprint == CanonicalJSON.sha256Hex(list))

        // No code is stored anywhere, and nothing ties a member number to a key.
        let stored = try await db.votingText()
        for credential in issue.credentials {
            let code = try CredentialCode(credential.code)
            #expect(!stored.contains { $0.contains(code.normalized) || $0.contains(credential.code) })
        }
        let columns = try await db.pool.read { conn in
            try conn.query("SELECT name FROM pragma_table_info('voting_credentials')").map { try $0.get("name") as String }
        }
        #expect(columns == ["election_id", "public_key", "added_seq", "revoked_seq"])
        let boardText = try await db.pool.read { conn in
            try conn.query("SELECT payload FROM voting_board").map { try $0.get("payload") as String }.joined()
        }
        #expect(!boardText.contains("M-00"))

        let file = issue.credentials[0].file(for: issue.election)
        #expect(file.code == issue.credentials[0].code)
        #expect(file.electionHash == issue.election.electionHash)
    }

    @Test func aLostCredentialIsRevokedOnTheBoardAndReplaced() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 3)
        try await db.cast(election, codes[0], [[1]])
        try await db.cast(election, codes[1], [[1]])
        let lost = try codes[0].privateKey(electionID: election.id, salt: election.salt).publicKey.hex

        let reissued = try await db.voting.reissueCredential(election.id, lost: lost.uppercased())
        #expect(reissued.revoked == lost)
        let newCode = try CredentialCode(reissued.code)
        #expect(try newCode.privateKey(electionID: election.id, salt: election.salt).publicKey.hex == reissued.credential)
        let board = try await db.voting.board(election.id)
        #expect(board.events.last?.type == .revoke)
        #expect(board.events.last?.payload == ["credential": .string(lost), "replacement": .string(reissued.credential)])

        try await expectRefusal("voting.revoked_credential") { try await db.cast(election, codes[0], [[0]]) }
        try await db.cast(election, newCode, [[0]])
        try await expectRefusal("voting.credential_not_found") { try await db.voting.reissueCredential(election.id, lost: lost) }
        try await expectRefusal("voting.credential_not_found") {
            try await db.voting.reissueCredential(election.id, lost: String(repeating: "ab", count: 32))
        }
        let shown = try await db.voting.election(election.id)
        #expect(shown.eligibleCount == 3)
        #expect(shown.revokedCount == 1)

        // The ballot cast with the lost credential stays on the board but does not count.
        let result = try await db.closeAndTally(election)
        #expect(result.questions[0].counts == [1, 1, 0])
        #expect(result.voted == 2)
        #expect(result.ballotEvents == 3)
        try await expectRefusal("voting.wrong_state") { try await db.voting.reissueCredential(election.id, lost: reissued.credential) }
    }
}
