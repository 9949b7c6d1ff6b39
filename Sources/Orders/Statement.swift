import CoopCore

/// A calendar month, `2026-03`: the period of a statement or of a sales report.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// nil unless 1 ≤ month ≤ 12 and the year has four digits.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses exactly `YYYY-MM`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let first = LocalDate(iso8601: t + "-01") else { return nil }
        self.init(year: first.year, month: first.month)
    }

    /// Parses `YYYY-MM` typed for `field`, refusing anything else with `orders.invalid_month` (422).
    public init(parsing text: String, field: String) throws {
        guard let month = YearMonth(parsing: text) else { throw CoopError.invalidMonth(text, field: field) }
        self = month
    }

    /// The month's first day.
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    /// The month's last day.
    public var lastDay: LocalDate { firstDay.adding(months: 1).adding(days: -1) }

    public var description: String {
        let m = String(month)
        return "\(year)-" + (m.count < 2 ? "0" + m : m)
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let month = YearMonth(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM month"))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One account entry on a statement, with the balance after it.
public struct StatementEntry: Sendable, Codable, Equatable {
    /// The day of the entry in the co-op's time zone.
    public let date: LocalDate
    public let at: Instant
    /// `invoice`, `credit_note`, `payment`, `fee`… as the posting domain named it.
    public let kind: String
    /// In the statement's language, the member's (`Facture 2026-000001`, `Invoice 2026-000001`).
    public let description: String
    /// The invoice or credit note number, the fee id…
    public let reference: String?
    /// Positive when the member owes it, negative in their favour.
    public let amount: Money
    /// The balance after this entry.
    public let balance: Money

    enum CodingKeys: String, CodingKey { case date, at, kind, description, reference, amount, balance }

    /// Absent values are written as `null`, so every entry object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(at, forKey: .at)
        try c.encode(kind, forKey: .kind)
        try c.encode(description, forKey: .description)
        try c.encode(reference, forKey: .reference)
        try c.encode(amount, forKey: .amount)
        try c.encode(balance, forKey: .balance)
    }
}

/// A member's monthly statement, from the one member account every domain posts to.
///
/// Amounts keep the account's sign (positive: owed by the member): `closingBalance = openingBalance +
/// invoices + creditNotes + payments + other`, and it equals the balance after the last entry.
public struct Statement: Sendable, Codable, Equatable {
    public let member: String
    /// The member's language, the statement's: its descriptions are written in it.
    public let language: Language
    public let month: YearMonth
    /// The first and last day of the month, in the co-op's time zone.
    public let from: LocalDate
    public let to: LocalDate
    /// The balance at the start of the month's first day.
    public let openingBalance: Money
    /// The month's entries, oldest first.
    public let entries: [StatementEntry]
    /// Sum of the `invoice` entries (positive).
    public let invoices: Money
    /// Sum of the `credit_note` entries (negative).
    public let creditNotes: Money
    /// Sum of the `payment` entries (negative).
    public let payments: Money
    /// Sum of every other entry (Lending's fees and waivers…).
    public let other: Money
    public let closingBalance: Money
}
