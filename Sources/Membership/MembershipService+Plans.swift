import CoopCore

extension MembershipService {
    /// Creates a plan; names are unique without regard to case.
    public func addPlan(_ plan: Plan) async throws -> Plan {
        try caller.check(MembershipVerb.addPlan)
        let plan = try plan.validated()
        let now = context.now()
        return try await database.write { db in
            if try db.scalar("SELECT id FROM membership_plans WHERE name = ?", [plan.name], as: Int64.self) != nil {
                throw CoopError.planExists(plan.name)
            }
            try db.execute("""
                INSERT INTO membership_plans (name, fee_cents, period_months, max_loans, max_reservations, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [plan.name, plan.fee, plan.months, plan.maxLoans, plan.maxReservations, now])
            return plan
        }
    }

    public func plans() async throws -> [Plan] {
        try caller.check(MembershipVerb.plans)
        return try await database.read { db in
            try db.query("SELECT * FROM membership_plans ORDER BY name COLLATE french").map(Plan.init(row:))
        }
    }

    public func plan(_ name: String) async throws -> Plan {
        try caller.check(MembershipVerb.plan)
        return try await database.read { db in
            guard let row = try db.queryOne("SELECT * FROM membership_plans WHERE name = ?", [name.trimmingCharacters(in: .whitespaces)]) else {
                throw CoopError.planNotFound(name)
            }
            return try Plan(row: row)
        }
    }
}
