import CoopCore
import Foundation

/// Where a reservation stands. `expired` is never stored: a booked reservation not picked up by the end
/// of its first day reads `expired` from the next day on and no longer holds its units.
public enum ReservationStatus: String, Sendable, Codable, CaseIterable, Worded {
    case booked
    /// Picked up: it became the loan named in `loan`.
    case collected
    case cancelled
    case expired

    /// The status as people read it (« une réservation », feminine).
    public var label: LocalizedText {
        switch self {
        case .booked: LocalizedText(fr: "réservée", en: "booked")
        case .collected: LocalizedText(fr: "retirée", en: "collected")
        case .cancelled: LocalizedText(fr: "annulée", en: "cancelled")
        case .expired: LocalizedText(fr: "expirée", en: "expired")
        }
    }

    public static let synonyms: [String: ReservationStatus] = [
        "réservé": .booked, "retiré": .collected, "annulé": .cancelled, "canceled": .cancelled, "expiré": .expired,
    ]
}

/// A reservation of units of an item (any of its identical units) for a date range, both ends
/// included: picked up on `from`, due back on `to`.
public struct Reservation: Sendable, Codable, Equatable {
    public let id: Int64
    /// The item's code.
    public let item: String
    public let itemName: String
    /// The member's number.
    public let member: String
    public let units: Int
    public let from: LocalDate
    public let to: LocalDate
    public let status: ReservationStatus
    /// The loan it became at pickup.
    public let loan: Int64?
    public let createdAt: Instant
    public let cancelledAt: Instant?

    enum CodingKeys: String, CodingKey {
        case id, item, itemName, member, units, from, to, status, loan, createdAt, cancelledAt
    }

    /// Absent values are written as `null`, so every reservation object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(item, forKey: .item)
        try c.encode(itemName, forKey: .itemName)
        try c.encode(member, forKey: .member)
        try c.encode(units, forKey: .units)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(status, forKey: .status)
        try c.encode(loan, forKey: .loan)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(cancelledAt, forKey: .cancelledAt)
    }

    init(_ record: ReservationRecord, itemName: String, today: LocalDate) {
        id = record.id
        item = record.itemCode
        self.itemName = itemName
        member = record.memberNumber
        units = record.units
        from = record.from
        to = record.to
        status = record.status(today: today)
        loan = record.loanID
        createdAt = record.createdAt
        cancelledAt = record.cancelledAt
    }
}

/// Which reservations a list shows; every condition given must hold.
public struct ReservationFilter: Sendable, Equatable {
    public var member: String?
    /// An item code.
    public var item: String?
    /// Only reservations in this state (derived `expired` included).
    public var status: ReservationStatus?
    /// Only reservations starting on or after this day.
    public var from: LocalDate?
    /// Only reservations starting on or before this day.
    public var to: LocalDate?

    /// Creates the value from its fields.
    public init(member: String? = nil, item: String? = nil, status: ReservationStatus? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.member = member
        self.item = item
        self.status = status
        self.from = from
        self.to = to
    }
}

/// A `lending_reservations` row.
struct ReservationRecord: Sendable {
    let id: Int64
    let itemID: Int64
    let itemCode: String
    let memberID: Int64
    let memberNumber: String
    let units: Int
    let from: LocalDate
    let to: LocalDate
    /// `booked`, `collected` or `cancelled`, as stored.
    let storedStatus: String
    let loanID: Int64?
    let createdAt: Instant
    let cancelledAt: Instant?

    init(row: Row) throws {
        id = try row.get("id")
        itemID = try row.get("item_id")
        itemCode = try row.get("item_code")
        memberID = try row.get("member_id")
        memberNumber = try row.get("member_number")
        units = try row.get("units")
        from = try row.get("from_day")
        to = try row.get("to_day")
        storedStatus = try row.get("status")
        loanID = try row.get("loan_id")
        createdAt = try row.get("created_at")
        cancelledAt = try row.get("cancelled_at")
    }

    static func fetch(_ id: Int64, in db: Connection) throws -> ReservationRecord {
        guard let row = try db.queryOne("SELECT * FROM lending_reservations WHERE id = ?", [id]) else {
            throw CoopError.reservationNotFound(id)
        }
        return try ReservationRecord(row: row)
    }

    /// The status as of `today`: a booked reservation whose first day has passed is expired.
    func status(today: LocalDate) -> ReservationStatus {
        switch storedStatus {
        case "collected": .collected
        case "cancelled": .cancelled
        default: from < today ? .expired : .booked
        }
    }

    /// Refuses a reservation that is no longer booked (collected, cancelled or expired).
    func requireActive(today: LocalDate) throws {
        let status = status(today: today)
        guard status == .booked else { throw CoopError.reservationNotActive(id, status: status.rawValue) }
    }

    /// The SQL condition of a derived status over `lending_reservations r`, with its arguments.
    static func condition(_ status: ReservationStatus, today: LocalDate) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        switch status {
        case .booked: ("r.status = 'booked' AND r.from_day >= ?", [today])
        case .expired: ("r.status = 'booked' AND r.from_day < ?", [today])
        case .collected: ("r.status = 'collected'", [])
        case .cancelled: ("r.status = 'cancelled'", [])
        }
    }
}
