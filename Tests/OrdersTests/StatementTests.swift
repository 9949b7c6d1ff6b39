import CoopCore
import Foundation
import Membership
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Statements: a member's month from the shared account")
struct StatementTests {
    @Test func balancesCarryFromMonthToMonth() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        // March: an invoice of 23.97 + taxes (27.56) and a payment of 20.00.
        let march = try await db.openCycle("Mars")
        try await db.order(march, alice, ["SAVON=3"])
        _ = try await db.service.closeCycle(march, early: true)
        db.setClock("2026-03-20T15:00:00Z")
        _ = try await db.membership.addPayment(member: alice, amount: cents(2_000), method: .cash)
        // 22:00 on March 31 in Toronto is April 1 in UTC: still March.
        db.setClock("2026-04-01T02:00:00Z")
        _ = try await db.membership.addPayment(member: alice, amount: cents(500), method: .card)
        // April: a credit note of one soap (9.19) and a second invoice (PAIN 2 × 5.25).
        db.setClock("2026-04-02T14:00:00Z")
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "abîmé", .lines([CreditLineInput(product: "SAVON", quantity: qty("1"))]))
        let april = try await db.openCycle("Avril")
        try await db.order(april, alice, ["PAIN=2"])
        _ = try await db.service.closeCycle(april, early: true)

        let first = try await db.service.statement(member: "m-1", month: try YearMonth(parsing: "2026-03", field: "month"))
        #expect(first.member == alice && first.from == LocalDate(year: 2026, month: 3, day: 1)! && first.to == LocalDate(year: 2026, month: 3, day: 31)!)
        #expect(first.openingBalance == .zero)
        #expect(first.entries.map(\.kind) == ["invoice", "payment", "payment"])
        #expect(first.invoices == cents(2_756) && first.payments == cents(-2_500) && first.creditNotes == .zero && first.other == .zero)
        #expect(first.closingBalance == cents(256))
        #expect(first.entries.last?.balance == first.closingBalance && first.entries.last?.date == LocalDate(year: 2026, month: 3, day: 31)!)

        let second = try await db.service.statement(member: alice, month: try YearMonth(parsing: "2026-04", field: "month"))
        #expect(second.openingBalance == cents(256))
        #expect(second.entries.map(\.kind) == ["credit_note", "invoice"])
        #expect(second.creditNotes == cents(-919) && second.invoices == cents(1_050) && second.payments == .zero)
        #expect(second.closingBalance == cents(256 - 919 + 1_050))
        #expect(second.closingBalance == second.openingBalance + second.invoices + second.creditNotes + second.payments + second.other)
        #expect(second.closingBalance == (try await db.membership.account(alice)).balance)

        let empty = try await db.service.statement(member: alice, month: try YearMonth(parsing: "2026-05", field: "month"))
        #expect(empty.entries.isEmpty && empty.openingBalance == second.closingBalance && empty.closingBalance == second.closingBalance)
        let object = try jsonObject(first)
        #expect(object["month"] as? String == "2026-03" && object["closingBalance"] as? Int == 256)
    }

    /// A statement is the member's document: in their language, not both at once, and it says which.
    @Test func aStatementIsInTheMembersLanguage() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let march = try await db.openCycle("Mars")
        try await db.order(march, alice, ["SAVON=3"])
        _ = try await db.service.closeCycle(march, early: true)
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "abîmé", .lines([CreditLineInput(product: "SAVON", quantity: qty("1"))]))
        _ = try await db.membership.addPayment(member: alice, amount: cents(500), method: .cash)
        let month = try YearMonth(parsing: "2026-03", field: "month")
        let french = try await db.service.statement(member: alice, month: month)
        #expect(french.language == .fr)
        #expect(french.entries.map(\.description) == ["Facture 2026-000001", "Note de crédit 2026-000002 sur la facture 2026-000001", "Paiement"])
        _ = try await db.membership.updateMember(alice, MemberChanges(language: .en))
        let english = try await db.service.statement(member: alice, month: month)
        #expect(english.language == .en)
        #expect(english.entries.map(\.description) == ["Invoice 2026-000001", "Credit note 2026-000002 on invoice 2026-000001", "Payment"])
        #expect(try jsonObject(english)["language"] as? String == "en")
    }

    /// A payment typed wrong and its void: the month's payments are what was really paid, net.
    @Test func aVoidedPaymentIsNettedInThePayments() async throws {
        let db = try await TestOrders()
        let alice = try await db.member("Alice")
        let wrong = try await db.membership.addPayment(member: alice, amount: cents(5_000), method: .cash)
        _ = try await db.membership.voidPayment(wrong.id, reason: "50 au lieu de 5")
        _ = try await db.membership.addPayment(member: alice, amount: cents(500), method: .cash)
        let month = try await db.service.statement(member: alice, month: try YearMonth(parsing: "2026-03", field: "month"))
        #expect(month.entries.map(\.kind) == ["payment", "payment_void", "payment"])
        #expect(month.payments == cents(-500) && month.other == .zero)
        #expect(month.closingBalance == cents(-500))
    }

    @Test func monthsAndMembersAreChecked() async throws {
        let db = try await TestOrders()
        for bad in ["2026-13", "2026-3", "mars", "2026-03-01", ""] {
            let error = try #require(throws: CoopError.self) { try YearMonth(parsing: bad, field: "month") }
            #expect(error.code == "orders.invalid_month" && error.kind == .invalid)
        }
        #expect(try YearMonth(parsing: "2024-02", field: "month").lastDay == LocalDate(year: 2024, month: 2, day: 29)!)
        try await expectRefusal("membership.member_not_found") { try await db.service.statement(member: "M-0404", month: try YearMonth(parsing: "2026-03", field: "month")) }
    }
}
