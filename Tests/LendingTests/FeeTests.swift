import CoopCore
import Foundation
import Membership
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Fees: late, lost, damage, waivers, the shared account")
struct FeeTests {
    /// Alice (M-0001) returned T-1 five days late at 1.00/day: a 5.00 late fee.
    static func lateFee() async throws -> (TestLending, Fee) {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 2, value: 4_550)
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        db.setDay(loan.due.adding(days: 5))
        _ = try await db.lending.checkIn(loan: loan.id)
        let fees = try await db.lending.fees(member: "M-0001")
        #expect(fees.count == 1 && fees[0].amount == Money(cents: 500))
        return (db, fees[0])
    }

    @Test func aWaiverIsANewNegativeEntryAndTheFeeStaysOnRecord() async throws {
        let (db, fee) = try await Self.lateFee()
        let waived = try await db.lending.acting(as: .staff("desk")).waiveFee(fee.id, reason: "  première fois ")
        #expect(waived.status == .waived && waived.waivedReason == "première fois" && waived.waivedAt == db.clock.now())
        #expect(waived.amount == fee.amount)
        let account = try await db.lending.account(member: "M-0001")
        #expect(account.balance == .zero)
        #expect(account.entries.map(\.kind) == ["fee", "waiver"])
        #expect(account.entries[1].amount == Money(cents: -500) && account.entries[1].reference == String(fee.id))
        #expect(account.fees == [waived])
        #expect(try await db.lending.fees(member: "M-0001", includeWaived: false).isEmpty)
        let json = try jsonObject(waived)
        #expect(json["status"] as? String == "waived" && json["amount"] as? Int == 500)
    }

    /// A fee's text is said in the member's language (for the member's documents) and in the desk's on
    /// demand, never in both at once; the file keeps a French copy for people reading it directly.
    @Test func feeAndWaiverDescriptionsAreInTheMembersLanguage() async throws {
        let (db, fee) = try await Self.lateFee()
        #expect(fee.description == "Retard : T-1, prêt \(fee.loan ?? 0), 5 jours")
        #expect(fee.description(in: .en) == "Late: T-1, loan \(fee.loan ?? 0), 5 days")
        _ = try await db.membership.updateMember("M-0001", MemberChanges(language: .en))
        let waived = try await db.lending.waiveFee(fee.id, reason: "first time")
        #expect(waived.description == "Late: T-1, loan \(fee.loan ?? 0), 5 days", "the member reads English now")
        let account = try await db.lending.account(member: "M-0001")
        #expect(account.entries.map(\.description) == ["Late: T-1, loan \(fee.loan ?? 0), 5 days", "Fee waived: first time"])
        #expect(account.entries[1].description(in: .fr) == "Remise de frais : first time")
        let stored = try await db.pool.read { db in
            try db.query("SELECT description FROM account_entries ORDER BY id").map { try $0.get(0) as String }
        }
        #expect(stored == ["Retard : T-1, prêt \(fee.loan ?? 0), 5 jours", "Remise de frais : first time"])
    }

    @Test func aFeeIsWaivedOnceAndOnlyWithAReason() async throws {
        let (db, fee) = try await Self.lateFee()
        try await db.expectUnchanged("common.required") { try await db.lending.waiveFee(fee.id, reason: "   ") }
        _ = try await db.lending.waiveFee(fee.id, reason: "geste")
        try await db.expectUnchanged("lending.fee_already_waived") { try await db.lending.waiveFee(fee.id, reason: "encore") }
        try await db.expectUnchanged("lending.fee_not_found") { try await db.lending.waiveFee(99, reason: "x") }
    }

    @Test func feesAreNeverDeletedNorRewritten() async throws {
        let (db, fee) = try await Self.lateFee()
        await #expect(throws: DatabaseError.self) { try await db.pool.write { try $0.execute("DELETE FROM lending_fees") } }
        await #expect(throws: DatabaseError.self) { try await db.pool.write { try $0.execute("UPDATE lending_fees SET amount_cents = 1") } }
        await #expect(throws: DatabaseError.self) { try await db.pool.write { try $0.execute("DELETE FROM lending_loans") } }
        _ = try await db.lending.waiveFee(fee.id, reason: "geste")
        await #expect(throws: DatabaseError.self) {
            try await db.pool.write { try $0.execute("UPDATE lending_fees SET waived_at = NULL") }
        }
        #expect(try await db.lending.fee(fee.id).status == .waived)
    }

    @Test func aDamageFeeIsChargedOnALoan() async throws {
        let (db, _) = try await Self.lateFee()
        let damage = try await db.lending.chargeDamage(loan: 1, amount: Money(cents: 1_250), reason: "manche déchirée")
        #expect(damage.kind == .damage && damage.loan == 1 && damage.item == "T-1")
        #expect(try await db.balance("M-0001") == Money(cents: 1_750))
        try await db.expectUnchanged("lending.invalid_fee_amount") {
            try await db.lending.chargeDamage(loan: 1, amount: .zero, reason: "rien")
        }
        try await db.expectUnchanged("lending.loan_not_found") {
            try await db.lending.chargeDamage(loan: 9, amount: Money(cents: 100), reason: "x")
        }
    }

    @Test func aLostItemCostsItsReplacementValueAndLeavesTheCatalogue() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1", quantity: 3, value: 4_550)
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001", units: 2)
        let lost = try await db.lending.declareLost(loan: loan.id, note: "perdu en tournée")
        #expect(lost.status == .lost)
        let item = try await db.inventory.item("T-1")
        #expect(item.quantity == 1 && item.unitsOut == 0)
        let fees = try await db.lending.fees(member: "M-0001")
        #expect(fees.map(\.kind) == [.lost] && fees[0].amount == Money(cents: 9_100))
        #expect(try await db.balance("M-0001") == Money(cents: 9_100))
        try await db.expectUnchanged("lending.loan_closed") { try await db.lending.declareLost(loan: loan.id) }
        try await db.expectUnchanged("lending.loan_closed") { try await db.lending.checkIn(loan: loan.id) }
    }

    @Test func paymentsGoThroughTheSharedAccount() async throws {
        let (db, _) = try await Self.lateFee()
        let payment = try await db.lending.addPayment(member: "M-0001", amount: Money(cents: 200), method: .card)
        #expect(payment.amount == Money(cents: -200) && payment.method == .card)
        let account = try await db.lending.acting(as: .member("m-1")).account(member: "M-0001")
        #expect(account.balance == Money(cents: 300))
        #expect(account.entries.map(\.kind) == ["fee", "payment"])
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).account(member: "M-0001") }
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).fees(member: "M-0001") }
        try await expectRefusal("membership.member_not_found") { try await db.lending.fees(member: "M-0099") }
    }
}
