import CoopCore
import Testing
@testable import Membership
import CoopTestSupport

@Suite("MemberRecord: members as other domains read them inside their transaction")
struct MemberRecordTests {
    @Test func statusOnAGivenDayAndPlanLimits() async throws {
        let db = try await TestDatabase()
        _ = try await db.addPlan("Annual", months: 12, maxLoans: 5, maxReservations: 2)
        try await db.addMember(plan: "Annual")
        try await db.addMember("Bob", "Roy")
        let (onTime, late, noPlan) = try await db.pool.read { conn in
            (try MemberRecord.fetch("m-1", on: TestDatabase.today, in: conn),
             try MemberRecord.fetch("M-0001", on: TestDatabase.today.adding(months: 13), in: conn),
             try MemberRecord.fetch("2", on: TestDatabase.today, in: conn))
        }
        #expect(onTime.number == "M-0001")
        #expect(onTime.status == .active)
        #expect(onTime.maxLoans == 5 && onTime.maxReservations == 2)
        #expect(late.status == .expired)
        #expect(noPlan.maxLoans == nil && noPlan.status == .active)
    }

    @Test func suspendedAnonymizedAndUnknown() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        try await db.addMember("Bob", "Roy")
        _ = try await db.service.suspend("M-0001", reason: "Outil non rendu")
        _ = try await db.service.anonymize("M-0002")
        let (suspended, anonymized) = try await db.pool.read { conn in
            (try MemberRecord.fetch("M-0001", on: TestDatabase.today, in: conn),
             try MemberRecord.fetch("M-0002", on: TestDatabase.today, in: conn))
        }
        #expect(suspended.status == .suspended)
        #expect(anonymized.anonymized)
        try await expectRefusal("membership.member_not_found") {
            try await db.pool.read { try MemberRecord.fetch("M-0404", on: TestDatabase.today, in: $0) }
        }
    }
}
