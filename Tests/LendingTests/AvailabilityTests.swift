import CoopCore
import Foundation
import Inventory
import Testing
@testable import Lending

@Suite("Availability: claims over days, and the calendar both faces show")
struct AvailabilityTests {
    @Test func aBookingHoldsFromItsFirstDayToItsLastPlusTheBuffer() {
        let booking = Claim.booking(from: day("2026-03-20"), to: day("2026-03-22"), bufferDays: 0, units: 1)
        #expect(booking.start == day("2026-03-20") && booking.end == day("2026-03-22"))
        #expect(Claim.booking(from: day("2026-03-20"), to: day("2026-03-22"), bufferDays: 2, units: 1).end == day("2026-03-24"))
        // A one-day booking holds its day even without buffer.
        #expect(Claim.booking(from: day("2026-03-20"), to: day("2026-03-20"), bufferDays: 0, units: 1).end == day("2026-03-21"))
    }

    @Test func anOverdueLoanHoldsAtLeastToday() {
        let today = day("2026-03-20")
        let overdue = Claim.loan(due: day("2026-03-10"), today: today, bufferDays: 0, units: 1)
        #expect(overdue.start == today && overdue.end == day("2026-03-21"))
        #expect(Claim.loan(due: day("2026-03-10"), today: today, bufferDays: 3, units: 1).end == day("2026-03-23"))
        #expect(Claim.loan(due: day("2026-03-25"), today: today, bufferDays: 1, units: 2).end == day("2026-03-26"))
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
        #expect(view.periods == [
            AvailabilityPeriod(from: day("2026-03-16"), to: day("2026-03-18"), free: 1),
            AvailabilityPeriod(from: day("2026-03-19"), to: day("2026-03-19"), free: 2),
            AvailabilityPeriod(from: day("2026-03-20"), to: day("2026-03-21"), free: 1),
            AvailabilityPeriod(from: day("2026-03-22"), to: day("2026-03-25"), free: 2),
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
