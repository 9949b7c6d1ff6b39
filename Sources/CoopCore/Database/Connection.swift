import CSQLite

/// One SQLite connection. Never shared between threads: a `ConnectionOwner` actor confines it, and
/// domain code only meets it inside a `DatabasePool.read` or `write` closure.
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    private var statementCache: [String: Statement] = [:]

    /// How the connection is opened and tuned.
    public struct Options: Sendable {
        public var readOnly = false
        /// `NORMAL` is durable in WAL mode against process crashes; `FULL` also against power loss.
        public var synchronousFull = false
        public var busyTimeoutMilliseconds: Int32 = 5_000
        public init() {}
    }

    public init(path: String, options: Options = Options()) throws {
        var handle: OpaquePointer?
        // NOMUTEX: the owner serializes access, SQLite's own mutex would only cost time.
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        flags |= options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let handle { sqlite3_close_v2(handle) }
            throw DatabaseError(extendedCode: rc, message: message, sql: nil)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, options.busyTimeoutMilliseconds)
        try registerReadingOrder()
        if !options.readOnly {
            try execute("PRAGMA journal_mode = WAL")
        }
        try execute("PRAGMA foreign_keys = ON")
        try execute(options.synchronousFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// A prepared statement kept for the life of the connection: hot queries are parsed once.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try Statement(connection: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs one or more statements that take no arguments (schema, pragmas).
    public func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql: sql) }
    }

    /// Runs one statement with arguments.
    public func execute(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
        try cachedStatement(sql).execute(arguments)
    }

    public func query(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> [Row] {
        try cachedStatement(sql).rows(arguments)
    }

    public func queryOne(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> Row? {
        var first: Row?
        try cachedStatement(sql).forEach(arguments) { row in
            if first == nil { first = row }
        }
        return first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    public func scalar<T: DatabaseValueConvertible>(
        _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], as type: T.Type = T.self
    ) throws -> T? {
        guard let row = try queryOne(sql, arguments), !row.values.isEmpty, row.values[0] != .null else { return nil }
        return try row.get(0)
    }

    public func forEach(_ sql: String, _ arguments: [any DatabaseValueConvertible] = [], _ body: (Row) throws -> Void) throws {
        try cachedStatement(sql).forEach(arguments, body)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back on any thrown error.
    ///
    /// IMMEDIATE takes the write lock up front, so a check ("is this unit free?") and the write it
    /// guards can never interleave with another writer, in this process or another.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// A read snapshot: every query in `body` sees the same committed state.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED")
        defer { if isInTransaction { try? execute("COMMIT") } }
        return try body()
    }

    func error(_ rc: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        return DatabaseError(
            extendedCode: extended == 0 ? rc : extended,
            message: String(cString: sqlite3_errmsg(handle)),
            sql: sql
        )
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
