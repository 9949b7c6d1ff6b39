import CoopCore
import Foundation
import Inventory

/// The reports both faces print (`coopctl report NAME`, `/api/v1/reports/{name}`), by their stable names.
public enum LendingReport: String, Sendable, Codable, CaseIterable {
    case overdue
    case dueToday = "due-today"
    case expectedReturns = "expected-returns"
    case toPrepare = "to-prepare"
    case holdsReady = "holds-ready"
    case popular
    case neverBorrowed = "never-borrowed"

    /// Reads a report name as typed (any case); anything else is `lending.unknown_report` (404).
    public init(parsing text: String) throws {
        guard let report = LendingReport(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CoopError.unknownReport(text)
        }
        self = report
    }
}

/// An open loan due on a given day (`due-today`, `expected-returns`).
public struct DueLoanRow: Sendable, Codable, Equatable {
    public let loan: Int64
    public let due: LocalDate
    /// The item's code.
    public let item: String
    public let itemName: String
    /// The member's number.
    public let member: String
    public let units: Int
    public let outAt: Instant
}

/// An overdue loan with what it has cost so far.
public struct OverdueRow: Sendable, Codable, Equatable {
    public let loan: Int64
    public let due: LocalDate
    public let item: String
    public let itemName: String
    public let member: String
    public let units: Int
    public let daysLate: Int
    /// The late fee if it came back today, in cents (grace days and cap applied).
    public let accruedFee: Money
}

/// A reservation to get ready for its pickup day.
public struct PreparationRow: Sendable, Codable, Equatable {
    public let reservation: Int64
    /// The pickup day.
    public let day: LocalDate
    /// The last day of the reservation.
    public let to: LocalDate
    public let item: String
    public let itemName: String
    public let member: String
    public let units: Int
}

/// How often an item went out.
public struct PopularItemRow: Sendable, Codable, Equatable {
    public let item: String
    public let itemName: String
    public let loans: Int
    public let units: Int
}

/// An item in circulation that has never been lent.
public struct NeverBorrowedRow: Sendable, Codable, Equatable {
    public let item: String
    public let itemName: String
    public let category: String?
    /// When it entered the catalogue.
    public let since: Instant

    enum CodingKeys: String, CodingKey { case item, itemName, category, since }

    /// `category` is written as `null` when absent, so every row has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(itemName, forKey: .itemName)
        try c.encode(category, forKey: .category)
        try c.encode(since, forKey: .since)
    }
}

extension LendingService {
    /// Open loans due on `day` (default today), by loan id.
    public func dueToday(on day: LocalDate? = nil) async throws -> [DueLoanRow] {
        try caller.check(LendingVerb.dueToday)
        let day = day ?? context.today()
        return try await expectedReturns(from: day, to: day)
    }

    /// Open loans due from `from` to `to` (both included), by due date, then loan id. Without dates,
    /// the coming week: today and the six days after it.
    public func expectedReturns(from: LocalDate? = nil, to: LocalDate? = nil) async throws -> [DueLoanRow] {
        try caller.check(LendingVerb.expectedReturns)
        let from = from ?? context.today(), to = to ?? from.adding(days: 6)
        guard from <= to else { throw CoopError.invalidRange(from: from, to: to) }
        return try await database.read { db in
            var items = ItemDirectory()
            return try db.query("""
                SELECT id, item_id, item_code, member_number, units, out_at, due FROM lending_loans
                WHERE status = 'open' AND due >= ? AND due <= ? ORDER BY due, id
                """, [from, to]).map { row in
                DueLoanRow(loan: try row.get("id"), due: try row.get("due"), item: try row.get("item_code"),
                           itemName: try items.name(try row.get("item_id"), in: db), member: try row.get("member_number"),
                           units: try row.get("units"), outAt: try row.get("out_at"))
            }
        }
    }

    /// Open loans past their due date as of `day` (default today), longest overdue first, with the days
    /// late and the fee accrued so far under each loan's own terms.
    public func overdue(asOf day: LocalDate? = nil) async throws -> [OverdueRow] {
        try caller.check(LendingVerb.overdue)
        let day = day ?? context.today()
        return try await database.read { db in
            var items = ItemDirectory()
            var rows: [OverdueRow] = []
            // The partial index on open loans' due dates keeps this proportional to the overdue loans,
            // not to every loan ever made.
            try db.forEach("""
                SELECT id, item_id, item_code, member_number, units, due, fee_per_day_cents, grace_days, fee_cap_cents
                FROM lending_loans WHERE status = 'open' AND due < ? ORDER BY due, id
                """, [day]) { row in
                let due: LocalDate = try row.get("due")
                let terms = FeeTerms(feePerDay: try row.get("fee_per_day_cents"), graceDays: try row.get("grace_days"),
                                     cap: try row.get("fee_cap_cents"))
                rows.append(OverdueRow(
                    loan: try row.get("id"), due: due, item: try row.get("item_code"),
                    itemName: try items.name(try row.get("item_id"), in: db), member: try row.get("member_number"),
                    units: try row.get("units"), daysLate: terms.daysLate(due: due, on: day),
                    accruedFee: terms.fee(due: due, returnedOn: day)))
            }
            return rows
        }
    }

    /// Booked reservations whose pickup day is from `from` to `to` (both included), by day then item.
    /// Without dates, the coming week: today and the six days after it.
    public func toPrepare(from: LocalDate? = nil, to: LocalDate? = nil) async throws -> [PreparationRow] {
        try caller.check(LendingVerb.toPrepare)
        let today = context.today()
        let from = from ?? today, to = to ?? from.adding(days: 6)
        guard from <= to else { throw CoopError.invalidRange(from: from, to: to) }
        return try await database.read { db in
            var items = ItemDirectory()
            // Expired bookings (first day passed) are not prepared: `from_day >= today`.
            return try db.query("""
                SELECT id, item_id, item_code, member_number, units, from_day, to_day FROM lending_reservations
                WHERE status = 'booked' AND from_day >= ? AND from_day <= ? AND from_day >= ? ORDER BY from_day, item_code, id
                """, [from, to, today]).map { row in
                PreparationRow(reservation: try row.get("id"), day: try row.get("from_day"), to: try row.get("to_day"),
                               item: try row.get("item_code"), itemName: try items.name(try row.get("item_id"), in: db),
                               member: try row.get("member_number"), units: try row.get("units"))
            }
        }
    }

    /// Holds offered at the desk and not yet picked up, the nearest deadline first: the units to keep
    /// aside. An offer whose last day has passed is left out; it lapses when its item's queue is next
    /// read (`holds(item:)`, a check-in), as the desk would find it.
    public func holdsReady() async throws -> [Hold] {
        try caller.check(LendingVerb.holdsReady)
        let today = context.today()
        return try await database.read { db in
            try db.query("SELECT id FROM lending_holds WHERE status = 'ready' AND ready_until >= ? ORDER BY ready_until, item_code, id", [today])
                .map { try HoldQueue.hold(try $0.get(0), today: today, in: db) }
        }
    }

    /// The most borrowed items, by number of loans (then units), over loans that went out from `from`
    /// to `to` (local days, both included; nil for no bound).
    public func popular(from: LocalDate? = nil, to: LocalDate? = nil, limit: Int = 20) async throws -> [PopularItemRow] {
        try caller.check(LendingVerb.popular)
        let limit = min(max(limit, 1), PageRequest.maxLimit)
        let timeZone = context.timeZone
        let lower = from.map { Instant.startOf($0, in: timeZone) }
        let upper = to.map { Instant.startOf($0.adding(days: 1), in: timeZone) }
        return try await database.read { db in
            var sql = "SELECT item_id, item_code, count(*) AS loans, sum(units) AS units FROM lending_loans WHERE 1"
            var arguments: [any DatabaseValueConvertible] = []
            if let lower {
                sql += " AND out_at >= ?"
                arguments.append(lower)
            }
            if let upper {
                sql += " AND out_at < ?"
                arguments.append(upper)
            }
            sql += " GROUP BY item_id ORDER BY loans DESC, units DESC, item_code LIMIT ?"
            arguments.append(limit)
            var items = ItemDirectory()
            return try db.query(sql, arguments).map { row in
                PopularItemRow(item: try row.get("item_code"), itemName: try items.name(try row.get("item_id"), in: db),
                               loans: try row.get("loans"), units: try row.get("units"))
            }
        }
    }

    /// Active items never lent, by code, one page at a time (the cursor is the last code seen).
    ///
    /// An anti-join over the items is the only way to do this in one pass at 100,000 items, so it reads
    /// the views Inventory publishes for list joins (`inventory_public_items`, `inventory_public_categories`,
    /// inlined by SQLite: the code index still serves the cursor and the order) rather than pages of searches.
    public func neverBorrowed(page: PageRequest = PageRequest()) async throws -> Page<NeverBorrowedRow> {
        try caller.check(LendingVerb.neverBorrowed)
        let limit = page.limit, after = page.after ?? ""
        return try await database.read { db in
            let rows = try db.query("""
                SELECT i.code, i.name, c.path AS category, i.created_at FROM inventory_public_items i
                LEFT JOIN inventory_public_categories c ON c.id = i.category_id
                WHERE i.status = 'active' AND i.code > ? AND NOT EXISTS (SELECT 1 FROM lending_loans l WHERE l.item_id = i.id)
                ORDER BY i.code LIMIT ?
                """, [after, limit + 1]).map { row in
                NeverBorrowedRow(item: try row.get("code"), itemName: try row.get("name"), category: try row.get("category"),
                                 since: try row.get("created_at"))
            }
            let next = rows.count > limit ? PageRequest.cursor(for: rows[limit - 1].item) : nil
            return Page(items: Array(rows.prefix(limit)), next: next)
        }
    }
}
