import CSQLite
import Dispatch
import Foundation
import Testing

@testable import CoopCore

@Suite struct DatabasePoolTests {
    struct Boom: Error {}

    private func createTable(_ pool: DatabasePool) async throws {
        try await pool.write { db in
            try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER NOT NULL)")
        }
    }

    private func count(_ pool: DatabasePool) async throws -> Int64? {
        try await pool.read { try $0.scalar("SELECT count(*) FROM t", as: Int64.self) }
    }

    @Test func writerAndReadersAreInWALModeWithForeignKeys() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            #expect(try await pool.writeWithoutTransaction { try $0.scalar("PRAGMA journal_mode", as: String.self) } == "wal")
            #expect(try await pool.read { try $0.scalar("PRAGMA journal_mode", as: String.self) } == "wal")
            #expect(try await pool.writeWithoutTransaction { try $0.scalar("PRAGMA foreign_keys", as: Int64.self) } == 1)
            #expect(try await pool.read { try $0.scalar("PRAGMA foreign_keys", as: Int64.self) } == 1)
            #expect(try await pool.writeWithoutTransaction { try $0.scalar("PRAGMA synchronous", as: Int64.self) } == 1)
        }
    }

    @Test func synchronousFullPool() async throws {
        try await TemporaryDatabase.withPool(synchronousFull: true) { pool async throws in
            #expect(try await pool.writeWithoutTransaction { try $0.scalar("PRAGMA synchronous", as: Int64.self) } == 2)
        }
    }

    @Test func aFullDurabilityWriteIsFsyncedAndLeavesOthersAtNormal() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            let during = try await pool.write(durability: .full) { db in
                try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                return try db.scalar("PRAGMA synchronous", as: Int64.self)
            }
            #expect(during == 2, "FULL while the board's transaction commits")
            #expect(try await pool.write { try $0.scalar("PRAGMA synchronous", as: Int64.self) } == 1, "NORMAL again after it")
            // A throwing body rolls back and still puts the setting back.
            await #expect(throws: DatabaseError.self) {
                try await pool.write(durability: .full) { db in try db.execute("INSERT INTO no_such_table VALUES (1)") }
            }
            #expect(try await pool.write { try $0.scalar("PRAGMA synchronous", as: Int64.self) } == 1)
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM t", as: Int64.self) } == 1)
        }
    }

    @Test func openingInAMissingFolderThrows() {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("coop-no-such-folder-\(UUID().uuidString)/db.sqlite").path
        let error = expectDatabaseError { try DatabasePool(path: path) }
        #expect(error?.code == SQLITE_CANTOPEN)
    }

    @Test func writeRunsInATransactionAndReturnsItsValue() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            let (id, inTransaction) = try await pool.write { db in
                try db.execute("INSERT INTO t (x) VALUES (?)", [7])
                return (db.lastInsertRowID, db.isInTransaction)
            }
            #expect(id == 1)
            #expect(inTransaction)
            #expect(try await pool.writeWithoutTransaction { $0.isInTransaction } == false)
            #expect(try await pool.read { try $0.scalar("SELECT x FROM t WHERE id = ?", [id], as: Int64.self) } == 7)
        }
    }

    @Test func aWriteThatThrowsRollsBackEverythingItWrote() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            try await pool.write { try $0.execute("INSERT INTO t (x) VALUES (?)", [1]) }
            await #expect(throws: Boom.self) {
                try await pool.write { db in
                    try db.execute("INSERT INTO t (x) VALUES (?)", [2])
                    try db.execute("UPDATE t SET x = 100")
                    try db.execute("CREATE TABLE side (y INTEGER)")
                    throw Boom()
                }
            }
            let rows = try await pool.read { db in try db.query("SELECT x FROM t").map { try $0.get("x", as: Int64.self) } }
            #expect(rows == [1])
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'side'", as: Int64.self) } == 0)
            // The writer is not left inside a transaction.
            #expect(try await pool.writeWithoutTransaction { $0.isInTransaction } == false)
            try await pool.write { try $0.execute("INSERT INTO t (x) VALUES (?)", [3]) }
            #expect(try await count(pool) == 2)
        }
    }

    @Test func aWriteThatFailsOnAConstraintRollsBackItsEarlierStatements() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await pool.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER NOT NULL UNIQUE)") }
            let error = await #expect(throws: DatabaseError.self) {
                try await pool.write { db in
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                    try db.execute("INSERT INTO t (x) VALUES (?)", [2])
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                }
            }
            #expect(error?.isUniqueViolation == true)
            #expect(try await count(pool) == 0)
        }
    }

    @Test func aCommitRefusedByADeferredConstraintRollsBack() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await pool.write { db in
                try db.execute("""
                    CREATE TABLE member (id INTEGER PRIMARY KEY);
                    CREATE TABLE loan (id INTEGER PRIMARY KEY,
                        member_id INTEGER NOT NULL REFERENCES member(id) DEFERRABLE INITIALLY DEFERRED);
                    """)
            }
            // The orphan is only detected at COMMIT; the write must still end rolled back, not left open.
            let error = await #expect(throws: DatabaseError.self) {
                try await pool.write { try $0.execute("INSERT INTO loan (member_id) VALUES (?)", [42]) }
            }
            #expect(error?.extendedCode == 787)
            #expect(try await pool.writeWithoutTransaction { $0.isInTransaction } == false)
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM loan", as: Int64.self) } == 0)
            try await pool.write { db in
                try db.execute("INSERT INTO loan (member_id) VALUES (?)", [1])
                try db.execute("INSERT INTO member (id) VALUES (?)", [1])
            }
            #expect(try await pool.read { try $0.scalar("SELECT count(*) FROM loan", as: Int64.self) } == 1)
        }
    }

    @Test func concurrentWritersAreSerialized() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await pool.write { db in
                try db.execute("CREATE TABLE counter (value INTEGER NOT NULL)")
                try db.execute("INSERT INTO counter (value) VALUES (0)")
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await pool.write { db in
                            // Read, then write back: lost updates would show if two writes interleaved.
                            let value = try #require(try db.scalar("SELECT value FROM counter", as: Int64.self))
                            try db.execute("UPDATE counter SET value = ?", [value + 1])
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await pool.read { try $0.scalar("SELECT value FROM counter", as: Int64.self) } == 50)
        }
    }

    @Test func writersOfTwoPoolsOnOneFileAreSerializedByTheWriteLock() async throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        let first = try DatabasePool(path: path, readerCount: 1)
        try await first.write { db in
            try db.execute("CREATE TABLE counter (value INTEGER NOT NULL)")
            try db.execute("INSERT INTO counter (value) VALUES (0)")
        }
        // Like a second process: its own writer connection, coordinated only by SQLite's lock.
        let second = try DatabasePool(path: path, readerCount: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<40 {
                let pool = i.isMultiple(of: 2) ? first : second
                group.addTask {
                    try await pool.write { db in
                        let value = try #require(try db.scalar("SELECT value FROM counter", as: Int64.self))
                        try db.execute("UPDATE counter SET value = ?", [value + 1])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await first.read { try $0.scalar("SELECT value FROM counter", as: Int64.self) } == 40)
    }

    @Test func aReadAfterARolledBackWriteSeesNothing() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            await #expect(throws: Boom.self) {
                try await pool.write { db in
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                    throw Boom()
                }
            }
            #expect(try await count(pool) == 0)
        }
    }

    @Test func aReaderDoesNotSeeRowsOfAnOpenWriteTransaction() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            let (inserted, signalInserted) = AsyncStream<Void>.makeStream()
            let release = DispatchSemaphore(value: 0)
            let writer = Task {
                try await pool.write { db in
                    try db.execute("INSERT INTO t (x) VALUES (?)", [1])
                    signalInserted.yield()
                    // Hold the transaction open until the reader has looked (bounded, so a bug cannot hang).
                    _ = release.wait(timeout: .now() + .seconds(10))
                }
            }
            var events = inserted.makeAsyncIterator()
            _ = await events.next()
            let during = try await count(pool)
            release.signal()
            try await writer.value
            #expect(during == 0)
            #expect(try await count(pool) == 1)
        }
    }

    @Test func aReadSeesOneSnapshotEvenWhileAWriteCommits() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            let (started, signalStarted) = AsyncStream<Void>.makeStream()
            let committed = DispatchSemaphore(value: 0)
            let reader = Task {
                try await pool.read { db in
                    let before = try db.scalar("SELECT count(*) FROM t", as: Int64.self)
                    signalStarted.yield()
                    _ = committed.wait(timeout: .now() + .seconds(10))
                    let after = try db.scalar("SELECT count(*) FROM t", as: Int64.self)
                    return (before, after)
                }
            }
            var events = started.makeAsyncIterator()
            _ = await events.next()
            try await pool.write { try $0.execute("INSERT INTO t (x) VALUES (?)", [1]) }
            committed.signal()
            let (before, after) = try await reader.value
            #expect(before == 0)
            #expect(after == 0)
            #expect(try await count(pool) == 1)
        }
    }

    @Test func readersCannotWrite() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            try await createTable(pool)
            let error = await #expect(throws: DatabaseError.self) {
                try await pool.read { try $0.execute("INSERT INTO t (x) VALUES (?)", [1]) }
            }
            #expect(error?.code == SQLITE_READONLY)
            #expect(try await count(pool) == 0)
        }
    }

    @Test func manyConcurrentReadsAcrossReaders() async throws {
        try await TemporaryDatabase.withPool(readerCount: 3) { pool async throws in
            try await createTable(pool)
            try await pool.write { db in
                for i in 1...10 { try db.execute("INSERT INTO t (x) VALUES (?)", [i]) }
            }
            let sums = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await pool.read { try $0.scalar("SELECT sum(x) FROM t", as: Int64.self) } }
                }
                var sums: [Int64?] = []
                for try await sum in group { sums.append(sum) }
                return sums
            }
            #expect(sums == Array(repeating: 55, count: 30))
        }
    }
}
