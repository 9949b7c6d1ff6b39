import Coop
import CoopCore
import Foundation
import Membership
import Testing

/// Every migration of every domain, applied in order, from an empty file and from the first released
/// schema (core.1 + membership.1), keeps the data and ends at the same schema.
@Suite struct SchemaUpgradeTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("coop-upgrade-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The schema as SQLite reports it, to compare two databases.
    static func schema(_ pool: DatabasePool) async throws -> [String] {
        try await pool.read { db in
            try db.query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
                .map { try $0.get(0) as String }
        }
    }

    @Test func migrationNamesAreUniqueAndPrefixedByTheirDomain() {
        let names = Coop.migrator.migrations.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(["core.", "membership.", "inventory.", "lending.", "orders.", "voting."].contains { name.hasPrefix($0) }, "\(name)")
        }
    }

    @Test func upgradingTheFirstSchemaKeepsTheDataAndReachesTheCurrentSchema() async throws {
        let old = Self.temporaryPath(), fresh = Self.temporaryPath()
        defer { Self.remove(old); Self.remove(fresh) }

        // The first release: only the kernel and Membership's first migration.
        let firstRelease = try DatabasePool(path: old)
        var first = Migrator()
        for migration in Coop.migrator.migrations.prefix(while: { $0.name == "core.1" || $0.name == "membership.1" }) {
            first.register(migration.name, apply: migration.apply)
        }
        #expect(first.migrations.map(\.name) == ["core.1", "membership.1"])
        try await first.migrate(firstRelease)
        let context = CoopContext(database: firstRelease, timeZone: TimeZone(identifier: "America/Toronto")!)
        _ = try await MembershipService(context: context, caller: .localOperator("test")).addPlan(Plan(name: "Annuel", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        let ada = try await firstRelease.write { db in
            try db.execute("""
                INSERT INTO members (number, first_name, last_name, email, language, category, plan_id, joined_on, membership_ends, created_at, updated_at)
                VALUES ('M-0001', 'Ada', 'Lovelace', 'ada@example.org', 'en', 'user', 1, '2025-01-10', '2026-01-10', '2025-01-10T12:00:00.000Z', '2025-01-10T12:00:00.000Z')
                """, [])
            try db.execute("INSERT INTO coop_sequences (name, value) VALUES ('member_number', 1)", [])
            try db.execute("INSERT INTO api_tokens (prefix, hash, role, created_at) VALUES ('oldtoken', x'00', 'staff', '2025-01-10T12:00:00.000Z')", [])
            return "M-0001"
        }

        // Upgrade with today's program.
        let (coop, applied) = try await Coop.open(CoopConfiguration(databasePath: old, timeZone: TimeZone(identifier: "America/Toronto")!), as: .localOperator("test"))
        #expect(applied == Coop.migrator.migrations.map(\.name).filter { $0 != "core.1" && $0 != "membership.1" })
        let member = try await coop.membership.member(ada)
        #expect(member.email == "ada@example.org")
        #expect(member.plan == "Annuel")
        // membership.3 folded the names and e-mails already there, so old members are found too.
        #expect(try await coop.membership.findMembers("LOVELACE").items.map(\.number) == [ada])
        #expect(try await coop.tokens.list().map(\.label) == [nil], "an old token has no label")
        let next = try await coop.membership.addMember(NewMember(firstName: "Bob", lastName: "B", email: "bob@example.org"))
        #expect(next.number == "M-0002")

        // The upgraded schema is the schema of a new database.
        let (freshCoop, _) = try await Coop.open(CoopConfiguration(databasePath: fresh, timeZone: .gmt), as: .localOperator("test"))
        #expect(try await Self.schema(coop.context.database) == (try await Self.schema(freshCoop.context.database)))

        // And opening again applies nothing.
        let (_, again) = try await Coop.open(CoopConfiguration(databasePath: old, timeZone: .gmt), as: .localOperator("test"))
        #expect(again.isEmpty)
    }

    /// Lists sort with the collation `french` that every connection registers; the schema never names
    /// it, or the plain `sqlite3` shell (operators, benchmarks) could no longer read the file.
    @Test func theSchemaNeverNamesTheReadingOrderCollation() async throws {
        let path = Self.temporaryPath()
        defer { Self.remove(path) }
        let (coop, _) = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: .gmt), as: .localOperator("test"))
        let schema = try await Self.schema(coop.context.database)
        #expect(!schema.isEmpty)
        #expect(schema.filter { $0.lowercased().contains(ReadingOrder.collation) } == [])
    }
}
