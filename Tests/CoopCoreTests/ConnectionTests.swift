import CSQLite
import Foundation
import Testing

@testable import CoopCore

@Suite struct ConnectionTests {
    struct Boom: Error {}

    @Test func opensInWALModeWithForeignKeysAndNormalSync() throws {
        try TemporaryDatabase.withConnection { db throws in
            #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "wal")
            #expect(try db.scalar("PRAGMA foreign_keys", as: Int64.self) == 1)
            #expect(try db.scalar("PRAGMA synchronous", as: Int64.self) == 1)  // NORMAL
            #expect(try db.scalar("PRAGMA busy_timeout", as: Int64.self) == 5_000)
        }
    }

    @Test func synchronousFullOption() throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        var options = Connection.Options()
        options.synchronousFull = true
        let db = try Connection(path: path, options: options)
        #expect(try db.scalar("PRAGMA synchronous", as: Int64.self) == 2)  // FULL
    }

    @Test func openingAMissingFileReadOnlyFails() {
        var options = Connection.Options()
        options.readOnly = true
        let error = expectDatabaseError { try Connection(path: TemporaryDatabase.makePath(), options: options) }
        #expect(error?.code == SQLITE_CANTOPEN)
    }

    @Test func transactionCommitsWhenTheBodyReturns() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            let result = try db.transaction {
                #expect(db.isInTransaction)
                try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                return "done"
            }
            #expect(result == "done")
            #expect(!db.isInTransaction)
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 1)
        }
    }

    @Test func transactionRollsBackEverythingWhenTheBodyThrows() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            #expect(throws: Boom.self) {
                try db.transaction {
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                    try db.execute("INSERT INTO t (x) VALUES (?)", [2])
                    try db.execute("CREATE TABLE u (y)")
                    throw Boom()
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 0)
            #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'u'", as: Int64.self) == 0)
        }
    }

    @Test func transactionRollsBackWhenAStatementFails() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
            let error = expectDatabaseError {
                try db.transaction {
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 0)
            // The connection is usable afterwards.
            try db.transaction { try db.execute("INSERT INTO t (x) VALUES (?)", [1]) }
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 1)
        }
    }

    @Test func aSecondWriterWaitsThenReportsBusy() throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        let first = try Connection(path: path)
        try first.execute("CREATE TABLE t (x INTEGER)")
        var options = Connection.Options()
        options.busyTimeoutMilliseconds = 50
        let second = try Connection(path: path, options: options)
        try first.execute("BEGIN IMMEDIATE")
        let error = expectDatabaseError { try second.transaction { try second.execute("INSERT INTO t (x) VALUES (?)", [1]) } }
        #expect(error?.isBusy == true)
        #expect(error?.isConstraintViolation == false)
        #expect(!second.isInTransaction)
        try first.execute("COMMIT")
        try second.transaction { try second.execute("INSERT INTO t (x) VALUES (?)", [1]) }
        #expect(try first.scalar("SELECT count(*) FROM t", as: Int64.self) == 1)
    }

    @Test func cachedStatementIsPreparedOnceAndReused() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            let sql = "INSERT INTO t (x) VALUES (?)"
            let first = try db.cachedStatement(sql)
            #expect(try db.cachedStatement(sql) === first)
            #expect(try db.cachedStatement("SELECT x FROM t") !== first)
            for i in 0..<10 { try db.execute(sql, [i]) }
            #expect(try db.cachedStatement(sql) === first)
            // The reused statement is rebound each time, not stuck on its first arguments.
            let values = try db.query("SELECT x FROM t ORDER BY x").map { try $0.get(0, as: Int.self) }
            #expect(values == Array(0..<10))
            let query = "SELECT x FROM t WHERE x >= ? ORDER BY x"
            #expect(try db.query(query, [8]).count == 2)
            #expect(try db.query(query, [5]).count == 5)
            #expect(try db.queryOne(query, [9])?.get("x", as: Int.self) == 9)
        }
    }

    @Test func statementIsUsableAgainAfterAFailedStep() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
            let sql = "INSERT INTO t (x) VALUES (?)"
            try db.execute(sql, [1])
            expectDatabaseError { try db.execute(sql, [1]) }
            try db.execute(sql, [2])
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 2)
        }
    }

    @Test func queryStoppedEarlyIsResetAndDoesNotHoldARead() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            for i in 1...3 { try db.execute("INSERT INTO t (x) VALUES (?)", [i]) }
            let sql = "SELECT x FROM t ORDER BY x"
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try db.forEach(sql) { _ in throw Stop() }
            }
            // A statement left mid-iteration keeps its read open (and blocks WAL checkpoints).
            #expect(sqlite3_stmt_busy(try db.cachedStatement(sql).handle) == 0)
            _ = try db.queryOne(sql)
            #expect(sqlite3_stmt_busy(try db.cachedStatement(sql).handle) == 0)
            #expect(try db.query(sql).map { try $0.get(0, as: Int.self) } == [1, 2, 3])
        }
    }

    @Test func wrongArgumentCountIsAMisuseError() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER, y INTEGER)")
            let error = expectDatabaseError { try db.execute("INSERT INTO t (x, y) VALUES (?, ?)", [1]) }
            #expect(error?.code == SQLITE_MISUSE)
            #expect(error?.sql == "INSERT INTO t (x, y) VALUES (?, ?)")
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 0)
        }
    }

    @Test func syntaxErrorCarriesTheSQLAndSQLitesMessage() throws {
        try TemporaryDatabase.withConnection { db throws in
            let error = expectDatabaseError { try db.query("SELEC 1") }
            #expect(error?.code == SQLITE_ERROR)
            #expect(error?.sql == "SELEC 1")
            #expect(error?.message.contains("syntax error") == true)
            let missing = expectDatabaseError { try db.execute("INSERT INTO nowhere VALUES (1)") }
            #expect(missing?.message.contains("no such table") == true)
        }
    }

    @Test func uniqueAndPrimaryKeyViolationsAreUniqueViolations() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE m (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT NOT NULL)")
            try db.execute("INSERT INTO m (id, email, name) VALUES (?, ?, ?)", [1, "a@example.org", "A"])

            let unique = expectDatabaseError {
                try db.execute("INSERT INTO m (id, email, name) VALUES (?, ?, ?)", [2, "a@example.org", "B"])
            }
            #expect(unique?.extendedCode == 2067)
            #expect(unique?.isUniqueViolation == true)
            #expect(unique?.isConstraintViolation == true)

            let primaryKey = expectDatabaseError {
                try db.execute("INSERT INTO m (id, email, name) VALUES (?, ?, ?)", [1, "b@example.org", "B"])
            }
            #expect(primaryKey?.extendedCode == 1555)
            #expect(primaryKey?.isUniqueViolation == true)

            // NOT NULL is a constraint, but not a unique one: callers must not report "already taken".
            let notNull = expectDatabaseError {
                try db.execute("INSERT INTO m (id, email, name) VALUES (?, ?, ?)", [3, "c@example.org", String?.none])
            }
            #expect(notNull?.isConstraintViolation == true)
            #expect(notNull?.isUniqueViolation == false)
        }
    }

    @Test func errorDescriptionNeverContainsBoundValues() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE m (email TEXT UNIQUE)")
            let secret = "jeanne.tremblay@example.org"
            try db.execute("INSERT INTO m (email) VALUES (?)", [secret])
            let error = try #require(expectDatabaseError { try db.execute("INSERT INTO m (email) VALUES (?)", [secret]) })
            #expect(!error.description.contains(secret))
            #expect(!error.message.contains(secret))
            #expect(error.description.contains("INSERT INTO m (email) VALUES (?)"))
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("""
                CREATE TABLE member (id INTEGER PRIMARY KEY);
                CREATE TABLE loan (id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES member(id));
                """)
            try db.execute("INSERT INTO member (id) VALUES (?)", [1])
            try db.execute("INSERT INTO loan (id, member_id) VALUES (?, ?)", [1, 1])

            let orphan = expectDatabaseError { try db.execute("INSERT INTO loan (id, member_id) VALUES (?, ?)", [2, 42]) }
            #expect(orphan?.extendedCode == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(orphan?.isConstraintViolation == true)
            #expect(orphan?.isUniqueViolation == false)

            expectDatabaseError { try db.execute("DELETE FROM member WHERE id = ?", [1]) }
            #expect(try db.scalar("SELECT count(*) FROM member", as: Int64.self) == 1)
        }
    }

    @Test func changesAndLastInsertRowID() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER)")
            try db.execute("INSERT INTO t (x) VALUES (?)", [10])
            #expect(db.lastInsertRowID == 1)
            try db.execute("INSERT INTO t (x) VALUES (?)", [20])
            #expect(db.lastInsertRowID == 2)
            try db.execute("UPDATE t SET x = x + 1 WHERE x > ?", [0])
            #expect(db.changes == 2)
            try db.execute("DELETE FROM t WHERE id = ?", [99])
            #expect(db.changes == 0)
        }
    }

    @Test func scalarIsNilForNoRowAndForNull() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            #expect(try db.scalar("SELECT x FROM t", as: Int64.self) == nil)
            try db.execute("INSERT INTO t (x) VALUES (NULL)")
            #expect(try db.scalar("SELECT x FROM t", as: Int64.self) == nil)
            #expect(try db.scalar("SELECT count(*) FROM t", as: Int64.self) == 1)
            // A value of another type is an error, not a silent nil.
            expectDatabaseError { try db.scalar("SELECT 'text'", as: Int64.self) }
        }
    }

    @Test func queryOneReturnsTheFirstRow() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            #expect(try db.queryOne("SELECT x FROM t") == nil)
            for i in [3, 1, 2] { try db.execute("INSERT INTO t (x) VALUES (?)", [i]) }
            #expect(try db.queryOne("SELECT x FROM t ORDER BY x")?.get("x", as: Int.self) == 1)
        }
    }

    @Test func readTransactionSeesOneSnapshotAndEnds() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x INTEGER)")
            let count = try db.readTransaction {
                #expect(db.isInTransaction)
                return try db.scalar("SELECT count(*) FROM t", as: Int64.self)
            }
            #expect(count == 0)
            #expect(!db.isInTransaction)
        }
    }

    /// SQLite re-prepares a cached `SELECT *` after a schema change (a migration on the writer), so the
    /// column names must be read again, not kept from the statement's first run.
    @Test func cachedSelectStarSeesAColumnAddedLater() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE item (code TEXT)")
            try db.execute("INSERT INTO item (code) VALUES (?)", ["T-0001"])
            #expect(try db.query("SELECT * FROM item").first?.columnNames == ["code"])

            try db.execute("ALTER TABLE item ADD COLUMN name TEXT NOT NULL DEFAULT 'Robe'")
            let row = try #require(try db.query("SELECT * FROM item").first)
            #expect(row.values.count == 2)
            #expect(row.columnNames == ["code", "name"])
            #expect(try row.get("name", as: String.self) == "Robe")
        }
    }
}
