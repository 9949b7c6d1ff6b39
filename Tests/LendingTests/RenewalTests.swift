import CoopCore
import Foundation
import Testing
@testable import Lending

@Suite("Renewal: from the due date, within limits, never over someone's reservation")
struct RenewalTests {
    /// One unit of T-1 lent to Alice (M-0001) for 7 days, due Monday 2026-03-23; Bob (M-0002) exists.
    static func lent(renewals: Int = 2, selfRenew: Bool = false, bufferDays: Int = 0) async throws -> (TestLending, Loan) {
        let db = try await TestLending()
        try await db.policy(loanDays: 7, renewals: renewals, selfRenew: selfRenew, maxReservationDays: 30, bufferDays: bufferDays)
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(loan.due == day("2026-03-23"))
        return (db, loan)
    }

    @Test func aRenewalCountsFromTheCurrentDueDate() async throws {
        let (db, loan) = try await Self.lent()
        db.setDay(day("2026-03-20"))
        let renewed = try await db.lending.renew(loan: loan.id)
        #expect(renewed.due == day("2026-03-30") && renewed.renewals == 1)
        #expect(try await db.count("lending_events", where: "kind = 'renew'") == 1)
    }

    @Test func renewalsStopAtThePolicyLimit() async throws {
        let (db, loan) = try await Self.lent(renewals: 1)
        _ = try await db.lending.renew(loan: loan.id)
        let error = try await db.expectUnchanged("lending.renewal_limit") { try await db.lending.renew(loan: loan.id) }
        #expect(error.arguments["limit"] == .count(.integer(1), Plural(fr: "fois", "fois", en: "time", "times")))
        #expect(error.message(.en) == "Loan \(loan.id) was already renewed 1 time, the maximum.")
        #expect(error.kind == .conflict)
    }

    @Test func aPolicyWithoutRenewalsSaysSoRatherThanRenewedZeroTimes() async throws {
        let (db, loan) = try await Self.lent(renewals: 0)
        let error = try await db.expectUnchanged("lending.renewal_limit") { try await db.lending.renew(loan: loan.id) }
        #expect(error.message(.fr) == "Le prêt \(loan.id) ne peut pas être renouvelé : sa politique de prêt n’en permet aucun.")
        #expect(error.message(.en) == "Loan \(loan.id) cannot be renewed: its loan policy allows no renewal.")
    }

    @Test func aRenewedDueDateIsMovedOffClosedDays() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.setWeeklyClosures([1, 2])
        _ = try await db.lending.addClosure(on: day("2026-04-01"), reason: "Inventaire")
        // 2026-03-23 + 7 = Monday 03-30 (closed), Tuesday (closed), Wednesday 04-01 (inventory): Thursday.
        #expect(try await db.lending.renew(loan: loan.id).due == day("2026-04-02"))
    }

    @Test func anExtensionOverSomeoneElsesReservationIsRefused() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-27"), to: day("2026-03-28"))
        let error = try await db.expectUnchanged("lending.reservation_conflict") { try await db.lending.renew(loan: loan.id) }
        #expect(error.arguments["date"] == .text("2026-03-27"))
    }

    /// Out on its due day: a reservation may start the day after the new due date, or, with one
    /// buffer day, the day after that.
    @Test func aReservationStartingTheDayAfterTheNewDueDateLeavesRoomWithoutBufferButNotWithOne() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-31"), to: day("2026-04-01"))
        #expect(try await db.lending.renew(loan: loan.id).due == day("2026-03-30"))

        let (onDue, first) = try await Self.lent()
        _ = try await onDue.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-30"), to: day("2026-03-31"))
        try await onDue.expectUnchanged("lending.reservation_conflict") { try await onDue.lending.renew(loan: first.id) }

        let (buffered, other) = try await Self.lent(bufferDays: 1)
        _ = try await buffered.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-04-01"), to: day("2026-04-02"))
        // Due 03-30, out that day, + 1 buffer day (03-31): the unit is free again on 04-01, Bob's first day.
        #expect(try await buffered.lending.renew(loan: other.id).due == day("2026-03-30"))
        let (tight, third) = try await Self.lent(bufferDays: 1)
        _ = try await tight.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-31"), to: day("2026-04-01"))
        try await tight.expectUnchanged("lending.reservation_conflict") { try await tight.lending.renew(loan: third.id) }
    }

    @Test func theBorrowersOwnReservationDoesNotBlockTheirRenewal() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-27"), to: day("2026-03-28"))
        #expect(try await db.lending.renew(loan: loan.id).due == day("2026-03-30"))
    }

    @Test func membersRenewThemselvesOnlyWhereThePolicyAllows() async throws {
        let (db, loan) = try await Self.lent(selfRenew: false)
        let error = try await db.expectUnchanged("lending.self_renew_not_allowed") {
            try await db.lending.acting(as: .member("M-0001")).renew(loan: loan.id)
        }
        #expect(error.kind == .forbidden)
        #expect(try await db.lending.acting(as: .staff("desk")).renew(loan: loan.id).renewals == 1)

        let (open, own) = try await Self.lent(selfRenew: true)
        try await open.expectUnchanged("auth.not_your_data") { try await open.lending.acting(as: .member("M-0002")).renew(loan: own.id) }
        #expect(try await open.lending.acting(as: .member("m-1")).renew(loan: own.id).renewals == 1)
    }

    @Test func anOverdueLoanComesBackRatherThanRenews() async throws {
        let (db, loan) = try await Self.lent()
        db.setDay(day("2026-03-23"))
        #expect(try await db.lending.renew(loan: loan.id).due == day("2026-03-30"))
        db.setDay(day("2026-03-31"))
        try await db.expectUnchanged("lending.loan_overdue") { try await db.lending.renew(loan: loan.id) }
    }

    @Test func noRenewalWhileOthersWaitForTheItem() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.placeHold(item: "T-1", member: "M-0002")
        let error = try await db.expectUnchanged("lending.holds_waiting") { try await db.lending.renew(loan: loan.id) }
        #expect(error.arguments["count"]?.number == 1)
        #expect(error.message(.fr).hasSuffix(": 1 membre attend T-1."))
    }

    @Test func closedAndInactiveLoansAreNotRenewed() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.membership.suspend("M-0001", reason: "unpaid")
        try await db.expectUnchanged("lending.member_inactive") { try await db.lending.renew(loan: loan.id) }
        _ = try await db.lending.checkIn(loan: loan.id)
        try await db.expectUnchanged("lending.loan_closed") { try await db.lending.renew(loan: loan.id) }
    }
}
