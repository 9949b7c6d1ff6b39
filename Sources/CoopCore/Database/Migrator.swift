import Foundation

/// Named, forward-only schema migrations.
///
/// Each domain registers its migrations under its own prefix (`membership.1`, `inventory.1`…). Each runs
/// with its record in `coop_migrations` in one `BEGIN IMMEDIATE` transaction, so a failed migration
/// leaves nothing behind and a finished one never runs again.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let name: String
        public let apply: @Sendable (Connection) throws -> Void
    }

    public private(set) var migrations: [Migration] = []

    public init() {}

    /// Adds a migration made of SQL statements.
    public mutating func register(_ name: String, sql: String) {
        register(name) { try $0.execute(sql) }
    }

    /// Adds a migration that runs code (data moves that SQL alone cannot express).
    public mutating func register(_ name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        precondition(!migrations.contains { $0.name == name }, "migration \(name) registered twice")
        migrations.append(Migration(name: name, apply: apply))
    }

    /// Applies the migrations not yet recorded, in registration order; returns the names applied.
    @discardableResult
    public func migrate(_ pool: DatabasePool) async throws -> [String] {
        let migrations = self.migrations
        return try await pool.writeWithoutTransaction { connection in
            try Self.migrate(connection, migrations)
        }
    }

    /// The names already applied to this database.
    public static func appliedMigrations(_ connection: Connection) throws -> Set<String> {
        try createTable(connection)
        return Set(try connection.query("SELECT name FROM coop_migrations").map { try $0.get("name") as String })
    }

    private static func createTable(_ connection: Connection) throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS coop_migrations (
                name TEXT PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """)
    }

    private static func migrate(_ connection: Connection, _ migrations: [Migration]) throws -> [String] {
        let applied = try appliedMigrations(connection)
        var done: [String] = []
        for migration in migrations where !applied.contains(migration.name) {
            try connection.transaction {
                // Another process may have migrated while we waited for the write lock.
                let already = try connection.scalar("SELECT 1 FROM coop_migrations WHERE name = ?", [migration.name], as: Int64.self)
                guard already == nil else { return }
                try migration.apply(connection)
                try connection.execute(
                    "INSERT INTO coop_migrations (name, applied_at) VALUES (?, ?)",
                    [migration.name, Instant.now().iso8601]
                )
                done.append(migration.name)
            }
        }
        return done
    }
}
