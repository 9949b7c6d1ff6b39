import CoopCore
import Foundation
import Inventory
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Availability: claims over days, and the calendar both faces show")
struct AvailabilityTests {
    @Test func aBookingHoldsFromItsFirstDayToItsLastPlusTheBuffer() {
        // Friday to Sunday holds Sunday too: the next booking may start on Monday.
        let booking = Claim.booking(from: day("2026-03-20"), to: day("2026-03-22"), bufferDays: 0, units: 1)
        #expect(booking.start == day("2026-03-20") && booking.end == day("2026-03-23"))
        // Each buffer day adds one day between them: with 2, the next may start on Wednesday.
        #expect(Claim.booking(from: day("2026-03-20"), to: day("2026-03-22"), bufferDays: 2, units: 1).end == day("2026-03-25"))
        // A one-day booking holds its day.
        #expect(Claim.booking(from: day("2026-03-20"), to: day("2026-03-20"), bufferDays: 0, units: 1).end == day("2026-03-21"))
    }

    @Test func anOverdueLoanHoldsAtLeastToday() {
        let today = day("2026-03-20")
        let overdue = Claim.loan(due: day("2026-03-10"), today: today, bufferDays: 0, units: 1)
        #expect(overdue.start == today && overdue.end == day("2026-03-21"))
        #expect(Claim.loan(due: day("2026-03-10"), today: today, bufferDays: 3, units: 1).end == day("2026-03-24"))
        // Out on its due day, then the buffer.
        #expect(Claim.loan(due: day("2026-03-25"), today: today, bufferDays: 1, units: 2).end == day("2026-03-27"))
    }

    @Test func freeUnitsAreTheCapacityLessEveryClaimEachDay() {
        let calendar = UnitCalendar(capacity: 3, claims: [
            Claim(start: day("2026-03-20"), end: day("2026-03-23"), units: 2),
            Claim(start: day("2026-03-22"), end: day("2026-03-25"), units: 1),
            Claim(start: day("2026-03-01"), end: day("2026-03-10"), units: 3),
        ])
        #expect(calendar.free(from: day("2026-03-19"), until: day("2026-03-26")) == [3, 1, 1, 0, 2, 2, 3])
        let short = calendar.shortfall(for: Claim(start: day("2026-03-21"), end: day("2026-03-24"), units: 1))
        #expect(short?.day == day("2026-03-22") && short?.free == 0)
        #expect(calendar.shortfall(for: Claim(start: day("2026-03-23"), end: day("2026-03-25"), units: 2)) == nil)
        #expect(calendar.minimumFree(from: day("2026-03-19"), until: day("2026-03-26")) == 0)
    }

    @Test func theCalendarViewCountsLoansReservationsAndBuffers() async throws {
        let db = try await TestLending()
        try await db.policy(bufferDays: 1)
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1", quantity: 2)
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-18"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-20"), to: day("2026-03-21"))
        let view = try await db.lending.availability(item: "T-1", from: day("2026-03-16"), to: day("2026-03-25"))
        #expect(view.item == "T-1" && view.quantity == 2)
        // The loan is out through its due day (18) and its buffer day (19); the booking through its
        // last day (21) and its buffer day (22): no day between them has both units free.
        #expect(view.periods == [
            AvailabilityPeriod(from: day("2026-03-16"), to: day("2026-03-22"), free: 1),
            AvailabilityPeriod(from: day("2026-03-23"), to: day("2026-03-25"), free: 2),
        ])
        #expect(view.free == 1)
        try await expectRefusal("lending.invalid_range") { try await db.lending.availability(item: "T-1", from: day("2026-03-20"), to: day("2026-03-19")) }
    }

    @Test func unitsOutWithoutALoanAreNeverPromised() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 2)
        // A unit taken out through the ledger directly (not by Lending) still counts as gone.
        try await db.pool.write { conn in
            let id = try InventoryLedger.item(code: "T-1", in: conn).id
            try InventoryLedger.checkOut(itemID: id, units: 1, actor: "other", at: TestLending.start, in: conn)
        }
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        try await db.expectUnchanged("lending.units_unavailable") { try await db.lending.checkOut(item: "T-1", member: "M-0001") }
    }
}
