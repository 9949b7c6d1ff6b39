import Synchronization

/// The database: one writer connection and a few reader connections over one SQLite file in WAL mode.
///
/// Writes are serialized by the writer's owner and each runs in `BEGIN IMMEDIATE`; readers run in
/// parallel and see only committed data. Closures are `@Sendable` and results `Sendable`, so no
/// connection ever leaves its owner.
public final class DatabasePool: Sendable {
    public let path: String
    private let writer: ConnectionOwner
    private let readers: [ConnectionOwner]
    private let nextReader = Counter()
    private let changes: ChangeTracker
    /// A connection of its own for `PRAGMA data_version`, so that the check never waits behind a
    /// long read (an export, a board verification) on a reader.
    private let versionReader: ConnectionOwner

    /// Opens (creating if needed) the database file.
    /// - Parameters:
    ///   - path: the file; it is created with WAL journaling.
    ///   - readerCount: connections for concurrent reads.
    ///   - synchronousFull: fsync every commit, for data that must survive a power cut (the voting board).
    ///   - changeCheckInterval: how often `generation()` asks SQLite whether another process wrote
    ///     (tests set zero to check on every call).
    public init(path: String, readerCount: Int = 4, synchronousFull: Bool = false,
                changeCheckInterval: Duration = .milliseconds(50)) throws {
        self.path = path
        changes = ChangeTracker(interval: changeCheckInterval)
        var writerOptions = Connection.Options()
        writerOptions.synchronousFull = synchronousFull
        writer = try ConnectionOwner(path: path, options: writerOptions, label: "coop.db.writer")
        var readerOptions = Connection.Options()
        readerOptions.readOnly = true
        readers = try (0..<max(1, readerCount)).map {
            try ConnectionOwner(path: path, options: readerOptions, label: "coop.db.reader\($0)")
        }
        versionReader = try ConnectionOwner(path: path, options: readerOptions, label: "coop.db.version")
    }

    /// How a write's commit must survive a crash.
    public enum Durability: Sendable {
        /// The pool's setting: with WAL and `synchronous=NORMAL`, a commit survives a crash of the
        /// process; a power cut may lose the last commits, never corrupt the file.
        case normal
        /// The commit is fsynced before `write` returns (`synchronous=FULL`): it survives a power cut
        /// (the voting board, whose receipts voters keep).
        case full
    }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    ///
    /// With `.full` on a pool opened with `synchronous=NORMAL`, the pragma is raised just before `BEGIN`
    /// and put back after `COMMIT` (SQLite refuses to change it inside a transaction), so other writes
    /// keep their speed.
    public func write<T: Sendable>(durability: Durability = .normal,
                                   _ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        defer { changes.bump() }
        return try await writer.run { connection in
            guard durability == .full else { return try connection.transaction { try body(connection) } }
            let previous = try connection.scalar("PRAGMA synchronous", as: Int64.self) ?? 1
            let raise = previous < 2
            if raise { try connection.execute("PRAGMA synchronous = FULL") }
            defer { if raise { try? connection.execute("PRAGMA synchronous = \(previous)") } }
            return try connection.transaction { try body(connection) }
        }
    }

    /// Runs `body` on the writer connection outside any transaction (migrations, pragmas, backups).
    public func writeWithoutTransaction<T: Sendable>(_ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        defer { changes.bump() }
        return try await writer.run(body)
    }

    /// A number that changes whenever committed data may have changed, for keying caches of reads:
    /// at once for writes through this pool (before `write` returns), within the change check interval
    /// (50 ms by default) for writes by other processes. Most calls touch no connection.
    public func generation() async -> UInt64 {
        let (generation, checkDue) = changes.current(at: .now)
        guard checkDue else { return generation }
        let version = try? await versionReader.run { try $0.scalar("PRAGMA data_version", as: Int64.self) }
        return changes.checked(version ?? nil, at: .now)
    }

    /// Runs `body` on a reader connection outside a transaction (the backup API takes its own locks).
    func readWithoutTransaction<T: Sendable>(_ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        try await readers[nextReader.next() % readers.count].run(body)
    }

    /// Runs `body` on a reader connection, in one consistent snapshot.
    public func read<T: Sendable>(_ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        let owner = readers[nextReader.next() % readers.count]
        return try await owner.run { connection in try connection.readTransaction { try body(connection) } }
    }
}

/// A thread-safe round-robin counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock { v in
            v &+= 1
            return v & Int.max
        }
    }
}
