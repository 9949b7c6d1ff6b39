import CoopCore
import Foundation
import Membership
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Reservations: date ranges, boundaries, buffers, expiry, pickup")
struct ReservationTests {
    /// One unit of T-1 (or `quantity`), members M-0001 … M-0004, the given buffer days.
    static func setUp(quantity: Int = 1, bufferDays: Int = 0) async throws -> TestLending {
        let db = try await TestLending()
        try await db.policy(bufferDays: bufferDays)
        for name in ["Alice", "Bob", "Carol", "Dan"] { try await db.member(name) }
        try await db.item("T-1", quantity: quantity)
        return db
    }

    @Test func theReservationObjectHasTheKeysScriptsRelyOn() async throws {
        let db = try await Self.setUp()
        let reservation = try await db.lending.reserve(item: "t-1", member: "1", units: 1, from: day("2026-03-20"), to: day("2026-03-22"))
        let json = try jsonObject(reservation)
        for key in ["id", "item", "member", "units", "from", "to", "status"] { #expect(json.keys.contains(key), "missing \(key)") }
        #expect(json["item"] as? String == "T-1" && json["member"] as? String == "M-0001")
        #expect(json["from"] as? String == "2026-03-20" && json["to"] as? String == "2026-03-22")
        #expect(json["status"] as? String == "booked")
        #expect(json["loan"] is NSNull)
    }

    /// The unit is out on a booking's last day: without buffer the next booking starts the day after.
    @Test func withoutBufferTheNextBookingStartsTheDayAfterTheLastDay() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-22"))
        // Ending the day Alice starts, or starting the day she ends (Sunday): both refused.
        let before = try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-18"), to: day("2026-03-20"))
        }
        #expect(before.arguments["date"] == .text("2026-03-20") && before.arguments["available"]?.number == 0)
        let sunday = try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-22"), to: day("2026-03-24"))
        }
        #expect(sunday.arguments["date"] == .text("2026-03-22"))
        // The day before she starts and the day after she ends: both fit.
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-18"), to: day("2026-03-19"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-23"), to: day("2026-03-24"))
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0004", from: day("2026-03-21"), to: day("2026-03-21"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0004", from: day("2026-03-25"), to: day("2026-03-25"))
    }

    @Test func aOneDayReservationHoldsItsDay() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-20"))
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-20"), to: day("2026-03-20"))
        }
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-20"), to: day("2026-03-21"))
        }
        // The days around it are free.
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-18"), to: day("2026-03-19"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-21"), to: day("2026-03-21"))
    }

    @Test func withBufferDaysAGapOfThatManyDaysIsRequired() async throws {
        let db = try await Self.setUp(bufferDays: 2)
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-22"))
        // Out through the 22nd, then two days to check it (23rd, 24th): next pickup on the 25th at the earliest.
        let error = try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-24"), to: day("2026-03-25"))
        }
        #expect(error.arguments["date"] == .text("2026-03-24"))
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-23"), to: day("2026-03-25"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-25"), to: day("2026-03-26"))
        // Before Alice: a booking ending on the 17th leaves the 18th and 19th for checking.
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-16"), to: day("2026-03-18"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-16"), to: day("2026-03-17"))
    }

    @Test func unitsAddUpAcrossReservationsOfAnItem() async throws {
        let db = try await Self.setUp(quantity: 3)
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", units: 2, from: day("2026-03-20"), to: day("2026-03-25"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-24"), to: day("2026-03-26"))
        let error = try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-18"), to: day("2026-03-25"))
        }
        #expect(error.arguments["date"] == .text("2026-03-24") && error.arguments["available"]?.number == 0)
        // Out through the 23rd, the day before Bob takes the third unit: it fits.
        _ = try await db.lending.reserve(item: "T-1", member: "M-0003", from: day("2026-03-18"), to: day("2026-03-23"))
    }

    @Test func loansOutCountAgainstReservations() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001")  // due 2026-03-30
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-25"), to: day("2026-03-27"))
        }
        // Out on its due day: a booking may start the day after.
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-30"), to: day("2026-04-01"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-31"), to: day("2026-04-01"))
    }

    @Test func anOverdueLoanIsCountedAsComingBackToday() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-18"))
        db.setDay(day("2026-03-20"))
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-20"), to: day("2026-03-21"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-21"), to: day("2026-03-22"))
    }

    @Test func rangeLengthAndAdvanceFollowThePolicy() async throws {
        let db = try await TestLending()
        try await db.policy(maxReservationDays: 5, maxAdvanceDays: 30)
        try await db.member()
        try await db.item("T-1")
        try await db.expectUnchanged("lending.invalid_range") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-22"), to: day("2026-03-21"))
        }
        try await db.expectUnchanged("lending.reservation_in_past") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-15"), to: day("2026-03-17"))
        }
        let long = try await db.expectUnchanged("lending.reservation_too_long") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-25"))
        }
        #expect(long.arguments["days"]?.number == 6 && long.arguments["max"]?.number == 5)
        try await db.expectUnchanged("lending.reservation_too_far") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-04-16"), to: day("2026-04-17"))
        }
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-04-15"), to: day("2026-04-19"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: TestLending.today, to: TestLending.today)
    }

    @Test func aReservationNeitherStartsNorEndsOnAClosedDay() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.setWeeklyClosures([7])
        _ = try await db.lending.addClosure(on: day("2026-03-20"), reason: "Férié")
        let sunday = try await db.expectUnchanged("lending.closed_day") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-22"), to: day("2026-03-24"))
        }
        #expect(sunday.field == "from" && sunday.arguments["reason"] == .text("weekly"))
        // The closure's kind in words, never the code `weekly`.
        #expect(sunday.message(.fr) == "La coop est fermée le 2026-03-22 (fermeture hebdomadaire).")
        #expect(sunday.message(.en) == "The co-op is closed on 2026-03-22 (closed every week).")
        let holiday = try await db.expectUnchanged("lending.closed_day") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-20"))
        }
        #expect(holiday.field == "to" && holiday.message(.en) == "The co-op is closed on 2026-03-20 (Férié).")
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-19"), to: day("2026-03-23"))
    }

    @Test func thePlanLimitsActiveReservations() async throws {
        let db = try await TestLending()
        _ = try await db.membership.addPlan(Plan(name: "Petit", fee: .zero, months: 12, maxLoans: 2, maxReservations: 1))
        let alice = try await db.member(plan: "Petit")
        try await db.item("T-1", quantity: 5)
        let first = try await db.lending.reserve(item: "T-1", member: alice, from: day("2026-03-20"), to: day("2026-03-21"))
        let error = try await db.expectUnchanged("lending.reservation_limit") {
            try await db.lending.reserve(item: "T-1", member: alice, from: day("2026-03-25"), to: day("2026-03-26"))
        }
        #expect(error.arguments["limit"]?.number == 1)
        _ = try await db.lending.cancelReservation(first.id)
        _ = try await db.lending.reserve(item: "T-1", member: alice, from: day("2026-03-25"), to: day("2026-03-26"))
    }

    @Test func inactiveMembersAndItemsCannotReserve() async throws {
        let db = try await Self.setUp()
        _ = try await db.membership.suspend("M-0001", reason: "unpaid")
        try await db.expectUnchanged("lending.member_inactive") {
            try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-21"))
        }
        _ = try await db.inventory.setStatus("T-1", .maintenance)
        try await db.expectUnchanged("lending.item_inactive") {
            try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-20"), to: day("2026-03-21"))
        }
    }

    @Test func anUncollectedReservationExpiresAfterItsFirstDayAndFreesItsUnits() async throws {
        let db = try await Self.setUp()
        let reservation = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-17"), to: day("2026-03-19"))
        db.setDay(day("2026-03-17"), hour: 23)
        #expect(try await db.lending.reservation(reservation.id).status == .booked)
        try await db.expectUnchanged("lending.units_unavailable") { try await db.lending.checkOut(item: "T-1", member: "M-0002") }
        db.setDay(day("2026-03-18"), hour: 9)
        #expect(try await db.lending.reservation(reservation.id).status == .expired)
        let expired = try await db.lending.reservations(ReservationFilter(status: .expired)).items
        #expect(expired.map(\.id) == [reservation.id])
        #expect(try await db.lending.reservations(ReservationFilter(status: .booked)).items.isEmpty)
        // It no longer holds the unit, and it can neither be picked up nor cancelled.
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0002", due: day("2026-03-19"))
        #expect(loan.status == .open)
        try await db.expectUnchanged("lending.reservation_not_active") { try await db.lending.pickUp(reservation: reservation.id) }
        try await db.expectUnchanged("lending.reservation_not_active") { try await db.lending.cancelReservation(reservation.id) }
    }

    @Test func pickupTurnsTheReservationIntoALoanDueOnItsLastDay() async throws {
        let db = try await Self.setUp()
        let reservation = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-21"))
        try await db.expectUnchanged("lending.reservation_not_started") { try await db.lending.pickUp(reservation: reservation.id) }
        db.setDay(day("2026-03-18"))
        let loan = try await db.lending.acting(as: .staff("desk")).pickUp(reservation: reservation.id)
        #expect(loan.member == "M-0001" && loan.due == day("2026-03-21") && loan.reservation == reservation.id)
        #expect(try await db.unitsOut("T-1") == 1)
        let collected = try await db.lending.reservation(reservation.id)
        #expect(collected.status == .collected && collected.loan == loan.id)
        try await db.expectUnchanged("lending.reservation_not_active") { try await db.lending.pickUp(reservation: reservation.id) }
    }

    @Test func pickupStillNeedsTheUnitsBackAndAnActiveMember() async throws {
        let db = try await Self.setUp()
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0002", due: day("2026-03-17"))
        let reservation = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-20"))
        db.setDay(day("2026-03-18"))
        try await db.expectUnchanged("lending.units_unavailable") { try await db.lending.pickUp(reservation: reservation.id) }
        _ = try await db.lending.checkIn(item: "T-1")
        _ = try await db.membership.suspend("M-0001", reason: "unpaid")
        try await db.expectUnchanged("lending.member_inactive") { try await db.lending.pickUp(reservation: reservation.id) }
    }

    @Test func aPickupRecordedLaterCountsOnItsOwnDay() async throws {
        let db = try await Self.setUp()
        let reservation = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-20"))
        db.setDay(day("2026-03-19"))
        let at = Instant.parse("2026-03-18T15:00", timeZone: TestLending.timeZone)!
        let loan = try await db.lending.pickUp(reservation: reservation.id, at: at)
        #expect(loan.outAt == at && loan.due == day("2026-03-20"))
    }

    @Test func membersCancelTheirOwnReservationsAndStaffAnyone() async throws {
        let db = try await Self.setUp()
        let alices = try await db.lending.acting(as: .member("M-0001"))
            .reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-19"))
        try await db.expectUnchanged("auth.not_your_data") {
            try await db.lending.acting(as: .member("M-0001")).reserve(item: "T-1", member: "M-0002", from: day("2026-03-25"), to: day("2026-03-26"))
        }
        try await db.expectUnchanged("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).cancelReservation(alices.id) }
        let cancelled = try await db.lending.acting(as: .member("M-0001")).cancelReservation(alices.id)
        #expect(cancelled.status == .cancelled && cancelled.cancelledAt == db.clock.now())
        let bobs = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-18"), to: day("2026-03-19"))
        #expect(try await db.lending.acting(as: .staff("desk")).cancelReservation(bobs.id).status == .cancelled)
        try await db.expectUnchanged("lending.reservation_not_active") { try await db.lending.cancelReservation(bobs.id) }
        try await db.expectUnchanged("lending.reservation_not_found") { try await db.lending.cancelReservation(999) }
    }

    @Test func aMemberListsOnlyTheirOwnReservations() async throws {
        let db = try await Self.setUp(quantity: 2)
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-18"), to: day("2026-03-19"))
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-18"), to: day("2026-03-19"))
        #expect(try await db.lending.reservations().items.count == 2)
        #expect(try await db.lending.acting(as: .member("M-0002")).reservations().items.map(\.member) == ["M-0002"])
        try await expectRefusal("auth.not_your_data") {
            try await db.lending.acting(as: .member("M-0002")).reservations(ReservationFilter(member: "M-0001"))
        }
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).reservation(1) }
        let page = try await db.lending.reservations(page: PageRequest(limit: 1))
        #expect(page.items.count == 1 && page.next != nil)
        let rest = try await db.lending.reservations(page: try PageRequest(limit: "1", cursor: page.next))
        #expect(rest.items.map(\.id) == [2] && rest.next == nil)
    }
}
