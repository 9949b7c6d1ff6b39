import CoopCore

/// Where a hold (a place on an item's waitlist) stands.
public enum HoldStatus: String, Sendable, Codable, CaseIterable {
    /// In line; `position` says where.
    case waiting
    /// A unit is kept for this member until `readyUntil` (included).
    case ready
    /// The member checked the item out.
    case fulfilled
    /// Offered and not picked up in time; the next in line was offered the unit.
    case expired
    case cancelled

    var isActive: Bool { self == .waiting || self == .ready }
}

extension HoldStatus: Worded {
    /// The status as people read it (a hold is « une demande d’attente », feminine).
    public var label: LocalizedText {
        switch self {
        case .waiting: LocalizedText(fr: "en attente", en: "waiting")
        case .ready: LocalizedText(fr: "prête", en: "ready")
        case .fulfilled: LocalizedText(fr: "honorée", en: "fulfilled")
        case .expired: LocalizedText(fr: "expirée", en: "expired")
        case .cancelled: LocalizedText(fr: "annulée", en: "cancelled")
        }
    }

    public static let synonyms: [String: HoldStatus] = [
        "attente": .waiting, "prêt": .ready, "honoré": .fulfilled, "expiré": .expired, "annulé": .cancelled, "canceled": .cancelled,
    ]
}

/// A member's place on an item's waitlist.
public struct Hold: Sendable, Codable, Equatable {
    public let id: Int64
    /// The item's code.
    public let item: String
    public let itemName: String
    /// The member's number.
    public let member: String
    public let status: HoldStatus
    /// 1 for the next in line, among waiting holds only; null otherwise.
    public let position: Int?
    /// The last day a ready hold keeps its unit.
    public let readyUntil: LocalDate?
    public let createdAt: Instant
    /// The loan that fulfilled it.
    public let loan: Int64?

    enum CodingKeys: String, CodingKey {
        case id, item, itemName, member, status, position, readyUntil, createdAt, loan
    }

    /// Absent values are written as `null`, so every hold object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(item, forKey: .item)
        try c.encode(itemName, forKey: .itemName)
        try c.encode(member, forKey: .member)
        try c.encode(status, forKey: .status)
        try c.encode(position, forKey: .position)
        try c.encode(readyUntil, forKey: .readyUntil)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(loan, forKey: .loan)
    }

    /// An offer whose last day has passed reads `expired` even before a write settles the queue.
    init(_ record: HoldRecord, itemName: String, position: Int?, today: LocalDate) {
        id = record.id
        item = record.itemCode
        self.itemName = itemName
        member = record.memberNumber
        if record.status == .ready, let until = record.readyUntil, until < today {
            status = .expired
        } else {
            status = record.status
        }
        self.position = position
        readyUntil = record.readyUntil
        createdAt = record.createdAt
        loan = record.loanID
    }
}

/// A `lending_holds` row.
struct HoldRecord: Sendable {
    let id: Int64
    let itemID: Int64
    let itemCode: String
    let memberID: Int64
    let memberNumber: String
    let status: HoldStatus
    /// The ordering key among waiting holds (not the displayed rank).
    let position: Int?
    let readyUntil: LocalDate?
    let loanID: Int64?
    let createdAt: Instant

    init(row: Row) throws {
        id = try row.get("id")
        itemID = try row.get("item_id")
        itemCode = try row.get("item_code")
        memberID = try row.get("member_id")
        memberNumber = try row.get("member_number")
        status = HoldStatus(rawValue: try row.get("status")) ?? .cancelled
        position = try row.get("position")
        readyUntil = try row.get("ready_until")
        loanID = try row.get("loan_id")
        createdAt = try row.get("created_at")
    }

    static func fetch(_ id: Int64, in db: Connection) throws -> HoldRecord {
        guard let row = try db.queryOne("SELECT * FROM lending_holds WHERE id = ?", [id]) else { throw CoopError.holdNotFound(id) }
        return try HoldRecord(row: row)
    }
}
