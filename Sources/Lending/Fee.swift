import CoopCore
import Membership

/// What a fee is for.
public enum FeeKind: String, Sendable, Codable, CaseIterable, Worded {
    /// Returned after the due date (beyond the grace days).
    case late
    /// Declared lost: the replacement value.
    case lost
    /// Returned damaged: an amount set by staff.
    case damage

    /// What the fee is for, as people read it.
    public var label: LocalizedText {
        switch self {
        case .late: LocalizedText(fr: "retard", en: "late")
        case .lost: LocalizedText(fr: "perte", en: "lost")
        case .damage: LocalizedText(fr: "dommage", en: "damage")
        }
    }
}

/// Whether a fee still counts in the member's balance.
public enum FeeStatus: String, Sendable, Codable, CaseIterable, Worded {
    case due
    /// Waived by staff: a negative account entry cancels it; the fee itself stays on record.
    case waived

    /// The status as people read it (« des frais », masculine).
    public var label: LocalizedText {
        switch self {
        case .due: LocalizedText(fr: "dû", en: "due")
        case .waived: LocalizedText(fr: "annulé", en: "waived")
        }
    }

    public static let synonyms: [String: FeeStatus] = ["remis": .waived]
}

/// A lending fee. Each one is also an entry in the member's account (`AccountLedger`, source
/// `lending`, reference = the fee id), so the balance that Membership shows includes it.
public struct Fee: Sendable, Codable, Equatable {
    public let id: Int64
    /// The member's number.
    public let member: String
    public let loan: Int64?
    /// The item's code.
    public let item: String?
    public let kind: FeeKind
    /// In cents, always positive.
    public let amount: Money
    /// What the fee is for, in the member's language (`Retard : T-1, prêt 4, 3 jours`); the desk
    /// reads it in its own with `description(in:)`.
    public let description: String
    /// The wording of the fee's account entry (nil for fees charged before wordings were stored).
    let wording: EntryWording?
    let storedDescription: String
    public let createdAt: Instant
    public let status: FeeStatus
    public let waivedAt: Instant?
    public let waivedReason: String?

    /// The description in `language`.
    public func description(in language: Language) -> String {
        wording?.text(language) ?? EntryWording.legacy(storedDescription, language)
    }

    /// The SELECT every fee read shares: the fee, its entry's wording and its member's language, read
    /// through the views Membership publishes for list joins.
    static let selectSQL = """
        SELECT f.*, e.wording AS wording, m.language AS member_language FROM lending_fees f
        LEFT JOIN membership_public_account_entries e ON e.id = f.account_entry_id
        LEFT JOIN membership_public_members m ON m.id = f.member_id
        """

    init(row: Row) throws {
        id = try row.get("id")
        member = try row.get("member_number")
        loan = try row.get("loan_id")
        item = try row.get("item_code")
        kind = FeeKind(rawValue: try row.get("kind")) ?? .damage
        amount = try row.get("amount_cents")
        storedDescription = try row.get("description")
        wording = EntryWording(json: try row.get("wording") as String?)
        let language = (try row.get("member_language") as String?).flatMap(Language.init(rawValue:)) ?? .default
        description = wording?.text(language) ?? EntryWording.legacy(storedDescription, language)
        createdAt = try row.get("created_at")
        waivedAt = try row.get("waived_at")
        waivedReason = try row.get("waived_reason")
        status = waivedAt == nil ? .due : .waived
    }

    enum CodingKeys: String, CodingKey {
        case id, member, loan, item, kind, amount, description, createdAt, status, waivedAt, waivedReason
    }

    /// Reads the JSON `encode(to:)` writes; the description comes back as the text it was.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        member = try c.decode(String.self, forKey: .member)
        loan = try c.decodeIfPresent(Int64.self, forKey: .loan)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        kind = try c.decode(FeeKind.self, forKey: .kind)
        amount = try c.decode(Money.self, forKey: .amount)
        description = try c.decode(String.self, forKey: .description)
        storedDescription = description
        wording = nil
        createdAt = try c.decode(Instant.self, forKey: .createdAt)
        status = try c.decode(FeeStatus.self, forKey: .status)
        waivedAt = try c.decodeIfPresent(Instant.self, forKey: .waivedAt)
        waivedReason = try c.decodeIfPresent(String.self, forKey: .waivedReason)
    }

    /// Absent values are written as `null`, so every fee object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(member, forKey: .member)
        try c.encode(loan, forKey: .loan)
        try c.encode(item, forKey: .item)
        try c.encode(kind, forKey: .kind)
        try c.encode(amount, forKey: .amount)
        try c.encode(description, forKey: .description)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(status, forKey: .status)
        try c.encode(waivedAt, forKey: .waivedAt)
        try c.encode(waivedReason, forKey: .waivedReason)
    }

    static func fetch(_ id: Int64, in db: Connection) throws -> Fee {
        guard let row = try db.queryOne(selectSQL + " WHERE f.id = ?", [id]) else { throw CoopError.feeNotFound(id) }
        return try Fee(row: row)
    }

    /// Records a fee and posts it to the member's account, in the caller's transaction. The fee row
    /// keeps the French copy of the wording as its `description`, for people reading the file.
    static func charge(
        _ kind: FeeKind, amount: Money, wording: EntryWording, memberID: Int64, memberNumber: String, loan: Int64?,
        itemCode: String?, actor: String?, at: Instant, in db: Connection
    ) throws -> Fee {
        guard amount.cents > 0 else { throw CoopError.invalidFeeAmount(amount) }
        // The account entry names the fee by id and the fee keeps the entry's id, and a fee row is never
        // updated: so the id is taken first. Rows are never deleted and this runs under the write lock,
        // so max + 1 is the id SQLite would have chosen.
        let id = (try db.scalar("SELECT max(id) FROM lending_fees", as: Int64.self) ?? 0) + 1
        let entry = try AccountLedger.post(memberNumber: memberNumber, kind: "fee", amount: amount, wording: wording,
                                           source: "lending", reference: String(id), at: at, in: db)
        try db.execute("""
            INSERT INTO lending_fees (id, member_id, member_number, loan_id, item_code, kind, amount_cents, description,
                                      created_at, created_by, account_entry_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, memberID, memberNumber, loan, itemCode, kind.rawValue, amount, wording.text(.default), at, actor, entry.id])
        try LendingEvents.append("fee", loan: loan, fee: id, actor: actor, detail: "\(kind.rawValue) \(amount.decimalString)", at: at, in: db)
        return try fetch(id, in: db)
    }
}

/// The late-fee terms a loan keeps from its policy.
struct FeeTerms: Sendable, Equatable {
    let feePerDay: Money
    let graceDays: Int
    let cap: Money

    /// Days between the due date and `day` (0 when on time).
    func daysLate(due: LocalDate, on day: LocalDate) -> Int { max(0, due.days(until: day)) }

    /// (days late − grace days) × fee per day, never above the cap; 0 within the grace days.
    func fee(due: LocalDate, returnedOn day: LocalDate) -> Money {
        let chargeable = daysLate(due: due, on: day) - graceDays
        guard chargeable > 0 else { return .zero }
        return min(feePerDay * Int64(chargeable), cap)
    }
}
