import CoopCore
import Foundation

/// The verbs of Membership: plans, members, renewals, suspensions. Each runs as one transaction.
public struct MembershipService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `MembershipVerb`

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }


    // MARK: Members

    /// Registers a member with the next number. Joined today; with a plan, paid up to one period from today.
    public func addMember(_ input: NewMember) async throws -> Member {
        try caller.check(MembershipVerb.addMember)
        let today = context.today(), now = context.now()
        return try await database.write { db in
            let number = try Self.insert(input, today: today, now: now, in: db)
            return try Self.fetchMember(number, today: today, in: db)
        }
    }

    /// The member with this number (`M-0001`; `m-1` and `1` are read the same).
    public func member(_ number: String) async throws -> Member {
        try caller.check(MembershipVerb.member)
        try caller.requireAccess(toMember: number)
        let today = context.today()
        let number = Self.normalizedNumber(number)
        return try await database.read { db in try Self.fetchMember(number, today: today, in: db) }
    }

    /// Members in number order, one page at a time.
    public func members(page: PageRequest = PageRequest(), status: MemberStatus? = nil) async throws -> Page<Member> {
        try caller.check(MembershipVerb.members)
        let today = context.today()
        let afterID = try Self.cursorID(page.after)
        return try await database.read { db in
            var sql = Member.selectSQL + " WHERE m.id > ?"
            var arguments: [any DatabaseValueConvertible] = [afterID]
            if let status {
                sql += " AND " + Self.statusCondition
                arguments += [today, status.rawValue]
            }
            sql += " ORDER BY m.id LIMIT ?"
            arguments.append(page.limit + 1)
            let rows = try db.query(sql, arguments)
            let members = try rows.prefix(page.limit).map { try Member(row: $0, today: today) }
            let next = rows.count > page.limit ? PageRequest.cursor(for: String(try rows[page.limit - 1].get("id") as Int64)) : nil
            return Page(items: members, next: next)
        }
    }

    /// The row id a members cursor holds; a cursor we did not make is refused.
    static func cursorID(_ after: String?) throws -> Int64 {
        guard let after else { return 0 }
        guard let id = Int64(after), id > 0 else { throw CoopError.invalidCursor() }
        return id
    }

    /// Every member, in number order.
    public func allMembers() async throws -> [Member] {
        try caller.check(MembershipVerb.allMembers)
        let today = context.today()
        return try await database.read { db in
            try db.query(Member.selectSQL + " ORDER BY m.id").map { try Member(row: $0, today: today) }
        }
    }

    /// Changes the given fields; nil fields stay as they are.
    public func updateMember(_ number: String, _ changes: MemberChanges) async throws -> Member {
        try caller.check(MembershipVerb.updateMember)
        let today = context.today(), now = context.now()
        let number = Self.normalizedNumber(number)
        return try await database.write { db in
            let id = try Self.changeableMemberID(number, in: db)
            var sets: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let v = changes.firstName { sets.append("first_name = ?"); arguments.append(try MemberValidation.name(v, field: "firstName")) }
            if let v = changes.lastName { sets.append("last_name = ?"); arguments.append(try MemberValidation.name(v, field: "lastName")) }
            if let v = changes.email {
                let email = try MemberValidation.email(v)
                try Self.requireEmailFree(email, except: id, in: db)
                sets.append("email = ?"); arguments.append(email)
            }
            if let v = changes.phone { sets.append("phone = ?"); arguments.append(try MemberValidation.phone(v)) }
            if let v = changes.language { sets.append("language = ?"); arguments.append(v.rawValue) }
            if let v = changes.category { sets.append("category = ?"); arguments.append(v.rawValue) }
            if let v = changes.plan {
                if v.isEmpty { sets.append("plan_id = NULL") } else { sets.append("plan_id = ?"); arguments.append(try Self.planID(v, in: db)) }
            }
            if let v = changes.shareCapital {
                guard v.cents >= 0 else { throw CoopError.invalidAmount("shareCapital", v.decimalString) }
                sets.append("share_capital_cents = ?"); arguments.append(v)
            }
            if !sets.isEmpty {
                try db.execute("UPDATE members SET \(sets.joined(separator: ", ")), updated_at = ? WHERE id = ?", arguments + [now, id])
                try MemberSearch.refresh(memberID: id, in: db)
                try Self.logEvent(id, "updated", reason: nil, at: now, in: db)
            }
            return try Self.fetchMember(number, today: today, in: db)
        }
    }

    /// Records the plan fee as paid and extends the membership by one plan period, counted from the
    /// later of today and the current end date (renewing early loses no days).
    public func renew(_ number: String) async throws -> Member {
        try caller.check(MembershipVerb.renew)
        let today = context.today(), now = context.now()
        let number = Self.normalizedNumber(number)
        return try await database.write { db in
            let id = try Self.changeableMemberID(number, in: db)
            guard let row = try db.queryOne("""
                SELECT m.membership_ends, p.id AS plan_id, p.fee_cents, p.period_months
                FROM members m JOIN membership_plans p ON p.id = m.plan_id WHERE m.id = ?
                """, [id])
            else { throw CoopError.noPlan(number) }
            let previousEnd: LocalDate? = try row.get("membership_ends")
            let start = max(today, previousEnd ?? today)
            let newEnd = start.adding(months: try row.get("period_months"))
            try db.execute("UPDATE members SET membership_ends = ?, updated_at = ? WHERE id = ?", [newEnd, now, id])
            try db.execute("""
                INSERT INTO membership_renewals (member_id, plan_id, amount_cents, paid_at, previous_end, new_end)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [id, try row.get("plan_id") as Int64, try row.get("fee_cents") as Int64, now, previousEnd, newEnd])
            try Self.logEvent(id, "renewed", reason: nil, at: now, in: db)
            return try Self.fetchMember(number, today: today, in: db)
        }
    }

    public func suspend(_ number: String, reason: String) async throws -> Member {
        try caller.check(MembershipVerb.suspend)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CoopError.required("reason") }
        guard reason.count <= 500 else { throw CoopError.tooLong("reason", max: 500) }
        let today = context.today(), now = context.now()
        let number = Self.normalizedNumber(number)
        return try await database.write { db in
            let id = try Self.changeableMemberID(number, in: db)
            guard try db.scalar("SELECT suspended FROM members WHERE id = ?", [id], as: Bool.self) == false else {
                throw CoopError.alreadySuspended(number)
            }
            try db.execute("UPDATE members SET suspended = 1, suspension_reason = ?, updated_at = ? WHERE id = ?", [reason, now, id])
            try Self.logEvent(id, "suspended", reason: reason, at: now, in: db)
            return try Self.fetchMember(number, today: today, in: db)
        }
    }

    public func reinstate(_ number: String, reason: String? = nil) async throws -> Member {
        try caller.check(MembershipVerb.reinstate)
        let today = context.today(), now = context.now()
        let number = Self.normalizedNumber(number)
        return try await database.write { db in
            let id = try Self.changeableMemberID(number, in: db)
            guard try db.scalar("SELECT suspended FROM members WHERE id = ?", [id], as: Bool.self) == true else {
                throw CoopError.notSuspended(number)
            }
            try db.execute("UPDATE members SET suspended = 0, suspension_reason = NULL, updated_at = ? WHERE id = ?", [now, id])
            try Self.logEvent(id, "reinstated", reason: reason, at: now, in: db)
            return try Self.fetchMember(number, today: today, in: db)
        }
    }

    // MARK: Shared steps (inside a transaction)

    /// Validates and inserts one member; returns the new number.
    static func insert(_ input: NewMember, today: LocalDate, now: Instant, in db: Connection) throws -> String {
        let first = try MemberValidation.name(input.firstName, field: "firstName")
        let last = try MemberValidation.name(input.lastName, field: "lastName")
        let email = try MemberValidation.email(input.email)
        let phone = try MemberValidation.phone(input.phone)
        if let capital = input.shareCapital, capital.cents < 0 {
            throw CoopError.invalidAmount("shareCapital", capital.decimalString)
        }
        var plan: (id: Int64, fee: Int64)?
        var ends: LocalDate?
        if let planName = input.plan, !planName.trimmingCharacters(in: .whitespaces).isEmpty {
            let id = try planID(planName, in: db)
            guard let row = try db.queryOne("SELECT fee_cents, period_months FROM membership_plans WHERE id = ?", [id]) else {
                throw CoopError.planNotFound(planName)
            }
            plan = (id, try row.get("fee_cents"))
            ends = today.adding(months: try row.get("period_months"))
        }
        try requireEmailFree(email, except: nil, in: db)
        let number = Member.number(try Sequences.next("member_number", in: db))
        try db.execute("""
            INSERT INTO members (number, first_name, last_name, email, phone, language, category, plan_id,
                                 joined_on, membership_ends, share_capital_cents, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [number, first, last, email, phone, (input.language ?? .default).rawValue,
                  (input.category ?? .user).rawValue, plan?.id, today, ends, input.shareCapital ?? .zero, now, now])
        let memberID = db.lastInsertRowID
        try MemberSearch.refresh(memberID: memberID, in: db)
        if let plan, let ends {
            // Joining with a plan pays its first period: the fee is in the accounts like any renewal.
            try db.execute("""
                INSERT INTO membership_renewals (member_id, plan_id, amount_cents, paid_at, previous_end, new_end)
                VALUES (?, ?, ?, ?, NULL, ?)
                """, [memberID, plan.id, plan.fee, now, ends])
        }
        try logEvent(memberID, "joined", reason: nil, at: now, in: db)
        return number
    }

    static func fetchMember(_ number: String, today: LocalDate, in db: Connection) throws -> Member {
        guard let row = try db.queryOne(Member.selectSQL + " WHERE m.number = ?", [number]) else {
            throw CoopError.memberNotFound(number)
        }
        return try Member(row: row, today: today)
    }

    /// The member's row id; refuses unknown and anonymized members.
    static func changeableMemberID(_ number: String, in db: Connection) throws -> Int64 {
        guard let row = try db.queryOne("SELECT id, anonymized_at FROM members WHERE number = ?", [number]) else {
            throw CoopError.memberNotFound(number)
        }
        guard try row.get("anonymized_at") as String? == nil else { throw CoopError.memberAnonymized(number) }
        return try row.get("id")
    }

    static func memberID(_ number: String, in db: Connection) throws -> Int64 {
        guard let id = try db.scalar("SELECT id FROM members WHERE number = ?", [normalizedNumber(number)], as: Int64.self) else {
            throw CoopError.memberNotFound(number)
        }
        return id
    }

    static func planID(_ name: String, in db: Connection) throws -> Int64 {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard let id = try db.scalar("SELECT id FROM membership_plans WHERE name = ?", [trimmed], as: Int64.self) else {
            throw CoopError.planNotFound(trimmed)
        }
        return id
    }

    static func requireEmailFree(_ email: String, except id: Int64?, in db: Connection) throws {
        if let owner = try db.scalar("SELECT id FROM members WHERE email = ?", [email], as: Int64.self), owner != id {
            throw CoopError.emailTaken(email)
        }
    }

    static func logEvent(_ memberID: Int64, _ kind: String, reason: String?, at: Instant, in db: Connection) throws {
        try db.execute("INSERT INTO membership_events (member_id, kind, reason, at) VALUES (?, ?, ?, ?)", [memberID, kind, reason, at])
    }

    /// The SQL condition for a derived status; its arguments are today, then the status.
    static let statusCondition = """
        (CASE WHEN m.suspended = 1 THEN 'suspended'
              WHEN m.membership_ends IS NOT NULL AND m.membership_ends < ? THEN 'expired'
              ELSE 'active' END) = ?
        """

    /// `m-12`, `M-0012` and `12` all name member M-0012.
    public static func normalizedNumber(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasPrefix("M-") { t.removeFirst(2) }
        guard let n = Int64(t), n > 0 else { return text.trimmingCharacters(in: .whitespaces) }
        return Member.number(n)
    }
}
