import Foundation

/// What every domain service needs: the database, the clock and the co-op's time zone.
public struct CoopContext: Sendable {
    public let database: DatabasePool
    public let clock: any CoopClock
    /// Due dates, membership ends and pickup dates are local dates in this zone (`COOP_TZ`).
    public let timeZone: TimeZone

    public init(database: DatabasePool, clock: any CoopClock = SystemClock(), timeZone: TimeZone) {
        self.database = database
        self.clock = clock
        self.timeZone = timeZone
    }

    public func now() -> Instant { clock.now() }

    /// Today in the co-op's time zone.
    public func today() -> LocalDate { clock.now().localDate(in: timeZone) }
}

/// Per-name counters that only go up, for identifiers that are never reused (member numbers).
public enum Sequences {
    /// Registers the table every domain shares.
    public static func register(in migrator: inout Migrator) {
        migrator.register("core.1", sql: """
            CREATE TABLE coop_sequences (
                name TEXT PRIMARY KEY,
                value INTEGER NOT NULL
            );
            """)
    }

    /// The next value of `name` (1 for the first); call inside a write transaction.
    public static func next(_ name: String, in connection: Connection) throws -> Int64 {
        try connection.execute(
            "INSERT INTO coop_sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
            [name])
        guard let value = try connection.scalar("SELECT value FROM coop_sequences WHERE name = ?", [name], as: Int64.self) else {
            throw DatabaseError.misuse("sequence \(name) vanished")
        }
        return value
    }
}
