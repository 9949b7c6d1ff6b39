import CoopCore
import Foundation
import Inventory
import Membership

extension LendingService {
    /// Books `units` of an item (any of its identical units) from `from` to `to`, both included: picked
    /// up on `from`, back on `to`.
    ///
    /// Refused when on any day the booked units plus loans, other reservations, offered holds and
    /// buffer days would pass the item's units (`lending.units_unavailable`, naming the day). With no
    /// buffer a reservation may start the day another ends (returned in the morning, out again that
    /// afternoon); with N buffer days it may start N days after that end at the earliest. Also refused:
    /// a start before today, longer than the policy's maximum or further ahead than it allows, a first or
    /// last day the co-op is closed, an inactive member or item, and more active reservations than the
    /// plan allows (`lending.reservation_limit`). A member may reserve only for themself.
    public func reserve(
        item: String, member: String, units: Int = 1, from: LocalDate, to: LocalDate
    ) async throws -> Reservation {
        try caller.check(LendingVerb.reserve)
        let units = try LendingValidation.units(units)
        guard from <= to else { throw CoopError.invalidRange(from: from, to: to) }
        try caller.requireAccess(toMember: member)
        let now = context.now(), today = context.today()
        guard from >= today else { throw CoopError.reservationInPast(from) }
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            let borrower = try Borrower.fetch(member, on: today, in: db)
            try borrower.requireActive()
            guard snapshot.status == .active else { throw CoopError.itemInactive(snapshot.code, status: snapshot.status) }
            let policy = try PolicyStore.effective(for: snapshot.category, in: db)
            let length = from.days(until: to) + 1
            guard length <= policy.maxReservationDays else { throw CoopError.reservationTooLong(days: length, max: policy.maxReservationDays) }
            let ahead = today.days(until: from)
            guard ahead <= policy.maxAdvanceDays else { throw CoopError.reservationTooFar(days: ahead, max: policy.maxAdvanceDays) }
            let openDays = try OpenDays.load(from: today, in: db)
            try openDays.requireOpen(from, field: "from")
            try openDays.requireOpen(to, field: "to")
            if let limit = borrower.maxReservations {
                let active = try db.scalar("""
                    SELECT count(*) FROM lending_reservations WHERE member_number = ? AND status = 'booked' AND from_day >= ?
                    """, [borrower.number, today], as: Int.self) ?? 0
                guard active < limit else { throw CoopError.reservationLimit(borrower.number, limit: limit) }
            }
            try HoldQueue.settle(snapshot, policy: policy, today: today, at: now, in: db)
            let claim = Claim.booking(from: from, to: to, bufferDays: policy.bufferDays, units: units)
            try Availability.require(claim, item: snapshot, today: today, bufferDays: policy.bufferDays, excluding: .none, in: db)
            try db.execute("""
                INSERT INTO lending_reservations (item_id, item_code, member_id, member_number, units, from_day, to_day, status,
                                                  created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)
                """, [snapshot.id, snapshot.code, borrower.id, borrower.number, units, from, to, now, caller.lendingLabel])
            let id = db.lastInsertRowID
            try LendingEvents.append("reserve", reservation: id, actor: caller.lendingLabel,
                                     detail: "\(snapshot.code) ×\(units) \(from)…\(to) → \(borrower.number)", at: now, in: db)
            return Reservation(try ReservationRecord.fetch(id, in: db), itemName: snapshot.name, today: today)
        }
    }

    /// Turns a reservation into a loan on its first day, in one transaction, with the check-out rules
    /// (active member, fee threshold, loan limit, units actually back). The loan is due on the
    /// reservation's last day. Before that day it is refused (`lending.reservation_not_started`); after
    /// it, the reservation has expired (`lending.reservation_not_active`).
    /// - Parameter at: when the pickup happened, for an operation recorded after the fact.
    public func pickUp(reservation id: Int64, at: Instant? = nil) async throws -> Loan {
        try caller.check(LendingVerb.pickUp)
        let now = context.now(), timeZone = context.timeZone
        let outAt = try LendingValidation.at(at, now: now, timeZone: timeZone)
        let actor = try LendingValidation.note(caller.label, field: "actor", max: 100)
        return try await database.write { db in
            let record = try ReservationRecord.fetch(id, in: db)
            let outDay = outAt.localDate(in: timeZone)
            if record.storedStatus != "booked" { try record.requireActive(today: outDay) }
            guard outDay >= record.from else { throw CoopError.reservationNotStarted(id, from: record.from) }
            try record.requireActive(today: outDay)
            let snapshot = try InventoryLedger.item(id: record.itemID, in: db)
            let borrower = try Borrower.fetch(record.memberNumber, on: outDay, in: db)
            let (loanID, moved) = try Self.lend(snapshot, to: borrower, units: record.units, due: nil, outAt: outAt, now: now,
                                                timeZone: timeZone, reservation: record, actor: actor, in: db)
            var loan = try Self.loan(loanID, today: now.localDate(in: timeZone), timeZone: timeZone, in: db)
            loan.dueMovedFrom = moved
            return loan
        }
    }

    /// Cancels a booked reservation (the member themself or staff); its units are free again and may
    /// go to the first member waiting for the item.
    public func cancelReservation(_ id: Int64) async throws -> Reservation {
        try caller.check(LendingVerb.cancelReservation)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            let record = try ReservationRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            try record.requireActive(today: today)
            try db.execute("""
                UPDATE lending_reservations SET status = 'cancelled', cancelled_at = ?, cancelled_by = ? WHERE id = ?
                """, [now, caller.lendingLabel, id])
            try LendingEvents.append("reservation_cancel", reservation: id, actor: caller.lendingLabel, at: now, in: db)
            let snapshot = try InventoryLedger.item(id: record.itemID, in: db)
            try HoldQueue.settle(snapshot, policy: try PolicyStore.effective(for: snapshot.category, in: db), today: today, at: now, in: db)
            return Reservation(try ReservationRecord.fetch(id, in: db), itemName: snapshot.name, today: today)
        }
    }

    /// One reservation; a member may read only their own.
    public func reservation(_ id: Int64) async throws -> Reservation {
        try caller.check(LendingVerb.reservation)
        let today = context.today()
        return try await database.read { db in
            let record = try ReservationRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            return Reservation(record, itemName: try InventoryLedger.item(id: record.itemID, in: db).name, today: today)
        }
    }

    /// Reservations in id order, one page at a time; a member sees only their own.
    public func reservations(
        _ filter: ReservationFilter = ReservationFilter(), page: PageRequest = PageRequest()
    ) async throws -> Page<Reservation> {
        try caller.check(LendingVerb.reservations)
        let member = try caller.memberScope(filter.member)
        let afterID = try Self.cursorID(page.after)
        let today = context.today(), limit = page.limit
        return try await database.read { db in
            var sql = "SELECT r.* FROM lending_reservations r WHERE r.id > ?"
            var arguments: [any DatabaseValueConvertible] = [afterID]
            if let member {
                sql += " AND r.member_number = ?"
                arguments.append(member)
            }
            if let item = filter.item {
                sql += " AND r.item_id = ?"
                arguments.append(try InventoryLedger.item(code: item, in: db).id)
            }
            if let status = filter.status {
                let condition = ReservationRecord.condition(status, today: today)
                sql += " AND " + condition.sql
                arguments += condition.arguments
            }
            if let from = filter.from {
                sql += " AND r.from_day >= ?"
                arguments.append(from)
            }
            if let to = filter.to {
                sql += " AND r.from_day <= ?"
                arguments.append(to)
            }
            sql += " ORDER BY r.id LIMIT ?"
            arguments.append(limit + 1)
            let records = try db.query(sql, arguments).map(ReservationRecord.init(row:))
            var items = ItemDirectory()
            let page = try records.prefix(limit).map { Reservation($0, itemName: try items.name($0.itemID, in: db), today: today) }
            let next = records.count > limit ? PageRequest.cursor(for: String(records[limit - 1].id)) : nil
            return Page(items: page, next: next)
        }
    }
}
