import CoopCore
import Foundation
import Testing
@testable import Membership
import CoopTestSupport

@Suite("Personal data: export and anonymization")
struct PersonalDataTests {
    /// M-0001 Alice with a plan, a suspension, a reinstatement, a renewal and a member token;
    /// M-0002 Bob with his own token and suspension, which must never appear in Alice's data.
    static func aliceWithHistory() async throws -> (db: TestDatabase, aliceToken: String, bobToken: String) {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000, months: 12)
        try await db.addMember("Alice", "Tremblay", email: "alice@example.org", phone: "514-555-0101", plan: "Annual")
        try await db.addMember("Bob", "Gagnon", email: "bob@example.org", plan: "Annual")
        _ = try await db.service.suspend("M-0001", reason: "Late return of the drill")
        db.clock.advance(days: 2)
        _ = try await db.service.reinstate("M-0001", reason: "Drill returned")
        _ = try await db.service.renew("M-0001")
        _ = try await db.service.suspend("M-0002", reason: "Bob's own trouble")
        let aliceToken = try await db.tokens.create(role: .member, member: "M-0001").token
        let bobToken = try await db.tokens.create(role: .member, member: "M-0002").token
        return (db, aliceToken, bobToken)
    }

    @Test func personalDataHoldsTheMemberRenewalsEventsAndTokensOfThatMemberOnly() async throws {
        let (db, aliceToken, _) = try await Self.aliceWithHistory()
        let data = try await db.service.personalData("m-1")

        #expect(data.member == (try await db.service.member("M-0001")))
        #expect(data.member.email == "alice@example.org")
        // Joining with the plan paid the first period; then one renewal.
        #expect(data.renewals.count == 2)
        #expect(data.renewals.map(\.previousEnd).first == .some(nil))
        #expect(data.renewals.first?.amount == Money(cents: 4000))
        #expect(data.renewals.first?.plan == "Annual")
        #expect(data.events.map(\.kind) == ["joined", "suspended", "reinstated", "renewed"])
        #expect(data.events.map(\.reason) == [nil, "Late return of the drill", "Drill returned", nil])
        #expect(data.tokens.count == 1)
        #expect(data.tokens.first?.prefix == String(aliceToken.prefix(8)))
        #expect(data.tokens.first?.role == .member)
        #expect(data.tokens.first?.revokedAt == nil)
    }

    @Test func exportedJSONNeverCarriesTheTokenSecretOrHash() async throws {
        let (db, aliceToken, _) = try await Self.aliceWithHistory()
        let json = String(decoding: try JSONEncoder().encode(try await db.service.personalData("M-0001")), as: UTF8.self)
        for key in ["\"member\"", "\"renewals\"", "\"events\"", "\"tokens\"", "\"number\":\"M-0001\""] {
            #expect(json.contains(key))
        }
        #expect(!json.contains(aliceToken))
        #expect(!json.contains("hash"))
        #expect(!json.contains("Bob"))
    }

    @Test func personalDataOfAnUnknownMemberIsNotFound() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("membership.member_not_found") { try await db.service.personalData("M-0001") }
    }

    @Test func anonymizeErasesIdentityButKeepsTheAccounts() async throws {
        let (db, _, _) = try await Self.aliceWithHistory()
        let before = try await db.service.personalData("M-0001")
        db.clock.advance(days: 1)
        let anonymized = try await db.service.anonymize("M-0001")

        #expect(anonymized.number == "M-0001")
        #expect(anonymized.firstName == "")
        #expect(anonymized.lastName == "")
        #expect(anonymized.email == nil)
        #expect(anonymized.phone == nil)
        #expect(anonymized.anonymized)
        #expect(anonymized.plan == "Annual")
        #expect(anonymized.joinedOn == before.member.joinedOn)
        #expect(anonymized.membershipEnds == before.member.membershipEnds)
        #expect(anonymized.shareCapital == before.member.shareCapital)

        let after = try await db.service.personalData("M-0001")
        #expect(after.member == anonymized)
        #expect(after.renewals == before.renewals)
        #expect(after.events.map(\.kind) == ["joined", "suspended", "reinstated", "renewed", "anonymized"])
        #expect(after.events.allSatisfy { $0.reason == nil })
    }

    @Test func noTraceOfThePersonIsLeftAnywhereInTheDatabase() async throws {
        let (db, _, _) = try await Self.aliceWithHistory()
        _ = try await db.service.anonymize("M-0001")
        let texts = try await db.allStoredText()
        for secret in ["Alice", "Tremblay", "alice@example.org", "514-555-0101", "Late return of the drill", "Drill returned"] {
            #expect(!texts.contains { $0.contains(secret) }, "\(secret) is still stored")
        }
        // Bob's record is untouched.
        let bob = try await db.service.member("M-0002")
        #expect(bob.firstName == "Bob")
        #expect(bob.suspensionReason == "Bob's own trouble")
    }

    @Test func anonymizeRevokesTheMembersTokensOnly() async throws {
        let (db, aliceToken, bobToken) = try await Self.aliceWithHistory()
        #expect(try await db.tokens.authenticate(aliceToken) != nil)
        _ = try await db.service.anonymize("M-0001")
        #expect(try await db.tokens.authenticate(aliceToken) == nil)
        #expect(try await db.tokens.authenticate(bobToken)?.memberNumber == "M-0002")
        #expect(try await db.service.personalData("M-0001").tokens.allSatisfy { $0.revokedAt == TestDatabase.start.adding(seconds: 2 * 86_400) })
    }

    @Test func anonymizedRecordRefusesEveryLaterChange() async throws {
        let (db, _, _) = try await Self.aliceWithHistory()
        _ = try await db.service.anonymize("M-0001")
        let before = try await db.snapshot()

        let error = try await expectRefusal("membership.member_anonymized") {
            try await db.service.updateMember("M-0001", MemberChanges(firstName: "Alice"))
        }
        #expect(error.message(.en) == "Member M-0001 was anonymized: the record can no longer change.")
        try await expectRefusal("membership.member_anonymized") { try await db.service.renew("M-0001") }
        try await expectRefusal("membership.member_anonymized") { try await db.service.suspend("M-0001", reason: "x") }
        try await expectRefusal("membership.member_anonymized") { try await db.service.reinstate("M-0001") }
        try await expectRefusal("membership.member_anonymized") { try await db.service.anonymize("M-0001") }
        try await expectRefusal("membership.member_anonymized") { try await db.tokens.create(role: .member, member: "M-0001") }

        #expect(try await db.snapshot() == before)
    }

    @Test func anonymizationFreesTheEmailForANewMember() async throws {
        let (db, _, _) = try await Self.aliceWithHistory()
        _ = try await db.service.anonymize("M-0001")
        let again = try await db.addMember("Alice", "Tremblay", email: "Alice@example.org")
        #expect(again.number == "M-0003")
        #expect(again.email == "Alice@example.org")
    }

    @Test func anonymizingASuspendedMemberErasesTheReasonAndKeepsTheSuspension() async throws {
        let (db, _, _) = try await Self.aliceWithHistory()
        let bob = try await db.service.anonymize("M-0002")
        #expect(bob.status == .suspended)
        #expect(bob.suspensionReason == nil)
    }

    @Test func anonymizingAnUnknownMemberIsNotFound() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("membership.member_not_found") { try await db.service.anonymize("M-0001") }
        #expect(try await db.count("membership_events") == 0)
    }
}
