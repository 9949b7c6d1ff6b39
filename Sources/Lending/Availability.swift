import CoopCore
import Inventory

/// Units of one item claimed over the local days `start ..< end` (the end day is free again).
struct Claim: Sendable, Equatable {
    let start: LocalDate
    let end: LocalDate
    let units: Int

    /// The days a booking holds its units: its first day through its last day, both included (the
    /// unit is out on its last day, as a tool library's member keeps the drill through Sunday), then
    /// each buffer day after it (cleaning, checking). So with no buffer the next booking may start the
    /// day after the last day; with N buffer days, N + 1 days after it.
    static func booking(from: LocalDate, to: LocalDate, bufferDays: Int, units: Int) -> Claim {
        Claim(start: from, end: max(to, from).adding(days: 1 + bufferDays), units: units)
    }

    /// An open loan from today on: it is out until its due date, or, when overdue, at least until
    /// today (we cannot know when it comes back, and assuming "today" is what lets the desk plan).
    static func loan(due: LocalDate, today: LocalDate, bufferDays: Int, units: Int) -> Claim {
        booking(from: today, to: max(due, today), bufferDays: bufferDays, units: units)
    }

    /// A hold offered to a member keeps its unit through its last ready day.
    static func readyHold(until: LocalDate, today: LocalDate) -> Claim {
        Claim(start: today, end: until.adding(days: 1), units: 1)
    }
}

/// An item's free units day by day: its capacity minus every claim on it.
struct UnitCalendar: Sendable {
    /// Units that can go out at all: quantity less maintenance, and less any units out that no open
    /// loan accounts for (so the check never promises what `InventoryLedger.checkOut` would refuse).
    let capacity: Int
    let claims: [Claim]

    /// Free units on each day of `from ..< until`.
    func free(from: LocalDate, until: LocalDate) -> [Int] {
        let length = max(0, from.days(until: until))
        guard length > 0 else { return [] }
        var change = [Int](repeating: 0, count: length + 1)
        for claim in claims {
            let start = max(claim.start, from), end = min(claim.end, until)
            guard start < end else { continue }
            change[from.days(until: start)] += claim.units
            change[from.days(until: end)] -= claim.units
        }
        var demand = 0
        return (0..<length).map { i in
            demand += change[i]
            return capacity - demand
        }
    }

    /// The first day of `claim` without room for its units, with the units free that day (never
    /// negative); nil when it fits on every day.
    func shortfall(for claim: Claim) -> (day: LocalDate, free: Int)? {
        for (i, free) in free(from: claim.start, until: claim.end).enumerated() where free < claim.units {
            return (claim.start.adding(days: i), max(0, free))
        }
        return nil
    }

    /// The fewest units free on any day of `from ..< until`.
    func minimumFree(from: LocalDate, until: LocalDate) -> Int {
        max(0, free(from: from, until: until).min() ?? capacity)
    }
}

/// Builds an item's calendar from the lending tables, inside the caller's transaction. Every check —
/// check-out, renewal, reservation, pickup, hold offers — goes through here, so they all count the same
/// claims the same way.
enum Availability {
    /// Claims a check leaves out: the loan being renewed, the reservation being picked up, and for a
    /// check-out the borrower's own reservations and offered holds (those units are theirs).
    struct Exclusions: Sendable {
        var loan: Int64?
        var reservation: Int64?
        var reservationsOf: String?
        var holdsOf: String?

        static let none = Exclusions()
    }

    /// The calendar of `item` for claims touching `from ..< until`, from `today` on.
    static func calendar(
        item: InventoryLedger.Snapshot, from: LocalDate, until: LocalDate, today: LocalDate, bufferDays: Int,
        excluding: Exclusions = .none, in db: Connection
    ) throws -> UnitCalendar {
        var claims: [Claim] = []
        var trackedOut = 0
        try db.forEach("SELECT id, units, due FROM lending_loans WHERE item_id = ? AND status = 'open'", [item.id]) { row in
            let units: Int = try row.get("units")
            trackedOut += units
            if try row.get("id") as Int64 == excluding.loan { return }
            claims.append(.loan(due: try row.get("due"), today: today, bufferDays: bufferDays, units: units))
        }
        // A booking reaches `to + buffer`; fetch a little wide and let the claims clip themselves.
        try db.forEach("""
            SELECT id, member_number, units, from_day, to_day FROM lending_reservations
            WHERE item_id = ? AND status = 'booked' AND from_day >= ? AND from_day < ? AND to_day >= ?
            """, [item.id, today, until, from.adding(days: -bufferDays - 1)]) { row in
            if try row.get("id") as Int64 == excluding.reservation { return }
            if let member = excluding.reservationsOf, try row.get("member_number") as String == member { return }
            claims.append(.booking(from: try row.get("from_day"), to: try row.get("to_day"), bufferDays: bufferDays,
                                   units: try row.get("units")))
        }
        try db.forEach("""
            SELECT member_number, ready_until FROM lending_holds WHERE item_id = ? AND status = 'ready' AND ready_until >= ?
            """, [item.id, today]) { row in
            if let member = excluding.holdsOf, try row.get("member_number") as String == member { return }
            claims.append(.readyHold(until: try row.get("ready_until"), today: today))
        }
        guard item.status == .active else { return UnitCalendar(capacity: 0, claims: claims) }
        let untracked = max(0, item.unitsOut - trackedOut)
        return UnitCalendar(capacity: max(0, item.quantity - item.maintenanceUnits - untracked), claims: claims)
    }

    /// Refuses `claim` with `lending.units_unavailable` when some day lacks room for it.
    static func require(
        _ claim: Claim, item: InventoryLedger.Snapshot, today: LocalDate, bufferDays: Int, excluding: Exclusions,
        in db: Connection
    ) throws {
        let calendar = try calendar(item: item, from: claim.start, until: claim.end, today: today, bufferDays: bufferDays,
                                    excluding: excluding, in: db)
        if let short = calendar.shortfall(for: claim) {
            throw CoopError.unitsUnavailable(item.code, requested: claim.units, available: short.free, on: short.day)
        }
    }
}

/// An item's free units over a date range, for a calendar view and for deciding what to reserve.
public struct ItemAvailability: Sendable, Codable, Equatable {
    /// The item's code.
    public let item: String
    /// Units held (including any in maintenance).
    public let quantity: Int
    public let from: LocalDate
    public let to: LocalDate
    /// What a reservation of the whole range can take: the fewest units free from `from` up to the day
    /// the units would be free again (`to` plus the buffer days).
    public let free: Int
    /// Consecutive days with the same number of free units, in order, covering the range.
    public let periods: [AvailabilityPeriod]
}

/// Days `from`…`to` (both included) on which `free` units are free.
public struct AvailabilityPeriod: Sendable, Codable, Equatable {
    public let from: LocalDate
    public let to: LocalDate
    public let free: Int
}
