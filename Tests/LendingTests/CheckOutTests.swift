import CoopCore
import Foundation
import Inventory
import Membership
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Check-out: who may borrow what, for how long")
struct CheckOutTests {
    /// Search results are kept under the catalogue version, which a check-out does not move; the units
    /// are read fresh, so a kept `available` search follows every loan at once.
    @Test func checkingOutTheLastUnitTakesTheItemOutOfTheVeryNextAvailableSearch() async throws {
        let db = try await TestLending()
        let alice = try await db.member()
        try await db.item("T-1", quantity: 1)
        try await db.item("T-2", quantity: 1)
        let query = ItemQuery(available: true), page = PageRequest()
        let kept = try await db.inventory.search(query, page: page, reusing: nil)
        #expect(kept.page.items.map(\.code) == ["T-1", "T-2"])
        let loan = try await db.lending.checkOut(item: "T-1", member: alice)
        let out = try await db.inventory.search(query, page: page, reusing: kept.snapshot)
        #expect(out.reused)
        #expect(out.page.items.map(\.code) == ["T-2"])
        _ = try await db.lending.checkIn(loan: loan.id)
        let back = try await db.inventory.search(query, page: page, reusing: out.snapshot)
        #expect(back.reused)
        #expect(back.page.items.map(\.code) == ["T-1", "T-2"])
    }

    @Test func aLoanGoesOutForThePolicyPeriodAndTakesItsUnits() async throws {
        let db = try await TestLending()
        let alice = try await db.member()
        try await db.item("T-1", quantity: 2)
        let loan = try await db.lending.acting(as: .staff("desk")).checkOut(item: "t-1", member: "m-1")
        #expect(loan.item == "T-1" && loan.member == alice && loan.units == 1)
        #expect(loan.outAt == TestLending.start)
        #expect(loan.due == TestLending.today.adding(days: 14))
        #expect(loan.status == .open && loan.returnedAt == nil && loan.fee == .zero)
        #expect(try await db.unitsOut("T-1") == 1)
        #expect(try await db.count("inventory_movements", where: "kind = 'checkOut'") == 1)
        #expect(try await db.count("lending_events", where: "kind = 'check_out'") == 1)
    }

    @Test func theLoanObjectHasTheKeysScriptsRelyOn() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        let json = try jsonObject(loan)
        for key in ["id", "item", "member", "units", "outAt", "due", "status", "returnedAt", "fee"] {
            #expect(json.keys.contains(key), "missing \(key)")
        }
        #expect(json["id"] as? Int == Int(loan.id))
        #expect(json["due"] as? String == "2026-03-30")
        #expect(json["outAt"] as? String == "2026-03-16T14:00:00.000Z")
        #expect(json["status"] as? String == "open")
        #expect(json["returnedAt"] is NSNull)
        #expect(json["fee"] as? Int == 0)
    }

    @Test func aDueDateOverrideIsKeptButMovedOffClosedDays() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 3)
        let short = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-18"))
        #expect(short.due == day("2026-03-18"))
        _ = try await db.lending.setWeeklyClosures([1])  // closed on Mondays
        let onMonday = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-23"))
        #expect(onMonday.due == day("2026-03-24"))
        try await db.expectUnchanged("lending.invalid_due") {
            try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-15"))
        }
    }

    @Test func unitsDefaultToOneAndMustBeSensible() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 5)
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0001").units == 1)
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0001", units: 3).units == 3)
        for units in [0, -2, 1_001] {
            try await db.expectUnchanged("lending.invalid_units") { try await db.lending.checkOut(item: "T-1", member: "M-0001", units: units) }
        }
    }

    @Test func unknownItemsAndMembersAreNamed() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        try await db.expectUnchanged("inventory.item_not_found") { try await db.lending.checkOut(item: "T-404", member: "M-0001") }
        try await db.expectUnchanged("membership.member_not_found") { try await db.lending.checkOut(item: "T-1", member: "M-0404") }
    }

    @Test func suspendedAndExpiredMembersCannotBorrow() async throws {
        let db = try await TestLending()
        let alice = try await db.member("Alice")
        let bob = try await db.member("Bob")
        try await db.item("T-1", quantity: 2)
        _ = try await db.membership.suspend(alice, reason: "unpaid")
        let error = try await db.expectUnchanged("lending.member_inactive") { try await db.lending.checkOut(item: "T-1", member: alice) }
        #expect(error.arguments["status"] == .localized(MemberStatus.suspended.label, code: "suspended"))
        #expect(error.kind == .conflict)
        // Bob's plan runs 12 months from today; the day after it ends he is expired.
        db.setDay(TestLending.today.adding(months: 12).adding(days: 1))
        let expired = try await db.expectUnchanged("lending.member_inactive") { try await db.lending.checkOut(item: "T-1", member: bob) }
        #expect(expired.arguments["status"] == .localized(MemberStatus.expired.label, code: "expired"))
    }

    @Test func thePlanLimitCountsUnitsOnLoan() async throws {
        let db = try await TestLending()
        _ = try await db.membership.addPlan(Plan(name: "Petit", fee: .zero, months: 12, maxLoans: 2, maxReservations: 1))
        let alice = try await db.member(plan: "Petit")
        try await db.item("T-1", quantity: 5)
        try await db.item("T-2", quantity: 5)
        _ = try await db.lending.checkOut(item: "T-1", member: alice)
        let error = try await db.expectUnchanged("lending.loan_limit") {
            try await db.lending.checkOut(item: "T-2", member: alice, units: 2)
        }
        #expect(error.arguments["limit"]?.number == 2 && error.arguments["current"]?.number == 1)
        let second = try await db.lending.checkOut(item: "T-2", member: alice)
        try await db.expectUnchanged("lending.loan_limit") { try await db.lending.checkOut(item: "T-1", member: alice) }
        _ = try await db.lending.checkIn(loan: second.id)
        _ = try await db.lending.checkOut(item: "T-1", member: alice)
    }

    @Test func aPlanAllowingNoLoansRefusesEveryLoanAndNoPlanMeansNoLimit() async throws {
        let db = try await TestLending()
        _ = try await db.membership.addPlan(Plan(name: "Soutien", fee: .zero, months: 12, maxLoans: 0, maxReservations: 0))
        let supporter = try await db.member("Sam", plan: "Soutien")
        let staff = try await db.member("Stella", plan: nil)
        try await db.item("T-1", quantity: 20)
        try await db.expectUnchanged("lending.loan_limit") { try await db.lending.checkOut(item: "T-1", member: supporter) }
        #expect(try await db.lending.checkOut(item: "T-1", member: staff, units: 12).units == 12)
    }

    @Test func aMemberOwingMoreThanTheThresholdIsRefused() async throws {
        let db = try await TestLending()
        let alice = try await db.member()
        try await db.item("T-1", quantity: 3)
        #expect(try await db.lending.settings().feeThreshold == Money(cents: 1_000))
        _ = try await db.lending.setFeeThreshold(Money(cents: 500))
        let loan = try await db.lending.checkOut(item: "T-1", member: alice)
        _ = try await db.lending.chargeDamage(loan: loan.id, amount: Money(cents: 500), reason: "rayure")
        // Owing exactly the threshold is allowed; one cent more is not.
        _ = try await db.lending.checkOut(item: "T-1", member: alice)
        _ = try await db.lending.chargeDamage(loan: loan.id, amount: Money(cents: 1), reason: "encore")
        let error = try await db.expectUnchanged("lending.balance_over_threshold") { try await db.lending.checkOut(item: "T-1", member: alice) }
        #expect(error.arguments["balance"] == .money(Money(cents: 501)))
        _ = try await db.lending.addPayment(member: alice, amount: Money(cents: 501), method: .cash)
        _ = try await db.lending.checkOut(item: "T-1", member: alice)
        try await expectRefusal("lending.invalid_threshold") { try await db.lending.setFeeThreshold(Money(cents: -1)) }
    }

    /// A loan past its due date blocks the member's new loans until it comes back (on by default, as
    /// myTurn and Lend Engine do); the co-op may turn that off.
    @Test func anOverdueLoanBlocksNewLoansUnlessTheCoopSaysOtherwise() async throws {
        let db = try await TestLending()
        let alice = try await db.member()
        try await db.item("T-1", quantity: 3)
        #expect(try await db.lending.settings().overdueBlocksLoans)
        let late = try await db.lending.checkOut(item: "T-1", member: alice, due: day("2026-03-20"))
        _ = try await db.lending.checkOut(item: "T-1", member: alice)   // due on Friday: not late yet
        db.setDay(day("2026-03-20"))
        _ = try await db.lending.checkOut(item: "T-1", member: alice)   // due today is not overdue
        db.setDay(day("2026-03-21"))
        let error = try await db.expectUnchanged("lending.overdue_loan") { try await db.lending.checkOut(item: "T-1", member: alice) }
        #expect(error.kind == .conflict)
        #expect(error.message(.fr) == "\(alice) a un prêt en retard (T-1, à rendre le 2026-03-20, prêt \(late.id)) : pas de nouveau prêt avant son retour.")
        #expect(error.message(.en) == "\(alice) has an overdue loan (T-1, due 2026-03-20, loan \(late.id)): no new loan until it comes back.")

        // Turned off, the same check-out goes through; the threshold is kept as it was.
        let off = try await db.lending.updateSettings(overdueBlocksLoans: false)
        #expect(off == LendingSettings(feeThreshold: Money(cents: 1_000), overdueBlocksLoans: false))
        _ = try await db.lending.updateSettings(overdueBlocksLoans: true)
        _ = try await db.lending.checkIn(loan: late.id)
        #expect(try await db.lending.checkOut(item: "T-1", member: alice).member == alice, "once back, the block lifts")
        try await expectRefusal("common.required") { try await db.lending.updateSettings() }
    }

    @Test func itemsOutOfCirculationCannotGoOut() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 2)
        for status in [ItemStatus.maintenance, .retired, .lost] {
            _ = try await db.inventory.setStatus("T-1", status)
            let error = try await db.expectUnchanged("lending.item_inactive") { try await db.lending.checkOut(item: "T-1", member: "M-0001") }
            #expect(error.arguments["status"] == .localized(status.label, code: status.rawValue))
        }
    }

    @Test func noMoreUnitsThanTheItemHas() async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1", quantity: 2)
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        let error = try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.checkOut(item: "T-1", member: "M-0002", units: 2)
        }
        #expect(error.arguments["requested"]?.number == 2)
        #expect(error.arguments["available"]?.number == 1)
        #expect(error.arguments["date"] == .text("2026-03-16"))
        #expect(error.message(.en) == "T-1: 2 units requested, 1 free on 2026-03-16.")
        #expect(error.message(.fr) == "T-1 : 2 unités demandées, 1 libre le 2026-03-16.")
        _ = try await db.inventory.sendToMaintenance("T-1", units: 1)
        try await db.expectUnchanged("lending.units_unavailable") { try await db.lending.checkOut(item: "T-1", member: "M-0002") }
    }

    @Test func anotherMembersReservationDuringTheLoanPeriodBlocksTheLastUnit() async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1")
        _ = try await db.lending.reserve(item: "T-1", member: "M-0002", from: day("2026-03-25"), to: day("2026-03-27"))
        let error = try await db.expectUnchanged("lending.units_unavailable") { try await db.lending.checkOut(item: "T-1", member: "M-0001") }
        #expect(error.arguments["date"] == .text("2026-03-25"))
        // Due the day Bob picks it up is still out that day; due the day before fits (no buffer days).
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-25"))
        }
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-24"))
        #expect(loan.due == day("2026-03-24"))
    }

    @Test func checkingOutOnTheFirstDayOfOnesOwnReservationCollectsIt() async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.item("T-1")
        let reservation = try await db.lending.reserve(item: "T-1", member: "M-0001", from: TestLending.today, to: day("2026-03-20"))
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(loan.reservation == reservation.id)
        #expect(loan.due == day("2026-03-20"))
        let collected = try await db.lending.reservation(reservation.id)
        #expect(collected.status == .collected && collected.loan == loan.id)
    }

    @Test func ownFutureReservationsDoNotBlockTheMemberButOthersDo() async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.item("T-1")
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-03-20"), to: day("2026-03-22"))
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(loan.due == day("2026-03-30"))
    }

    @Test func aBackDatedCheckOutCountsFromTheRecordedInstant() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        let earlier = Instant.parse("2026-03-10T16:30", timeZone: TestLending.timeZone)!
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001", at: earlier)
        #expect(loan.outAt == earlier)
        #expect(loan.due == day("2026-03-24"))
        let movement = try await db.inventory.history("T-1", page: PageRequest(limit: 1)).items[0]
        #expect(movement.kind == .checkOut && movement.at == earlier)
        try await db.expectUnchanged("lending.at_in_future") {
            try await db.lending.checkOut(item: "T-1", member: "M-0001", at: TestLending.start.adding(seconds: 60))
        }
    }

    @Test func aBackDatedLoanAlreadyPastDueIsOverdueAtOnce() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-12"),
                                                 at: Instant.parse("2026-03-09T11:00", timeZone: TestLending.timeZone)!)
        #expect(loan.status == .overdue && loan.daysLate == 4 && loan.fee == Money(cents: 400))
    }
}
