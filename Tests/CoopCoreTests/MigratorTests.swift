import Foundation
import Testing

@testable import CoopCore

@Suite struct MigratorTests {
    struct Boom: Error {}

    private func sampleMigrator() -> Migrator {
        var migrator = Migrator()
        migrator.register("test.1", sql: """
            CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE INDEX member_name ON member (name);
            """)
        migrator.register("test.2") { db in
            try db.execute("ALTER TABLE member ADD COLUMN email TEXT")
            try db.execute("INSERT INTO member (name, email) VALUES (?, ?)", ["Seed", "seed@example.org"])
        }
        return migrator
    }

    private func tables(_ pool: DatabasePool) async throws -> Set<String> {
        try await pool.read { db in
            Set(try db.query("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'")
                .map { try $0.get("name", as: String.self) })
        }
    }

    private func applied(_ pool: DatabasePool) async throws -> Set<String> {
        try await pool.writeWithoutTransaction { try Migrator.appliedMigrations($0) }
    }

    @Test func appliesMigrationsInOrderAndRecordsThem() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            let done = try await sampleMigrator().migrate(pool)
            #expect(done == ["test.1", "test.2"])
            #expect(try await applied(pool) == ["test.1", "test.2"])
            #expect(try await tables(pool) == ["coop_migrations", "member", "member_name"])
            let email = try await pool.read { try $0.scalar("SELECT email FROM member", as: String.self) }
            #expect(email == "seed@example.org")
            let stamps = try await pool.read { db in
                try db.query("SELECT applied_at FROM coop_migrations").map { try $0.get("applied_at", as: Instant.self) }
            }
            #expect(stamps.count == 2)
        }
    }

    @Test func migratingTwiceAppliesNothingTheSecondTime() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            let migrator = sampleMigrator()
            try await migrator.migrate(pool)
            try await pool.write { try $0.execute("INSERT INTO member (name) VALUES (?)", ["Ann"]) }

            let second = try await migrator.migrate(pool)
            #expect(second.isEmpty)
            // The data migration did not run again and the tables kept their rows.
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM member", as: Int64.self) } == 2)
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM coop_migrations", as: Int64.self) } == 2)
            #expect(try await tables(pool) == ["coop_migrations", "member", "member_name"])
        }
    }

    @Test func aLaterReleaseAppliesOnlyItsNewMigrations() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await sampleMigrator().migrate(pool)
            var next = sampleMigrator()
            next.register("test.3", sql: "CREATE TABLE loan (id INTEGER PRIMARY KEY, member_id INTEGER REFERENCES member(id))")
            #expect(try await next.migrate(pool) == ["test.3"])
            #expect(try await applied(pool) == ["test.1", "test.2", "test.3"])
        }
    }

    @Test func aFailingSQLMigrationLeavesNoRecordAndNoPartialSchema() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            var migrator = sampleMigrator()
            // The first statement succeeds, the second is malformed: the first must not survive.
            migrator.register("test.3", sql: """
                CREATE TABLE loan (id INTEGER PRIMARY KEY);
                CREATE INDEX loan_broken ON loan (no_such_column);
                """)
            migrator.register("test.4", sql: "CREATE TABLE never (id INTEGER)")
            await #expect(throws: DatabaseError.self) { try await migrator.migrate(pool) }

            // Earlier migrations committed, the failing one left nothing, later ones did not run.
            #expect(try await applied(pool) == ["test.1", "test.2"])
            #expect(try await tables(pool) == ["coop_migrations", "member", "member_name"])
            #expect(try await pool.writeWithoutTransaction { $0.isInTransaction } == false)

            // Fixed in the next release, it applies cleanly.
            var fixed = sampleMigrator()
            fixed.register("test.3", sql: "CREATE TABLE loan (id INTEGER PRIMARY KEY)")
            fixed.register("test.4", sql: "CREATE TABLE never (id INTEGER)")
            #expect(try await fixed.migrate(pool) == ["test.3", "test.4"])
            #expect(try await tables(pool).isSuperset(of: ["loan", "never"]))
        }
    }

    @Test func aFailingCodeMigrationRollsBackWhatItWrote() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await sampleMigrator().migrate(pool)
            var migrator = sampleMigrator()
            migrator.register("test.3") { db in
                try db.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY)")
                try db.execute("DELETE FROM member")
                throw Boom()
            }
            await #expect(throws: Boom.self) { try await migrator.migrate(pool) }
            #expect(try await applied(pool) == ["test.1", "test.2"])
            #expect(!(try await tables(pool).contains("audit")))
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM member", as: Int64.self) } == 1)
        }
    }

    @Test func migratesOneFileFromTwoPools() async throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        let first = try DatabasePool(path: path, readerCount: 1)
        let second = try DatabasePool(path: path, readerCount: 1)
        let migrator = sampleMigrator()
        async let a = migrator.migrate(first)
        async let b = migrator.migrate(second)
        let (doneA, doneB) = try await (a, b)
        // Each migration ran exactly once, whichever pool got there first.
        #expect((doneA + doneB).sorted() == ["test.1", "test.2"])
        #expect(try await first.read { try $0.scalar("SELECT count(*) FROM member", as: Int64.self) } == 1)
    }

    @Test func registeringOneNameTwiceIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            var migrator = Migrator()
            migrator.register("dup.1", sql: "SELECT 1")
            migrator.register("dup.1", sql: "SELECT 2")
        }
    }
}
