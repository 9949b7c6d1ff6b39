import CoopCore
import Foundation
import Inventory
import Membership
import Testing
@testable import Lending

@Suite("Lending's schema")
struct LendingSchemaTests {
    @Test func migratesOnceFromAnEmptyDatabase() async throws {
        let db = try await TestLending()
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        LendingSchema.register(in: &migrator)
        #expect(try await migrator.migrate(db.pool).isEmpty)
        #expect(try await db.count("coop_migrations", where: "name = 'lending.1'") == 1)
        let tables = try await db.pool.read { db in
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'lending_%' ORDER BY name").map { try $0.get(0) as String }
        }
        #expect(tables == ["lending_closed_weekdays", "lending_closures", "lending_events", "lending_fees", "lending_holds",
                           "lending_loans", "lending_policies", "lending_reservations", "lending_settings"])
    }

    @Test func oneDefaultPolicyAndOnePolicyPerPathWithoutRegardToCase() async throws {
        let db = try await TestLending()
        let insert = """
            INSERT INTO lending_policies (category, loan_days, max_renewals, self_renew, fee_per_day_cents, grace_days, fee_cap_cents,
                max_reservation_days, max_advance_days, buffer_days, hold_ready_days, updated_at)
            VALUES (?, 7, 1, 0, 100, 0, 500, 7, 30, 0, 2, '2026-03-16T14:00:00.000Z')
            """
        try await db.pool.write { try $0.execute(insert, [String?.none]) }
        await #expect(throws: DatabaseError.self) { try await db.pool.write { try $0.execute(insert, [String?.none]) } }
        try await db.pool.write { try $0.execute(insert, ["Outils"]) }
        await #expect(throws: DatabaseError.self) { try await db.pool.write { try $0.execute(insert, ["OUTILS"]) } }
    }

    @Test func historyIsAppendOnly() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        _ = try await db.lending.reserve(item: "T-1", member: "M-0001", from: day("2026-04-01"), to: day("2026-04-02"))
        for sql in ["DELETE FROM lending_loans", "DELETE FROM lending_reservations", "DELETE FROM lending_events",
                    "UPDATE lending_events SET kind = 'x'"] {
            await #expect(throws: DatabaseError.self, "\(sql)") { try await db.pool.write { try $0.execute(sql) } }
        }
        #expect(try await db.lending.loan(loan.id).status == .open)
    }
}
