import CSQLite

extension Connection {
    /// Copies this database into a new file with SQLite's online backup API. Writers on other
    /// connections go on meanwhile (WAL); the copy is one consistent snapshot.
    func backup(to path: String) throws {
        var destination: OpaquePointer?
        let rc = sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(destination) }
        guard rc == SQLITE_OK, let destination else {
            throw DatabaseError(extendedCode: rc, message: "cannot open backup file \(path)")
        }
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw DatabaseError(extendedCode: sqlite3_extended_errcode(destination), message: String(cString: sqlite3_errmsg(destination)))
        }
        // One step copies every page while holding a read snapshot; readers and the writer are not blocked in WAL mode.
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            throw DatabaseError(extendedCode: step == SQLITE_DONE ? finish : step, message: String(cString: sqlite3_errmsg(destination)))
        }
    }
}

extension DatabasePool {
    /// Writes a consistent copy of the database to `path` (which must not be in use) and checks it
    /// with `PRAGMA integrity_check`; returns SQLite's verdict (`ok` when sound).
    public func backup(to path: String) async throws -> String {
        try await readWithoutTransaction { connection in try connection.backup(to: path) }
        let copy = try Connection(path: path, options: { var o = Connection.Options(); o.readOnly = true; return o }())
        return try copy.scalar("PRAGMA integrity_check", as: String.self) ?? "unknown"
    }
}
