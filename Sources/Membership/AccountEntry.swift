import CoopCore
import Foundation

/// How a payment was made.
/// How a member paid at the desk. The stored and JSON values are the English words; a volunteer may
/// type either language's (`comptant`, `carte`, `virement`, `Interac`, `chèque`), accents and case ignored.
public enum PaymentMethod: String, Sendable, Codable, CaseIterable, Worded {
    case cash
    case card
    case transfer
    case interac
    case cheque

    /// Every word a Québec desk uses for each method, beyond the codes and labels.
    public static let synonyms: [String: PaymentMethod] = [
        "cash": .cash, "comptant": .cash, "especes": .cash, "argent": .cash,
        "card": .card, "carte": .card, "credit": .card, "carte de credit": .card,
        "transfer": .transfer, "virement": .transfer, "bank transfer": .transfer, "virement bancaire": .transfer,
        "interac": .interac, "debit": .interac, "virement interac": .interac, "e-transfer": .interac, "interac e-transfer": .interac,
        "cheque": .cheque, "check": .cheque,
    ]

    public init(parsing text: String) throws {
        guard let method = PaymentMethod(words: text) else { throw CoopError.invalidPaymentMethod(text) }
        self = method
    }

    /// The method's name as people read it.
    public var label: LocalizedText {
        switch self {
        case .cash: LocalizedText(fr: "comptant", en: "cash")
        case .card: LocalizedText(fr: "carte", en: "card")
        case .transfer: LocalizedText(fr: "virement", en: "transfer")
        case .interac: LocalizedText(fr: "Interac", en: "Interac")
        case .cheque: LocalizedText(fr: "chèque", en: "cheque")
        }
    }
}

/// One line of a member's account. A positive amount is owed by the member (a fee, an invoice), a
/// negative one is in the member's favour (a payment, a waiver, a credit note).
public struct AccountEntry: Sendable, Codable, Equatable {
    public let id: Int64
    public let at: Instant
    /// `fee`, `waiver`, `payment`, `payment_void`, `invoice`, `credit_note`… chosen by the domain that posts it.
    public let kind: String
    public let amount: Money
    /// What the entry is, in the member's language (a statement is the member's document); the desk
    /// reads it in its own with `description(in:)`.
    public let description: String
    /// How the description is said in any language, when the posting domain gave a wording (nil for
    /// a payment's note or a void's reason, and for entries written before wordings were stored).
    public let wording: EntryWording?
    /// The domain that posted it: `lending`, `orders`, `desk`.
    public let source: String
    /// The domain's own identifier (a fee id, an invoice number), for cross-reference.
    public let reference: String?
    public let method: PaymentMethod?
    /// For a `payment_void`: the id of the payment it voids.
    public let voids: Int64?
    /// For a voided payment: the id of the `payment_void` entry that voids it.
    public let voidedBy: Int64?
    /// The `description` column as written: a person's note or reason, a French copy of the wording
    /// for people reading the file directly, or an older entry's two-language text.
    let storedDescription: String

    /// The description in `language`: the wording said in it, or the stored text (of an older entry
    /// written in both languages, the side of `language`).
    public func description(in language: Language) -> String {
        wording?.text(language) ?? EntryWording.legacy(storedDescription, language)
    }

    /// Reads a row of `account_entries`, with the id of the entry that voids it as `voided_by`;
    /// `description` is said in `language`, the member's.
    init(row: Row, language: Language) throws {
        id = try row.get("id")
        at = try row.get("at")
        kind = try row.get("kind")
        amount = try row.get("amount_cents")
        storedDescription = try row.get("description")
        wording = EntryWording(json: try row.get("wording") as String?)
        description = wording?.text(language) ?? EntryWording.legacy(storedDescription, language)
        source = try row.get("source")
        reference = try row.get("reference")
        method = try (row.get("method") as String?).flatMap(PaymentMethod.init(rawValue:))
        voids = try row.get("voids")
        voidedBy = try row.get("voided_by")
    }

    init(id: Int64, at: Instant, kind: String, amount: Money, description: String, wording: EntryWording?, language: Language,
         source: String, reference: String?, method: PaymentMethod?, voids: Int64? = nil, voidedBy: Int64? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.amount = amount
        self.storedDescription = description
        self.wording = wording
        self.description = wording?.text(language) ?? EntryWording.legacy(description, language)
        self.source = source
        self.reference = reference
        self.method = method
        self.voids = voids
        self.voidedBy = voidedBy
    }

    enum CodingKeys: String, CodingKey { case id, at, kind, amount, description, source, reference, method, voids, voidedBy }

    /// Reads the JSON `encode(to:)` writes; the description comes back as the text it was.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        at = try c.decode(Instant.self, forKey: .at)
        kind = try c.decode(String.self, forKey: .kind)
        amount = try c.decode(Money.self, forKey: .amount)
        description = try c.decode(String.self, forKey: .description)
        storedDescription = description
        wording = nil
        source = try c.decode(String.self, forKey: .source)
        reference = try c.decodeIfPresent(String.self, forKey: .reference)
        method = try c.decodeIfPresent(PaymentMethod.self, forKey: .method)
        voids = try c.decodeIfPresent(Int64.self, forKey: .voids)
        voidedBy = try c.decodeIfPresent(Int64.self, forKey: .voidedBy)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(at, forKey: .at)
        try c.encode(kind, forKey: .kind)
        try c.encode(amount, forKey: .amount)
        try c.encode(description, forKey: .description)
        try c.encode(source, forKey: .source)
        try c.encode(reference, forKey: .reference)
        try c.encode(method, forKey: .method)
        try c.encode(voids, forKey: .voids)
        try c.encode(voidedBy, forKey: .voidedBy)
    }
}

/// A member's account: every entry, oldest first, and the balance they derive.
public struct Account: Sendable, Codable, Equatable {
    public let member: String
    /// Their descriptions are in the member's language (`Member.language`).
    public let entries: [AccountEntry]
    /// What the member owes (positive) or has in credit (negative): the sum of the entries.
    public let balance: Money
}

/// A payment voided at the desk: the payment (now with `voidedBy`), the void that reverses it, and
/// the member's balance after.
public struct PaymentVoid: Sendable, Codable, Equatable {
    public let member: String
    public let payment: AccountEntry
    public let void: AccountEntry
    public let balance: Money
}

extension AccountEntry {
    /// The entry's kind as people read it in an account or statement.
    public var kindLabel: LocalizedText { Self.kindLabel(kind) }

    /// A kind as people read it; a kind posted by a domain this table does not know yet is shown as
    /// its code rather than hidden.
    public static func kindLabel(_ kind: String) -> LocalizedText {
        switch kind {
        case "payment": LocalizedText(fr: "paiement", en: "payment")
        case "payment_void": LocalizedText(fr: "paiement annulé", en: "payment voided")
        case "fee": LocalizedText(fr: "frais", en: "fee")
        case "waiver": LocalizedText(fr: "remise de frais", en: "fee waived")
        case "invoice": LocalizedText(fr: "facture", en: "invoice")
        case "credit_note": LocalizedText(fr: "note de crédit", en: "credit note")
        default: LocalizedText(fr: kind, en: kind)
        }
    }
}
