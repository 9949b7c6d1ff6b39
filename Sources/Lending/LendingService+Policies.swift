import CoopCore
import Foundation
import Inventory

extension LendingService {
    // MARK: Policies

    /// Sets the policy of a category subtree (or the default, for a nil category), replacing the one it
    /// had. Terms left out keep the scope's current value, or else the value of the policy that applied
    /// to it so far. Loans already out keep the terms they went out under; the path need not name an
    /// existing category yet.
    public func setPolicy(_ input: LoanPolicyInput) async throws -> LoanPolicy {
        try caller.check(LendingVerb.setPolicy)
        let actor = caller.label
        let typed = try PolicyStore.scope(input.category)
        let now = context.now()
        return try await database.write { db in
            // A policy for a category that does not exist would apply to nothing: refuse it, naming the
            // closest, and file it under the category's stored spelling.
            let scope = try typed.map { try InventoryLedger.categoryPath($0, in: db) }
            let base = try PolicyStore.stored(scope, in: db) ?? PolicyStore.effective(for: scope, in: db)
            let policy = try input.policy(category: scope, base: base).validated()
            try PolicyStore.save(policy, at: now, in: db)
            try LendingEvents.append("policy_set", actor: actor, detail: scope ?? "(default)", at: now, in: db)
            return policy
        }
    }

    /// Removes a category's policy (its items fall back to the next policy up), or, for nil, the stored
    /// default (the built-in one applies again). Returns the policies that remain.
    public func removePolicy(category: String?) async throws -> [LoanPolicy] {
        try caller.check(LendingVerb.removePolicy)
        let actor = caller.label
        let scope = try PolicyStore.scope(category)
        let now = context.now()
        return try await database.write { db in
            if let scope {
                try db.execute("DELETE FROM lending_policies WHERE category = ?", [scope])
            } else {
                try db.execute("DELETE FROM lending_policies WHERE category IS NULL")
            }
            guard db.changes > 0 else { throw CoopError.policyNotFound(scope ?? "(default)") }
            try LendingEvents.append("policy_remove", actor: actor, detail: scope ?? "(default)", at: now, in: db)
            return try Self.allPolicies(in: db)
        }
    }

    /// Every policy: the default first (stored, or the built-in one), then categories by path.
    public func policies() async throws -> [LoanPolicy] {
        try caller.check(LendingVerb.policies)
        return try await database.read { db in try Self.allPolicies(in: db) }
    }

    /// The policy that applies to an item of this category path (nil: the default).
    public func policy(forCategory category: String?) async throws -> LoanPolicy {
        try caller.check(LendingVerb.policy)
        let scope = try PolicyStore.scope(category)
        return try await database.read { db in try PolicyStore.effective(for: scope, in: db) }
    }

    /// The policy that applies to this item.
    public func policy(forItem code: String) async throws -> LoanPolicy {
        try caller.check(LendingVerb.policy)
        return try await database.read { db in
            try PolicyStore.effective(for: try InventoryLedger.item(code: code, in: db).category, in: db)
        }
    }

    static func allPolicies(in db: Connection) throws -> [LoanPolicy] {
        let categories = try db.query("SELECT * FROM lending_policies WHERE category IS NOT NULL ORDER BY category COLLATE french")
            .map(LoanPolicy.init(row:))
        return [try PolicyStore.defaultPolicy(in: db)] + categories
    }

    // MARK: Closures

    /// The weekly closing days and the dated closures from `from` (default today) on.
    public func closures(from: LocalDate? = nil) async throws -> ClosureCalendar {
        try caller.check(LendingVerb.closures)
        let from = from ?? context.today()
        return try await database.read { db in try Self.calendar(from: from, in: db) }
    }

    /// Replaces the weekdays the co-op is closed every week (ISO: 1 Monday … 7 Sunday; empty for none).
    /// Closing all seven is refused. Due dates already set do not move.
    public func setWeeklyClosures(_ weekdays: [Int]) async throws -> ClosureCalendar {
        try caller.check(LendingVerb.setWeeklyClosures)
        let actor = caller.label
        if let bad = weekdays.first(where: { !(1...7).contains($0) }) { throw CoopError.invalidWeekday(String(bad)) }
        let days = Set(weekdays).sorted()
        guard days.count < 7 else { throw CoopError.allDaysClosed() }
        let now = context.now(), today = context.today()
        return try await database.write { db in
            try db.execute("DELETE FROM lending_closed_weekdays")
            for day in days { try db.execute("INSERT INTO lending_closed_weekdays (weekday) VALUES (?)", [day]) }
            try LendingEvents.append("closures_weekly", actor: actor, detail: days.map(String.init).joined(separator: ","),
                                     at: now, in: db)
            return try Self.calendar(from: today, in: db)
        }
    }

    /// Closes the co-op on a date, with a reason (a holiday, the yearly inventory); closing a day
    /// already closed replaces its reason. Due dates already set do not move.
    public func addClosure(on date: LocalDate, reason: String) async throws -> ClosureCalendar {
        try caller.check(LendingVerb.addClosure)
        let actor = caller.label
        let reason = try LendingValidation.reason(reason)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            try db.execute("""
                INSERT INTO lending_closures (day, reason, created_at) VALUES (?, ?, ?)
                ON CONFLICT(day) DO UPDATE SET reason = excluded.reason
                """, [date, reason, now])
            try LendingEvents.append("closure_add", actor: actor, detail: "\(date) \(reason)", at: now, in: db)
            return try Self.calendar(from: min(today, date), in: db)
        }
    }

    /// Opens a date that was closed.
    public func removeClosure(on date: LocalDate) async throws -> ClosureCalendar {
        try caller.check(LendingVerb.removeClosure)
        let actor = caller.label
        let now = context.now(), today = context.today()
        return try await database.write { db in
            try db.execute("DELETE FROM lending_closures WHERE day = ?", [date])
            guard db.changes > 0 else { throw CoopError.closureNotFound(date) }
            try LendingEvents.append("closure_remove", actor: actor, detail: date.iso8601, at: now, in: db)
            return try Self.calendar(from: min(today, date), in: db)
        }
    }

    static func calendar(from: LocalDate, in db: Connection) throws -> ClosureCalendar {
        let weekly = try db.query("SELECT weekday FROM lending_closed_weekdays ORDER BY weekday").map { try $0.get(0) as Int }
        let dated = try db.query("SELECT day, reason FROM lending_closures WHERE day >= ? ORDER BY day", [from]).map {
            DatedClosure(date: try $0.get(0), reason: try $0.get(1))
        }
        return ClosureCalendar(weeklyClosedDays: weekly, closures: dated)
    }

    // MARK: Settings

    /// The co-op's lending settings (the defaults until set).
    public func settings() async throws -> LendingSettings {
        try caller.check(LendingVerb.settings)
        return try await database.read { db in try LendingSettings.load(in: db) }
    }

    /// Sets the balance above which a member may not check anything out.
    public func setFeeThreshold(_ amount: Money) async throws -> LendingSettings {
        try caller.check(LendingVerb.setFeeThreshold)
        return try await updateSettings(feeThreshold: amount)
    }

    /// Changes the settings given and keeps the others (the defaults until first set).
    /// - Parameters:
    ///   - feeThreshold: the balance above which a member may not check anything out (0 or more).
    ///   - overdueBlocksLoans: whether an overdue loan blocks its member's new loans.
    public func updateSettings(feeThreshold: Money? = nil, overdueBlocksLoans: Bool? = nil) async throws -> LendingSettings {
        try caller.check(LendingVerb.updateSettings)
        let actor = caller.label
        if let amount = feeThreshold, amount.cents < 0 { throw CoopError.invalidThreshold(amount) }
        guard feeThreshold != nil || overdueBlocksLoans != nil else { throw CoopError.required("feeThreshold") }
        let now = context.now()
        return try await database.write { db in
            let current = try LendingSettings.load(in: db)
            let next = LendingSettings(feeThreshold: feeThreshold ?? current.feeThreshold,
                                       overdueBlocksLoans: overdueBlocksLoans ?? current.overdueBlocksLoans)
            try db.execute("""
                INSERT INTO lending_settings (id, fee_threshold_cents, overdue_blocks_loans, updated_at) VALUES (1, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET fee_threshold_cents = excluded.fee_threshold_cents,
                    overdue_blocks_loans = excluded.overdue_blocks_loans, updated_at = excluded.updated_at
                """, [next.feeThreshold, next.overdueBlocksLoans, now])
            var changes: [String] = []
            if let feeThreshold { changes.append("feeThreshold \(feeThreshold.decimalString)") }
            if let overdueBlocksLoans { changes.append("overdueBlocksLoans \(overdueBlocksLoans)") }
            try LendingEvents.append("settings", actor: actor, detail: changes.joined(separator: ", "), at: now, in: db)
            return next
        }
    }
}
