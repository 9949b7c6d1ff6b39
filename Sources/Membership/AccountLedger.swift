import CoopCore

/// The member account, for domains to post to inside their OWN write transaction (a late fee is
/// posted in the same transaction as the check-in that caused it). Entries are append-only: a
/// correction is a new entry.
public enum AccountLedger {
    /// Appends an entry and returns it. `amount` is positive when the member owes it.
    @discardableResult
    public static func post(
        memberNumber: String, kind: String, amount: Money, description: String, source: String,
        reference: String? = nil, method: PaymentMethod? = nil, at: Instant, in db: Connection
    ) throws -> AccountEntry {
        let memberID = try MembershipService.memberID(memberNumber, in: db)
        try db.execute("""
            INSERT INTO account_entries (member_id, at, kind, amount_cents, description, source, reference, method)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [memberID, at, kind, amount, description, source, reference, method?.rawValue])
        return AccountEntry(id: db.lastInsertRowID, at: at, kind: kind, amount: amount, description: description,
                            source: source, reference: reference, method: method)
    }

    /// What the member owes now (positive) or has in credit (negative).
    public static func balance(memberNumber: String, in db: Connection) throws -> Money {
        let memberID = try MembershipService.memberID(memberNumber, in: db)
        return Money(cents: try db.scalar("SELECT coalesce(sum(amount_cents), 0) FROM account_entries WHERE member_id = ?", [memberID]) ?? 0)
    }

    /// The member's whole account.
    public static func account(memberNumber: String, in db: Connection) throws -> Account {
        let number = MembershipService.normalizedNumber(memberNumber)
        let memberID = try MembershipService.memberID(number, in: db)
        let entries = try db.query("SELECT * FROM account_entries WHERE member_id = ? ORDER BY id", [memberID]).map(AccountEntry.init(row:))
        return Account(member: number, entries: entries, balance: Money(cents: entries.reduce(0) { $0 + $1.amount.cents }))
    }
}

extension MembershipService {
    /// Records a payment at the desk (cash, card, transfer); it lowers the balance by `amount`.
    public func addPayment(member: String, amount: Money, method: PaymentMethod, note: String? = nil) async throws -> AccountEntry {
        guard amount.cents > 0 else { throw CoopError.paymentNotPositive(amount) }
        let now = context.now()
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > 500 { throw CoopError.tooLong("note", max: 500) }
        return try await database.write { db in
            try AccountLedger.post(memberNumber: member, kind: "payment", amount: -amount,
                                   description: (note?.isEmpty == false ? note : nil) ?? "Paiement / Payment",
                                   source: "desk", method: method, at: now, in: db)
        }
    }

    /// A member's account: entries and balance.
    public func account(_ member: String) async throws -> Account {
        try await database.read { db in try AccountLedger.account(memberNumber: member, in: db) }
    }
}

extension CoopError {
    static func invalidPaymentMethod(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_payment_method", field: "method", ["value": .text(value)],
                  fr: "Mode de paiement inconnu « {value} » (comptant, carte, virement, Interac ou chèque).",
                  en: "Unknown payment method \"{value}\" (cash, card, transfer, Interac or cheque).")
    }

    static func paymentNotPositive(_ amount: Money) -> CoopError {
        CoopError(.invalid, "membership.payment_not_positive", field: "amount", ["amount": .money(amount)],
                  fr: "Un paiement doit être positif (reçu {amount}).", en: "A payment must be positive (got {amount}).")
    }
}

import Foundation
