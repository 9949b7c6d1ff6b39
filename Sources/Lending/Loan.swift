import CoopCore
import Foundation
import Inventory

/// Where a loan stands. `overdue` is never stored: it is an open loan whose due date has passed.
public enum LoanStatus: String, Sendable, Codable, CaseIterable, Worded {
    case open
    case overdue
    case returned
    /// Declared lost: the units were written off and the replacement value charged.
    case lost

    /// The status as people read it.
    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(fr: "en cours", en: "open")
        case .overdue: LocalizedText(fr: "en retard", en: "overdue")
        case .returned: LocalizedText(fr: "rendu", en: "returned")
        case .lost: LocalizedText(fr: "perdu", en: "lost")
        }
    }

    public static let synonyms: [String: LoanStatus] = ["ouvert": .open, "retard": .overdue, "retourné": .returned]
}

/// A loan as both faces show it (`coopctl loan … --json`, `/api/v1/loans`).
public struct Loan: Sendable, Codable, Equatable {
    public let id: Int64
    /// The item's code.
    public let item: String
    public let itemName: String
    /// The borrower's number.
    public let member: String
    public let units: Int
    /// When it went out (as recorded at the desk, possibly earlier than when it was entered).
    public let outAt: Instant
    /// The local date it is due back, already moved off closed days.
    public let due: LocalDate
    public let status: LoanStatus
    public let returnedAt: Instant?
    /// The late fee in cents: what was charged at the return, or, while the loan is open, what it
    /// would cost if it came back today.
    public let fee: Money
    /// Days past the due date (at the return, or today while open); 0 when on time.
    public let daysLate: Int
    public let renewals: Int
    public let maxRenewals: Int
    /// The return condition note.
    public let condition: String?
    /// Why the units went to maintenance at the return, if they did.
    public let maintenance: String?
    /// The reservation this loan was picked up from, if any.
    public let reservation: Int64?
    /// In a check-in's answer only: the holds this return made ready (someone was waiting), so the
    /// desk puts the item aside at once instead of back on the shelf. Absent from other answers.
    public internal(set) var holdsReady: [Hold]? = nil
    /// In a check-out's or renewal's answer only: the day the due date would have been, when it fell
    /// on a closed day and was moved to the next open one, so the desk can tell the member.
    public internal(set) var dueMovedFrom: DueMove? = nil

    enum CodingKeys: String, CodingKey {
        case id, item, itemName, member, units, outAt, due, status, returnedAt, fee, daysLate, renewals, maxRenewals,
             condition, maintenance, reservation, holdsReady, dueMovedFrom
    }

    /// Absent values are written as `null`, so every loan object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(item, forKey: .item)
        try c.encode(itemName, forKey: .itemName)
        try c.encode(member, forKey: .member)
        try c.encode(units, forKey: .units)
        try c.encode(outAt, forKey: .outAt)
        try c.encode(due, forKey: .due)
        try c.encode(status, forKey: .status)
        try c.encode(returnedAt, forKey: .returnedAt)
        try c.encode(fee, forKey: .fee)
        try c.encode(daysLate, forKey: .daysLate)
        try c.encode(renewals, forKey: .renewals)
        try c.encode(maxRenewals, forKey: .maxRenewals)
        try c.encode(condition, forKey: .condition)
        try c.encode(maintenance, forKey: .maintenance)
        try c.encode(reservation, forKey: .reservation)
        try c.encodeIfPresent(holdsReady, forKey: .holdsReady)
        try c.encodeIfPresent(dueMovedFrom, forKey: .dueMovedFrom)
    }

    init(_ record: LoanRecord, itemName: String, today: LocalDate, timeZone: TimeZone) {
        id = record.id
        item = record.itemCode
        self.itemName = itemName
        member = record.memberNumber
        units = record.units
        outAt = record.outAt
        due = record.due
        returnedAt = record.returnedAt
        renewals = record.renewals
        maxRenewals = record.maxRenewals
        condition = record.condition
        maintenance = record.maintenanceReason
        reservation = record.reservationID
        switch record.status {
        case "open":
            status = record.due < today ? .overdue : .open
            daysLate = record.feeTerms.daysLate(due: record.due, on: today)
            fee = record.feeTerms.fee(due: record.due, returnedOn: today)
        case "lost":
            status = .lost
            daysLate = 0
            fee = record.lateFee
        default:
            status = .returned
            daysLate = record.returnedAt.map { record.feeTerms.daysLate(due: record.due, on: $0.localDate(in: timeZone)) } ?? 0
            fee = record.lateFee
        }
    }
}

/// Which loans a list shows; every condition given must hold.
public struct LoanFilter: Sendable, Equatable {
    /// Only this member's loans.
    public var member: String?
    /// Only loans of this item code.
    public var item: String?
    /// Only loans still out (open or overdue).
    public var open: Bool
    /// Only loans past their due date and still out.
    public var overdue: Bool

    /// Creates the value from its fields.
    public init(member: String? = nil, item: String? = nil, open: Bool = false, overdue: Bool = false) {
        self.member = member
        self.item = item
        self.open = open
        self.overdue = overdue
    }
}

/// A `lending_loans` row with the terms it went out under.
struct LoanRecord: Sendable {
    let id: Int64
    let itemID: Int64
    let itemCode: String
    let memberID: Int64
    let memberNumber: String
    let units: Int
    let outAt: Instant
    let due: LocalDate
    /// `open`, `returned` or `lost`, as stored.
    let status: String
    let returnedAt: Instant?
    let renewals: Int
    let loanDays: Int
    let maxRenewals: Int
    let selfRenew: Bool
    let feeTerms: FeeTerms
    let lateFee: Money
    let condition: String?
    let maintenanceReason: String?
    let reservationID: Int64?

    init(row: Row) throws {
        id = try row.get("id")
        itemID = try row.get("item_id")
        itemCode = try row.get("item_code")
        memberID = try row.get("member_id")
        memberNumber = try row.get("member_number")
        units = try row.get("units")
        outAt = try row.get("out_at")
        due = try row.get("due")
        status = try row.get("status")
        returnedAt = try row.get("returned_at")
        renewals = try row.get("renewals")
        loanDays = try row.get("loan_days")
        maxRenewals = try row.get("max_renewals")
        selfRenew = try row.get("self_renew")
        feeTerms = FeeTerms(feePerDay: try row.get("fee_per_day_cents"), graceDays: try row.get("grace_days"),
                            cap: try row.get("fee_cap_cents"))
        lateFee = try row.get("late_fee_cents")
        condition = try row.get("condition")
        maintenanceReason = try row.get("maintenance_reason")
        reservationID = try row.get("reservation_id")
    }

    static func fetch(_ id: Int64, in db: Connection) throws -> LoanRecord {
        guard let row = try db.queryOne("SELECT * FROM lending_loans WHERE id = ?", [id]) else { throw CoopError.loanNotFound(id) }
        return try LoanRecord(row: row)
    }

    /// Refuses a loan that is returned or lost.
    func requireOpen() throws {
        guard status == "open" else { throw CoopError.loanClosed(id, status: LoanStatus(rawValue: status) ?? .returned) }
    }
}

/// Item snapshots by row id, looked up once per transaction through `InventoryLedger`, so that lists
/// and reports show current names without reaching into Inventory's tables.
struct ItemDirectory {
    private var snapshots: [Int64: InventoryLedger.Snapshot] = [:]

    mutating func item(_ id: Int64, in db: Connection) throws -> InventoryLedger.Snapshot {
        if let snapshot = snapshots[id] { return snapshot }
        let snapshot = try InventoryLedger.item(id: id, in: db)
        snapshots[id] = snapshot
        return snapshot
    }

    mutating func name(_ id: Int64, in db: Connection) throws -> String { try item(id, in: db).name }
}

/// A due date moved off a closed day: the day it would have been and why the co-op is closed then.
public struct DueMove: Sendable, Codable, Equatable {
    /// The closed day the loan period ended on.
    public let day: LocalDate
    /// The dated closure's reason (`Fête nationale`), or nil for a day closed every week.
    public let reason: String?
}
