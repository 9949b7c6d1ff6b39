import CoopCore
import Testing
@testable import Membership

@Suite("Member accounts: entries, payments, balance")
struct AccountLedgerTests {
    @Test func feesAndPaymentsDeriveTheBalance() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let now = TestDatabase.start
        try await db.pool.write { conn in
            try AccountLedger.post(memberNumber: "M-0001", kind: "fee", amount: Money(cents: 750), description: "Retard",
                                   source: "lending", reference: "fee-1", at: now, in: conn)
            try AccountLedger.post(memberNumber: "M-0001", kind: "invoice", amount: Money(cents: 2_499), description: "Facture",
                                   source: "orders", reference: "2026-000001", at: now, in: conn)
        }
        let payment = try await db.service.addPayment(member: "m-1", amount: Money(cents: 1_000), method: .cash)
        #expect(payment.amount == Money(cents: -1_000))
        #expect(payment.method == .cash)
        let account = try await db.service.account("M-0001")
        #expect(account.entries.map(\.kind) == ["fee", "invoice", "payment"])
        #expect(account.balance == Money(cents: 2_249))
        let balance = try await db.pool.read { try AccountLedger.balance(memberNumber: "M-0001", in: $0) }
        #expect(balance == account.balance)
    }

    @Test func refusedPaymentsChangeNothing() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let before = try await db.snapshot()
        try await expectRefusal("membership.payment_not_positive") {
            try await db.service.addPayment(member: "M-0001", amount: Money(cents: 0), method: .card)
        }
        try await expectRefusal("membership.payment_not_positive") {
            try await db.service.addPayment(member: "M-0001", amount: Money(cents: -500), method: .card)
        }
        try await expectRefusal("membership.member_not_found") {
            try await db.service.addPayment(member: "M-0099", amount: Money(cents: 500), method: .card)
        }
        #expect(try await db.snapshot() == before)
        #expect(try PaymentMethod(parsing: " Transfer ") == .transfer)
    }

    /// What a Québec desk says, in either language, accents and case ignored; stored in one word.
    @Test func paymentMethodsAreReadInFrenchAndEnglish() throws {
        let said: [(String, PaymentMethod)] = [
            ("comptant", .cash), ("Espèces", .cash), ("cash", .cash),
            ("carte", .card), ("Carte de crédit", .card), ("card", .card),
            ("virement", .transfer), ("transfer", .transfer),
            ("Interac", .interac), ("débit", .interac), ("virement Interac", .interac), ("e-transfer", .interac),
            ("chèque", .cheque), ("CHEQUE", .cheque), ("check", .cheque),
        ]
        for (text, method) in said { #expect(try PaymentMethod(parsing: text) == method, "\(text)") }
        #expect(PaymentMethod.cheque.label.render(.fr) == "chèque" && PaymentMethod.cash.label.render(.fr) == "comptant")
        #expect(PaymentMethod.cash.label.render(.en) == "cash")
        let refused = try #require(throws: CoopError.self) { try PaymentMethod(parsing: "bitcoin") }
        #expect(refused.code == "membership.invalid_payment_method")
        #expect(refused.message(.fr) == "Mode de paiement inconnu « bitcoin » (comptant, carte, virement, Interac ou chèque).")
        #expect(refused.message(.en) == "Unknown payment method \"bitcoin\" (cash, card, transfer, Interac or cheque).")
    }

    @Test func entriesCanNeitherBeChangedNorDeleted() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        _ = try await db.service.addPayment(member: "M-0001", amount: Money(cents: 500), method: .transfer)
        await #expect(throws: DatabaseError.self) {
            try await db.pool.write { try $0.execute("UPDATE account_entries SET amount_cents = 0") }
        }
        await #expect(throws: DatabaseError.self) {
            try await db.pool.write { try $0.execute("DELETE FROM account_entries") }
        }
        #expect(try await db.service.account("M-0001").balance == Money(cents: -500))
    }
}
