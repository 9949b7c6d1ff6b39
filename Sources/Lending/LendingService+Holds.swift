import CoopCore
import Foundation
import Inventory
import Membership

extension LendingService {
    /// Puts a member on an item's waitlist. Only for an item with no unit free for them now: when one
    /// is free for the hold period, it is refused with `lending.hold_not_needed` (borrow it instead).
    /// A member may place a hold only for themself and only once per item (`lending.hold_exists`).
    public func placeHold(item: String, member: String) async throws -> Hold {
        try caller.check(LendingVerb.placeHold)
        try caller.requireAccess(toMember: member)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            let borrower = try Borrower.fetch(member, on: today, in: db)
            try borrower.requireActive()
            guard snapshot.status == .active else { throw CoopError.itemInactive(snapshot.code, status: snapshot.status) }
            let policy = try PolicyStore.effective(for: snapshot.category, in: db)
            try HoldQueue.settle(snapshot, policy: policy, today: today, at: now, in: db)
            if let existing = try db.scalar("""
                SELECT id FROM lending_holds WHERE item_id = ? AND member_id = ? AND status IN ('waiting', 'ready')
                """, [snapshot.id, borrower.id], as: Int64.self) {
                throw CoopError.holdExists(snapshot.code, member: borrower.number, id: existing)
            }
            // The same test as an offer: were a unit free for the hold period, the queue (just settled)
            // would be empty and the member could borrow it now.
            let claim = HoldQueue.offerClaim(today: today, policy: policy)
            let calendar = try Availability.calendar(item: snapshot, from: claim.start, until: claim.end, today: today,
                                                     bufferDays: policy.bufferDays, in: db)
            if calendar.shortfall(for: claim) == nil {
                throw CoopError.holdNotNeeded(snapshot.code, available: calendar.minimumFree(from: claim.start, until: claim.end))
            }
            let last = try db.scalar("SELECT max(position) FROM lending_holds WHERE item_id = ? AND status = 'waiting'",
                                     [snapshot.id], as: Int.self) ?? 0
            try db.execute("""
                INSERT INTO lending_holds (item_id, item_code, member_id, member_number, status, position, created_at)
                VALUES (?, ?, ?, ?, 'waiting', ?, ?)
                """, [snapshot.id, snapshot.code, borrower.id, borrower.number, last + 1, now])
            let id = db.lastInsertRowID
            try LendingEvents.append("hold", hold: id, actor: caller.lendingLabel, detail: "\(snapshot.code) ← \(borrower.number)", at: now, in: db)
            return try HoldQueue.hold(id, today: today, in: db)
        }
    }

    /// An item's waitlist in order: holds offered (`ready`) first, then those waiting by position. It
    /// runs as a write because reading the queue settles it first: lapsed offers expire and the unit
    /// passes to the next in line, as if the desk had looked each day.
    /// - Parameter includeClosed: also list fulfilled, expired and cancelled holds, after the others.
    public func holds(item: String, includeClosed: Bool = false) async throws -> [Hold] {
        try caller.check(LendingVerb.waitlist)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            try HoldQueue.settle(snapshot, policy: try PolicyStore.effective(for: snapshot.category, in: db), today: today, at: now, in: db)
            return try HoldQueue.queue(of: snapshot, includeClosed: includeClosed, today: today, in: db)
        }
    }

    /// A member's holds, newest first; a member may list only their own.
    public func holds(member: String?, includeClosed: Bool = false) async throws -> [Hold] {
        try caller.check(LendingVerb.holds)
        guard let number = try caller.memberScope(member) else { throw CoopError.required("member") }
        let today = context.today()
        return try await database.read { db in
            var sql = "SELECT id FROM lending_holds WHERE member_number = ?"
            if !includeClosed { sql += " AND status IN ('waiting', 'ready')" }
            return try db.query(sql + " ORDER BY id DESC", [number]).map { try HoldQueue.hold(try $0.get(0), today: today, in: db) }
        }
    }

    /// One hold; a member may read only their own.
    public func hold(_ id: Int64) async throws -> Hold {
        try caller.check(LendingVerb.hold)
        let today = context.today()
        return try await database.read { db in
            let record = try HoldRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            return try HoldQueue.hold(id, today: today, in: db)
        }
    }

    /// Takes a member off the waitlist (the member themself or staff). Cancelling an offered hold
    /// passes its unit to the next in line.
    public func cancelHold(_ id: Int64) async throws -> Hold {
        try caller.check(LendingVerb.cancelHold)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(id: try HoldRecord.fetch(id, in: db).itemID, in: db)
            let policy = try PolicyStore.effective(for: snapshot.category, in: db)
            try HoldQueue.settle(snapshot, policy: policy, today: today, at: now, in: db)
            let record = try HoldRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            guard record.status.isActive else { throw CoopError.holdNotActive(id, status: record.status.rawValue) }
            try db.execute("UPDATE lending_holds SET status = 'cancelled', position = NULL, closed_at = ? WHERE id = ?", [now, id])
            try LendingEvents.append("hold_cancel", hold: id, actor: caller.lendingLabel, at: now, in: db)
            try HoldQueue.settle(snapshot, policy: policy, today: today, at: now, in: db)
            return try HoldQueue.hold(id, today: today, in: db)
        }
    }

    /// Moves a waiting hold to `position` in line (1 is next; past the end means last), for staff.
    /// Returns the item's queue as it now stands.
    public func moveHold(_ id: Int64, to position: Int) async throws -> [Hold] {
        try caller.check(LendingVerb.moveHold)
        let actor = caller.label
        guard position >= 1 else { throw CoopError.invalidPosition(position) }
        let now = context.now(), today = context.today()
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(id: try HoldRecord.fetch(id, in: db).itemID, in: db)
            try HoldQueue.settle(snapshot, policy: try PolicyStore.effective(for: snapshot.category, in: db), today: today, at: now, in: db)
            let record = try HoldRecord.fetch(id, in: db)
            guard record.status == .waiting else { throw CoopError.holdNotWaiting(id, status: record.status.rawValue) }
            var line = try db.query("""
                SELECT id FROM lending_holds WHERE item_id = ? AND status = 'waiting' ORDER BY position, id
                """, [record.itemID]).map { try $0.get(0) as Int64 }
            line.removeAll { $0 == id }
            line.insert(id, at: min(position - 1, line.count))
            for (i, holdID) in line.enumerated() {
                try db.execute("UPDATE lending_holds SET position = ? WHERE id = ?", [i + 1, holdID])
            }
            try LendingEvents.append("hold_move", hold: id, actor: actor, detail: "→ \(min(position, line.count))", at: now, in: db)
            return try HoldQueue.queue(of: snapshot, includeClosed: false, today: today, in: db)
        }
    }
}

/// The waitlist rules, run inside the caller's transaction.
enum HoldQueue {
    /// What an offer keeps: one unit from today through the last ready day (today counts as the first).
    static func offerClaim(today: LocalDate, policy: LoanPolicy) -> Claim {
        Claim.readyHold(until: today.adding(days: policy.holdReadyDays - 1), today: today)
    }

    /// Brings the queue up to date: offers whose last day has passed expire, then, while a unit is free
    /// for a whole offer period, the first waiting hold is offered it (`ready`).
    ///
    /// Called at the start of every write that touches the item, so the state is what a daily pass
    /// would have produced; an offer made this way starts the day it is made (the member hears of it
    /// then), not the day the previous offer lapsed.
    /// Returns the holds it offered now.
    @discardableResult
    static func settle(_ item: InventoryLedger.Snapshot, policy: LoanPolicy, today: LocalDate, at now: Instant, in db: Connection) throws -> [Int64] {
        var offered: [Int64] = []
        let lapsed = try db.query("""
            SELECT id FROM lending_holds WHERE item_id = ? AND status = 'ready' AND ready_until < ? ORDER BY id
            """, [item.id, today]).map { try $0.get(0) as Int64 }
        for id in lapsed {
            try db.execute("UPDATE lending_holds SET status = 'expired', closed_at = ? WHERE id = ?", [now, id])
            try LendingEvents.append("hold_expired", hold: id, actor: nil, at: now, in: db)
        }
        guard item.status == .active else { return offered }
        while let next = try db.scalar("""
            SELECT id FROM lending_holds WHERE item_id = ? AND status = 'waiting' ORDER BY position, id LIMIT 1
            """, [item.id], as: Int64.self) {
            let claim = offerClaim(today: today, policy: policy)
            let calendar = try Availability.calendar(item: item, from: claim.start, until: claim.end, today: today,
                                                     bufferDays: policy.bufferDays, in: db)
            guard calendar.shortfall(for: claim) == nil else { return offered }
            let until = claim.end.adding(days: -1)
            try db.execute("""
                UPDATE lending_holds SET status = 'ready', position = NULL, ready_since = ?, ready_until = ? WHERE id = ?
                """, [today, until, next])
            try LendingEvents.append("hold_ready", hold: next, actor: nil, detail: "until \(until)", at: now, in: db)
            try LendingNotices.holdReady(next, item: item, until: until, today: today, at: now, in: db)
            offered.append(next)
        }
        return offered
    }

    /// The item's holds in queue order: offered, then waiting by position, then (if asked) closed ones.
    static func queue(of item: InventoryLedger.Snapshot, includeClosed: Bool, today: LocalDate, in db: Connection) throws -> [Hold] {
        let records = try db.query("SELECT * FROM lending_holds WHERE item_id = ?", [item.id]).map(HoldRecord.init(row:))
        func order(_ r: HoldRecord) -> (Int, Int, Int64) {
            switch r.status {
            case .ready: (0, 0, r.id)
            case .waiting: (1, r.position ?? 0, r.id)
            default: (2, 0, -r.id)
            }
        }
        let sorted = records.filter { includeClosed || $0.status.isActive }.sorted { order($0) < order($1) }
        var rank = 0
        return sorted.map { record in
            var position: Int?
            if record.status == .waiting {
                rank += 1
                position = rank
            }
            return Hold(record, itemName: item.name, position: position, today: today)
        }
    }

    /// One hold with its rank among the item's waiting holds.
    static func hold(_ id: Int64, today: LocalDate, in db: Connection) throws -> Hold {
        let record = try HoldRecord.fetch(id, in: db)
        var position: Int?
        if record.status == .waiting {
            position = 1 + (try db.scalar("""
                SELECT count(*) FROM lending_holds
                WHERE item_id = ? AND status = 'waiting' AND (position < ? OR (position = ? AND id < ?))
                """, [record.itemID, record.position, record.position, id], as: Int.self) ?? 0)
        }
        return Hold(record, itemName: try InventoryLedger.item(id: record.itemID, in: db).name, position: position, today: today)
    }
}
