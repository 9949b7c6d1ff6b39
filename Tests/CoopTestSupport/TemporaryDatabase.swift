import CoopCore
import Foundation

/// A database file of its own in a fresh temporary folder, with the given schemas migrated; the folder
/// is removed when the value is released. Every domain's tests start from one.
public final class TemporaryDatabase: Sendable {
    public let directory: URL
    public let pool: DatabasePool
    /// Stands where the test put it, and moves only when the test moves it.
    public let clock: FixedClock
    /// The pool, the clock and the co-op's time zone, as the services take them.
    public let context: CoopContext

    /// - Parameters:
    ///   - name: part of the folder's name, to tell test runs apart when one is left behind.
    ///   - schemas: the domains' `register(in:)` functions, in dependency order.
    ///   - start: where the clock stands; `timeZone`: the co-op's.
    public init(
        _ name: String, readers: Int = 2, schemas: [(inout Migrator) -> Void], start: Instant = Instant(milliseconds: 0),
        timeZone: TimeZone = .gmt
    ) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coop-\(name)-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let pool = try DatabasePool(path: directory.appendingPathComponent("coop.sqlite").path, readerCount: readers)
            var migrator = Migrator()
            for register in schemas { register(&migrator) }
            try await migrator.migrate(pool)
            self.pool = pool
            clock = FixedClock(start)
            context = CoopContext(database: pool, clock: clock, timeZone: timeZone)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        self.directory = directory
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Rows of `table` matching the SQL `condition`.
    public func count(_ table: String, where condition: String = "1") async throws -> Int {
        try await pool.read { db in try db.scalar("SELECT count(*) FROM \(table) WHERE \(condition)", as: Int.self) ?? 0 }
    }

    /// Every row of each table, to compare before and after a refused request.
    /// - Parameter order: the `ORDER BY` that makes the comparison stable (`1, 2` for tables without rowid).
    public func snapshot(_ tables: [String], order: String = "rowid") async throws -> [String: [[DatabaseValue]]] {
        try await pool.read { db in
            var rows: [String: [[DatabaseValue]]] = [:]
            for table in tables { rows[table] = try db.query("SELECT * FROM \(table) ORDER BY \(order)").map(\.values) }
            return rows
        }
    }
}

/// A domain's test database: its temporary file, clock and context, and the reads every domain's tests
/// share.
public protocol DatabaseFixture: Sendable {
    var storage: TemporaryDatabase { get }
}

extension DatabaseFixture {
    public var directory: URL { storage.directory }
    public var pool: DatabasePool { storage.pool }
    public var clock: FixedClock { storage.clock }
    public var context: CoopContext { storage.context }
}
