import CoopCore
import Foundation
import Membership
import Testing
@testable import Lending

@Suite("Check-in: closing a loan, late fees, maintenance")
struct CheckInTests {
    /// A member with a loan of T-1 due on 2026-03-30 (14 days), under 1.00/day, 2 grace days, 5.00 cap.
    static func lent() async throws -> (TestLending, Loan) {
        let db = try await TestLending()
        try await db.policy(feePerDay: 100, graceDays: 2, feeCap: 500)
        try await db.member()
        try await db.item("T-1", quantity: 2)
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(loan.due == day("2026-03-30"))
        return (db, loan)
    }

    @Test func anOnTimeReturnClosesTheLoanWithoutFee() async throws {
        let (db, loan) = try await Self.lent()
        db.setDay(day("2026-03-30"), hour: 17)
        let back = try await db.lending.acting(as: .staff("desk")).checkIn(loan: loan.id, condition: "  propre  ")
        #expect(back.status == .returned && back.fee == .zero && back.daysLate == 0)
        #expect(back.condition == "propre")
        #expect(back.returnedAt == db.clock.now())
        #expect(try await db.unitsOut("T-1") == 0)
        #expect(try await db.count("lending_fees") == 0)
        let json = try jsonObject(back)
        #expect(json["returnedAt"] as? String == back.returnedAt?.iso8601)
        #expect(json["fee"] as? Int == 0)
    }

    @Test func lateDaysWithinGraceCostNothing() async throws {
        for (daysLate, cents) in [(1, 0), (2, 0), (3, 100), (4, 200), (7, 500), (30, 500)] as [(Int, Int64)] {
            let (db, loan) = try await Self.lent()
            db.setDay(day("2026-03-30").adding(days: daysLate))
            let back = try await db.lending.checkIn(loan: loan.id)
            #expect(back.fee == Money(cents: cents), "\(daysLate) days late")
            #expect(back.daysLate == daysLate)
            #expect(try await db.balance("M-0001") == Money(cents: cents))
            #expect(try await db.count("lending_fees") == (cents > 0 ? 1 : 0))
        }
    }

    @Test func theLateFeeIsAFeeRowAndAnAccountEntryInTheSameTransaction() async throws {
        let (db, loan) = try await Self.lent()
        db.setDay(day("2026-04-04"))
        let back = try await db.lending.checkIn(loan: loan.id)
        #expect(back.fee == Money(cents: 300))
        let fees = try await db.lending.fees(member: "M-0001")
        #expect(fees.count == 1)
        #expect(fees[0].kind == .late && fees[0].amount == Money(cents: 300) && fees[0].loan == loan.id && fees[0].status == .due)
        let account = try await db.membership.account("M-0001")
        #expect(account.entries.count == 1)
        #expect(account.entries[0].kind == "fee" && account.entries[0].source == "lending")
        #expect(account.entries[0].reference == String(fees[0].id))
        #expect(account.entries[0].amount == Money(cents: 300))
    }

    @Test func aLoanKeepsTheFeeTermsItWentOutUnder() async throws {
        let (db, loan) = try await Self.lent()
        try await db.policy(feePerDay: 1_000, graceDays: 0, feeCap: 100_000)
        db.setDay(day("2026-04-04"))
        #expect(try await db.lending.checkIn(loan: loan.id).fee == Money(cents: 300))
    }

    @Test func aReturnRecordedLaterIsChargedFromItsOwnInstant() async throws {
        let (db, loan) = try await Self.lent()
        db.setDay(day("2026-04-10"))
        let onTime = Instant.parse("2026-03-30T18:45", timeZone: TestLending.timeZone)!
        let back = try await db.lending.checkIn(loan: loan.id, at: onTime)
        #expect(back.returnedAt == onTime && back.fee == .zero)
        let movement = try await db.inventory.history("T-1", page: PageRequest(limit: 1)).items[0]
        #expect(movement.kind == .checkIn && movement.at == onTime)
    }

    @Test func backDatingCannotPrecedeTheLoanNorPassNow() async throws {
        let (db, loan) = try await Self.lent()
        try await db.expectUnchanged("lending.at_before_out") {
            try await db.lending.checkIn(loan: loan.id, at: loan.outAt.adding(seconds: -1))
        }
        try await db.expectUnchanged("lending.at_in_future") {
            try await db.lending.checkIn(loan: loan.id, at: db.clock.now().adding(seconds: 1))
        }
    }

    @Test func aDamagedReturnGoesToMaintenance() async throws {
        let (db, loan) = try await Self.lent()
        let back = try await db.lending.checkIn(loan: loan.id, condition: "manche déchirée", maintenance: "couture")
        #expect(back.maintenance == "couture")
        let item = try await db.inventory.item("T-1")
        #expect(item.unitsOut == 0 && item.maintenanceUnits == 1 && item.available == 1)
        let history = try await db.inventory.history("T-1", page: PageRequest(limit: 2)).items
        #expect(history.map(\.kind) == [.maintenance, .checkIn])
        #expect(history[0].reason == "couture")
    }

    @Test func aClosedLoanCannotComeBackTwice() async throws {
        let (db, loan) = try await Self.lent()
        _ = try await db.lending.checkIn(loan: loan.id)
        let error = try await db.expectUnchanged("lending.loan_closed") { try await db.lending.checkIn(loan: loan.id) }
        #expect(error.kind == .conflict)
        try await db.expectUnchanged("lending.loan_not_found") { try await db.lending.checkIn(loan: 999) }
    }

    @Test func byItemCodeTheMemberIsNeededOnlyWhenSeveralHoldIt() async throws {
        let (db, first) = try await Self.lent()
        let bob = try await db.member("Bob")
        let second = try await db.lending.checkOut(item: "T-1", member: bob)
        let error = try await db.expectUnchanged("lending.loan_ambiguous") { try await db.lending.checkIn(item: "t-1") }
        #expect(error.arguments["members"] == .text("M-0001, M-0002"))
        #expect(try await db.lending.checkIn(item: "T-1", member: "2").id == second.id)
        #expect(try await db.lending.checkIn(item: "T-1").id == first.id)
        try await db.expectUnchanged("lending.no_open_loan") { try await db.lending.checkIn(item: "T-1") }
    }

    @Test func aReferenceIsALoanIdWhenDigitsElseAnItemCode() async throws {
        let (db, loan) = try await Self.lent()
        try await db.item("12345")
        let other = try await db.lending.checkOut(item: "12345", member: "M-0001")
        // "1" is an open loan id; "12345" is no loan, so it is the item code.
        #expect(try await db.lending.checkIn(reference: String(loan.id)).id == loan.id)
        #expect(try await db.lending.checkIn(reference: "12345").id == other.id)
        try await db.expectUnchanged("lending.loan_closed") { try await db.lending.checkIn(reference: String(loan.id)) }
        try await db.expectUnchanged("lending.loan_not_found") { try await db.lending.checkIn(reference: "77") }
        try await db.expectUnchanged("inventory.item_not_found") { try await db.lending.checkIn(reference: "T-404") }
    }
}
