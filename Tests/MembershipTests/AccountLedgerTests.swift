import CoopCore
import Testing
@testable import Membership
import CoopTestSupport

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

    /// Entries are said in the member's language: a payment without a note is « Paiement » for a
    /// French member, "Payment" for an English one, and any reader can ask for their own.
    @Test func descriptionsAreInTheMembersLanguage() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let english = try await db.service.addMember(NewMember(firstName: "Ada", lastName: "Lovelace", email: "ada@example.org", language: .en))
        let french = try await db.service.addPayment(member: "M-0001", amount: Money(cents: 500), method: .cash)
        let payment = try await db.service.addPayment(member: english.number, amount: Money(cents: 500), method: .card)
        #expect(french.description == "Paiement" && payment.description == "Payment")
        #expect(payment.description(in: .fr) == "Paiement" && payment.wording == .payment)
        let noted = try await db.service.addPayment(member: english.number, amount: Money(cents: 100), method: .cash, note: "Reçu 42")
        #expect(noted.description == "Reçu 42" && noted.description(in: .fr) == "Reçu 42" && noted.wording == nil, "a person's note as written")
        #expect(try await db.service.account(english.number).entries.map(\.description) == ["Payment", "Reçu 42"])
    }

    /// Entries written before wordings were stored hold both languages in one text: each reader sees
    /// their half, and a note that only looks alike is left alone.
    @Test func olderTwoLanguageDescriptionsShowTheReadersHalf() async throws {
        let cases: [(String, fr: String, en: String)] = [
            ("Facture / Invoice 2026-000001", "Facture 2026-000001", "Invoice 2026-000001"),
            ("Note de crédit / Credit note 2026-000003 (2026-000001)", "Note de crédit 2026-000003 (2026-000001)", "Credit note 2026-000003 (2026-000001)"),
            ("Paiement / Payment", "Paiement", "Payment"),
            ("Annulation / Waiver: première fois", "Annulation : première fois", "Waiver: première fois"),
            ("Dommage / Damage: T-1, manche cassé", "Dommage : T-1, manche cassé", "Damage: T-1, manche cassé"),
            ("Perte / Lost: T-1 ×2", "Perte : T-1 ×2", "Lost: T-1 ×2"),
            ("Retard / Late: T-1, prêt / loan 4, 3 j / d", "Retard : T-1, prêt 4, 3 j", "Late: T-1, loan 4, 3 d"),
            ("Facture de mars / notes", "Facture de mars / notes", "Facture de mars / notes"),
        ]
        for (stored, fr, en) in cases {
            #expect(EntryWording.legacy(stored, .fr) == fr && EntryWording.legacy(stored, .en) == en, "\(stored)")
        }
        let db = try await TestDatabase()
        let alice = try await db.addMember()
        try await db.pool.write { conn in
            try conn.execute("""
                INSERT INTO account_entries (member_id, at, kind, amount_cents, description, source, reference)
                VALUES (1, '2026-03-01T12:00:00.000Z', 'invoice', 2499, 'Facture / Invoice 2026-000001', 'orders', '2026-000001')
                """)
        }
        let entry = try #require(try await db.service.account(alice.number).entries.first)
        #expect(entry.description == "Facture 2026-000001" && entry.description(in: .en) == "Invoice 2026-000001")
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

    // MARK: Voiding a payment typed wrong

    /// A fee of 5.00 and a payment typed 50.00 instead of 5.00.
    static func mistypedPayment() async throws -> (TestDatabase, AccountEntry) {
        let db = try await TestDatabase()
        try await db.addMember()
        try await db.addMember("Bob", "Roy")
        _ = try await db.pool.write { conn in
            try AccountLedger.post(memberNumber: "M-0001", kind: "fee", amount: Money(cents: 500), description: "Retard",
                                   source: "lending", reference: "fee-1", at: TestDatabase.start, in: conn)
        }
        let payment = try await db.service.addPayment(member: "M-0001", amount: Money(cents: 5_000), method: .cash)
        return (db, payment)
    }

    @Test func aVoidReversesThePaymentWithANewEntryAndTheBalanceGoesBack() async throws {
        let (db, payment) = try await Self.mistypedPayment()
        #expect(try await db.service.account("M-0001").balance == Money(cents: -4_500))
        db.setClock("2026-03-15T13:00:00Z")
        let voided = try await db.service.voidPayment(payment.id, reason: "  50 tapé au lieu de 5 ")
        #expect(voided.member == "M-0001")
        #expect(voided.balance == Money(cents: 500))
        #expect(voided.void.kind == "payment_void")
        #expect(voided.void.amount == Money(cents: 5_000))
        #expect(voided.void.description == "50 tapé au lieu de 5")
        #expect(voided.void.voids == payment.id)
        #expect(voided.void.method == .cash)
        #expect(voided.void.source == "desk")
        #expect(voided.void.at == Instant.parse("2026-03-15T13:00:00Z", timeZone: .gmt)!)
        #expect(voided.payment.id == payment.id && voided.payment.voidedBy == voided.void.id)

        let account = try await db.service.account("M-0001")
        #expect(account.entries.map(\.kind) == ["fee", "payment", "payment_void"])
        #expect(account.entries[1].amount == Money(cents: -5_000), "the payment itself is kept as it was")
        #expect(account.entries[1].voidedBy == voided.void.id)
        #expect(account.entries[2].voids == payment.id)
        #expect(account.entries[0].voids == nil && account.entries[0].voidedBy == nil)
        #expect(account.balance == Money(cents: 500))
        #expect(try await db.service.account("M-0002").entries.isEmpty, "another member's account is untouched")
        // The right payment can then be recorded.
        _ = try await db.service.addPayment(member: "M-0001", amount: Money(cents: 500), method: .cash)
        #expect(try await db.service.account("M-0001").balance == .zero)
    }

    @Test func aSecondVoidIsRefusedAndChangesNothing() async throws {
        let (db, payment) = try await Self.mistypedPayment()
        let first = try await db.service.voidPayment(payment.id, reason: "50 au lieu de 5")
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.payment_already_voided") {
            try await db.service.voidPayment(payment.id, reason: "encore")
        }
        #expect(error.kind == .conflict)
        #expect(error.message(.fr) == "Le paiement n° \(payment.id) est déjà annulé (écriture n° \(first.void.id)).")
        #expect(error.message(.en) == "Payment no. \(payment.id) is already voided (entry no. \(first.void.id)).")
        #expect(try await db.snapshot() == before)
    }

    @Test func onlyAPaymentCanBeVoidedAndAVoidIsNotOne() async throws {
        let (db, payment) = try await Self.mistypedPayment()
        let void = try await db.service.voidPayment(payment.id, reason: "erreur").void
        let fee = try #require(try await db.service.account("M-0001").entries.first { $0.kind == "fee" })
        let before = try await db.snapshot()
        let refused = try await expectRefusal("membership.not_a_payment") { try await db.service.voidPayment(fee.id, reason: "non") }
        #expect(refused.kind == .conflict)
        #expect(refused.message(.fr) == "L’écriture n° \(fee.id) n’est pas un paiement : seul un paiement peut être annulé.")
        #expect(refused.message(.en) == "Entry no. \(fee.id) is not a payment: only a payment can be voided.")
        try await expectRefusal("membership.not_a_payment") { try await db.service.voidPayment(void.id, reason: "non") }
        let missing = try await expectRefusal("membership.entry_not_found") { try await db.service.voidPayment(999, reason: "non") }
        #expect(missing.kind == .notFound)
        #expect(missing.message(.fr) == "Écriture de compte introuvable : n° 999.")
        #expect(missing.message(.en) == "Account entry not found: no. 999.")
        #expect(try await db.snapshot() == before)
    }

    @Test func theReasonIsRequiredAndAtMost500Characters() async throws {
        let (db, payment) = try await Self.mistypedPayment()
        let before = try await db.snapshot()
        let empty = try await expectRefusal("common.required") { try await db.service.voidPayment(payment.id, reason: " \n ") }
        #expect(empty.field == "reason")
        #expect(empty.message(.fr) == "Le champ « motif » est obligatoire.")
        #expect(empty.message(.en) == "The field \"reason\" is required.")
        let long = try await expectRefusal("common.too_long") {
            try await db.service.voidPayment(payment.id, reason: String(repeating: "x", count: 501))
        }
        #expect(long.message(.en) == "The field \"reason\" is longer than 500 characters.")
        #expect(try await db.snapshot() == before)
    }

    /// The one-void rule is in the schema too, not only in the service.
    @Test func theDatabaseRefusesTwoVoidsOfOnePayment() async throws {
        let (db, payment) = try await Self.mistypedPayment()
        _ = try await db.service.voidPayment(payment.id, reason: "erreur")
        await #expect(throws: DatabaseError.self) {
            try await db.pool.write { conn in
                try AccountLedger.post(memberNumber: "M-0001", kind: "payment_void", amount: Money(cents: 5_000), description: "x",
                                       source: "desk", voids: payment.id, at: TestDatabase.start, in: conn)
            }
        }
        #expect(try await db.service.account("M-0001").balance == Money(cents: 500))
    }
}
