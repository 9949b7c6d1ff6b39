import CSQLite

/// An error reported by SQLite, with the extended result code, SQLite's message and the SQL that failed.
///
/// Bound values are never part of the description: they may be personal data.
public struct DatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE` is 2067).
    public let extendedCode: Int32
    /// SQLite's own message.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended code).
    public var code: Int32 { extendedCode & 0xFF }

    public var description: String {
        if let sql { return "SQLite error \(extendedCode): \(message) — \(sql)" }
        return "SQLite error \(extendedCode): \(message)"
    }

    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
    /// SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555): macros Swift cannot import.
    public var isUniqueViolation: Bool { extendedCode == 2067 || extendedCode == 1555 }
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// The file could not be opened or created (a folder that does not exist, a path that is a folder).
    public var isCannotOpen: Bool { code == SQLITE_CANTOPEN }
    /// The file is not an SQLite database.
    public var isNotADatabase: Bool { code == SQLITE_NOTADB }
    /// The file or its folder may not be written to.
    public var isReadOnly: Bool { code == SQLITE_READONLY || code == SQLITE_PERM }

    /// Errors raised by this layer rather than by SQLite (a value of the wrong type, a missing column).
    public static func misuse(_ message: String, sql: String? = nil) -> DatabaseError {
        DatabaseError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    public static func == (lhs: DatabaseError, rhs: DatabaseError) -> Bool {
        lhs.extendedCode == rhs.extendedCode && lhs.message == rhs.message && lhs.sql == rhs.sql
    }
}
