import CoopCore

/// The member account, for domains to post to inside their OWN write transaction (a late fee is
/// posted in the same transaction as the check-in that caused it). Entries are append-only: a
/// correction is a new entry.
public enum AccountLedger {
    /// Appends an entry and returns it. `amount` is positive when the member owes it.
    /// - Parameters:
    ///   - wording: what the entry is, in no language (`.invoice(number)`): each reader sees it in
    ///     theirs. A French copy goes into the `description` column for people reading the file.
    ///   - description: what a person wrote instead (a payment's note, a void's reason), shown as is.
    @discardableResult
    public static func post(
        memberNumber: String, kind: String, amount: Money, wording: EntryWording? = nil, description: String? = nil, source: String,
        reference: String? = nil, method: PaymentMethod? = nil, voids: Int64? = nil, at: Instant, in db: Connection
    ) throws -> AccountEntry {
        let member = try member(memberNumber, in: db)
        let text = description ?? wording?.text(.default) ?? ""
        try db.execute("""
            INSERT INTO account_entries (member_id, at, kind, amount_cents, description, wording, source, reference, method, voids)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [member.id, at, kind, amount, text, description == nil ? wording?.json : nil, source, reference, method?.rawValue, voids])
        return AccountEntry(id: db.lastInsertRowID, at: at, kind: kind, amount: amount, description: text,
                            wording: description == nil ? wording : nil, language: member.language,
                            source: source, reference: reference, method: method, voids: voids)
    }

    /// The member's language, the one their account, statements and invoices are written in.
    public static func language(memberNumber: String, in db: Connection) throws -> Language {
        try member(memberNumber, in: db).language
    }

    /// The member's row id and language, the language their account and statements are written in.
    static func member(_ number: String, in db: Connection) throws -> (id: Int64, language: Language) {
        guard let row = try db.queryOne("SELECT id, language FROM members WHERE number = ?", [MembershipService.normalizedNumber(number)]) else {
            throw CoopError.memberNotFound(number)
        }
        return (try row.get("id"), Language(rawValue: try row.get("language")) ?? .default)
    }

    /// What the member owes now (positive) or has in credit (negative).
    public static func balance(memberNumber: String, in db: Connection) throws -> Money {
        let memberID = try MembershipService.memberID(memberNumber, in: db)
        return Money(cents: try db.scalar("SELECT coalesce(sum(amount_cents), 0) FROM account_entries WHERE member_id = ?", [memberID]) ?? 0)
    }

    /// The member's whole account, its descriptions in the member's language.
    public static func account(memberNumber: String, in db: Connection) throws -> Account {
        let number = MembershipService.normalizedNumber(memberNumber)
        let member = try member(number, in: db)
        let entries = try db.query("""
            SELECT e.*, v.id AS voided_by FROM account_entries e LEFT JOIN account_entries v ON v.voids = e.id
            WHERE e.member_id = ? ORDER BY e.id
            """, [member.id]).map { try AccountEntry(row: $0, language: member.language) }
        return Account(member: number, entries: entries, balance: Money(cents: entries.reduce(0) { $0 + $1.amount.cents }))
    }
}

extension MembershipService {
    /// Records a payment at the desk (cash, card, transfer); it lowers the balance by `amount`.
    public func addPayment(member: String, amount: Money, method: PaymentMethod, note: String? = nil) async throws -> AccountEntry {
        try caller.check(MembershipVerb.addPayment)
        guard amount.cents > 0 else { throw CoopError.paymentNotPositive(amount) }
        let now = context.now()
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > 500 { throw CoopError.tooLong("note", max: 500) }
        return try await database.write { db in
            try AccountLedger.post(memberNumber: member, kind: "payment", amount: -amount, wording: .payment,
                                   description: note?.isEmpty == false ? note : nil, source: "desk", method: method, at: now, in: db)
        }
    }

    /// Voids a payment typed wrong: posts a `payment_void` entry of the opposite amount that names the
    /// payment, so the balance is as before the payment. Nothing is deleted; a payment is voided once.
    /// - Parameters:
    ///   - entryID: the id of the payment entry (`account show` lists it).
    ///   - reason: why, kept as the void's description; required, at most 500 characters.
    public func voidPayment(_ entryID: Int64, reason: String) async throws -> PaymentVoid {
        try caller.check(MembershipVerb.voidPayment)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CoopError.required("reason") }
        guard reason.count <= 500 else { throw CoopError.tooLong("reason", max: 500) }
        let now = context.now()
        return try await database.write { db in
            guard let row = try db.queryOne("""
                SELECT e.kind, e.amount_cents, e.method, m.number, v.id AS voided_by
                FROM account_entries e JOIN members m ON m.id = e.member_id
                LEFT JOIN account_entries v ON v.voids = e.id WHERE e.id = ?
                """, [entryID])
            else { throw CoopError.accountEntryNotFound(entryID) }
            guard try row.get("kind") as String == "payment" else { throw CoopError.notAPayment(entryID) }
            if let existing = try row.get("voided_by") as Int64? { throw CoopError.paymentAlreadyVoided(entryID, by: existing) }
            let number: String = try row.get("number")
            let amount: Money = try row.get("amount_cents")
            let method = try (row.get("method") as String?).flatMap(PaymentMethod.init(rawValue:))
            let void = try AccountLedger.post(memberNumber: number, kind: "payment_void", amount: -amount, description: reason,
                                              source: "desk", method: method, voids: entryID, at: now, in: db)
            let account = try AccountLedger.account(memberNumber: number, in: db)
            guard let payment = account.entries.first(where: { $0.id == entryID }) else { throw CoopError.accountEntryNotFound(entryID) }
            return PaymentVoid(member: number, payment: payment, void: void, balance: account.balance)
        }
    }

    /// A member's account: entries and balance.
    public func account(_ member: String) async throws -> Account {
        try caller.check(MembershipVerb.account)
        try caller.requireAccess(toMember: member)
        return try await database.read { db in try AccountLedger.account(memberNumber: member, in: db) }
    }
}

extension CoopError {
    static func invalidPaymentMethod(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_payment_method", field: "method", ["value": .text(value)],
                  fr: "Mode de paiement inconnu « {value} » (comptant, carte, virement, Interac ou chèque).",
                  en: "Unknown payment method \"{value}\" (cash, card, transfer, Interac or cheque).")
    }

    static func accountEntryNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "membership.entry_not_found", ["id": .text(String(id))],
                  fr: "Écriture de compte introuvable : n° {id}.", en: "Account entry not found: no. {id}.")
    }

    static func notAPayment(_ id: Int64) -> CoopError {
        CoopError(.conflict, "membership.not_a_payment", ["id": .text(String(id))],
                  fr: "L’écriture n° {id} n’est pas un paiement : seul un paiement peut être annulé.",
                  en: "Entry no. {id} is not a payment: only a payment can be voided.")
    }

    static func paymentAlreadyVoided(_ id: Int64, by void: Int64) -> CoopError {
        CoopError(.conflict, "membership.payment_already_voided", ["id": .text(String(id)), "void": .text(String(void))],
                  fr: "Le paiement n° {id} est déjà annulé (écriture n° {void}).",
                  en: "Payment no. {id} is already voided (entry no. {void}).")
    }

    static func paymentNotPositive(_ amount: Money) -> CoopError {
        CoopError(.invalid, "membership.payment_not_positive", field: "amount", ["amount": .money(amount)],
                  fr: "Un paiement doit être positif (reçu {amount}).", en: "A payment must be positive (got {amount}).")
    }
}

import Foundation
