import Foundation

/// A notice a domain decided to send a member: what happened (`kind`), to whom, and the values its
/// message needs, in no language yet (the message is written in the member's language when sent).
///
/// `key` names the notice and its cause (`loan.overdue:42:7`): the outbox keeps one notice per key,
/// so a scheduler that finds the same due loan twice, or a retried transaction, enqueues it once.
public struct Notice: Sendable, Equatable {
    public let kind: NoticeKind
    public let key: String
    /// The member number (`M-0001`); the address and language are read when the notice is sent.
    public let member: String
    public let values: [String: NoticeValue]
    /// A value no one reading the database may see (an election credential's code): sealed with the
    /// outbox key before it is written, erased once the notice is sent.
    public let secret: String?

    /// - Parameter cause: what makes this notice one of a kind (`42:2026-12-05` for a loan and its due
    ///   date); the key is the kind and the cause.
    public init(_ kind: NoticeKind, cause: String, member: String, values: [String: NoticeValue], secret: String? = nil) {
        self.kind = kind
        self.key = "\(kind.rawValue):\(cause)"
        self.member = member
        self.values = values
        self.secret = secret
    }
}

/// One value of a notice, typed so that each language writes it its own way.
public enum NoticeValue: Sendable, Equatable, Codable {
    case text(String)
    case integer(Int64)
    /// A number of days, with the word: `1 jour`, `8 jours`; `1 day`, `8 days`.
    case days(Int64)
    case money(Money)
    /// A decimal number as digits (`2.5`), written `2,5` in French.
    case decimal(String)
    case date(LocalDate)
    case instant(Instant)
    /// The lines of an invoice: each a row of texts and amounts, shown as a list.
    case lines([[String: NoticeValue]])

    private enum CodingKeys: String, CodingKey { case t, v }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .t) {
        case "text": self = .text(try c.decode(String.self, forKey: .v))
        case "integer": self = .integer(try c.decode(Int64.self, forKey: .v))
        case "days": self = .days(try c.decode(Int64.self, forKey: .v))
        case "money": self = .money(Money(cents: try c.decode(Int64.self, forKey: .v)))
        case "decimal": self = .decimal(try c.decode(String.self, forKey: .v))
        case "date": self = .date(try c.decode(LocalDate.self, forKey: .v))
        case "instant": self = .instant(Instant(milliseconds: try c.decode(Int64.self, forKey: .v)))
        case "lines": self = .lines(try c.decode([[String: NoticeValue]].self, forKey: .v))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .t, in: c, debugDescription: "unknown notice value type \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let s): try c.encode("text", forKey: .t); try c.encode(s, forKey: .v)
        case .integer(let n): try c.encode("integer", forKey: .t); try c.encode(n, forKey: .v)
        case .days(let n): try c.encode("days", forKey: .t); try c.encode(n, forKey: .v)
        case .money(let m): try c.encode("money", forKey: .t); try c.encode(m.cents, forKey: .v)
        case .decimal(let s): try c.encode("decimal", forKey: .t); try c.encode(s, forKey: .v)
        case .date(let d): try c.encode("date", forKey: .t); try c.encode(d, forKey: .v)
        case .instant(let i): try c.encode("instant", forKey: .t); try c.encode(i.milliseconds, forKey: .v)
        case .lines(let rows): try c.encode("lines", forKey: .t); try c.encode(rows, forKey: .v)
        }
    }
}
