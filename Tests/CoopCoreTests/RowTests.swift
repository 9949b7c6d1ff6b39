import CSQLite
import Foundation
import Testing

@testable import CoopCore

@Suite struct RowTests {
    /// One row holding each storage class, written through bound arguments and read back.
    private func withSampleRow<T>(_ body: (Row) throws -> T) throws -> T {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE v (i INTEGER, r REAL, t TEXT, b BLOB, n INTEGER, flag INTEGER)")
            try db.execute(
                "INSERT INTO v (i, r, t, b, n, flag) VALUES (?, ?, ?, ?, ?, ?)",
                [Int64(-9_007_199_254_740_993), 2.5, "Robe d’époque ✂︎", [UInt8]([0, 1, 0xFE, 0xFF]), Int64?.none, true])
            return try body(try #require(try db.queryOne("SELECT i, r, t, b, n, flag FROM v")))
        }
    }

    @Test func decodesEveryStorageClass() throws {
        try withSampleRow { row throws in
            #expect(row.columnNames == ["i", "r", "t", "b", "n", "flag"])
            #expect(row.values == [
                .integer(-9_007_199_254_740_993), .real(2.5), .text("Robe d’époque ✂︎"), .blob([0, 1, 0xFE, 0xFF]),
                .null, .integer(1),
            ])
            #expect(try row.get("i", as: Int64.self) == -9_007_199_254_740_993)
            #expect(try row.get("i", as: Int.self) == -9_007_199_254_740_993)
            #expect(try row.get("r", as: Double.self) == 2.5)
            #expect(try row.get("t", as: String.self) == "Robe d’époque ✂︎")
            #expect(try row.get("b", as: [UInt8].self) == [0, 1, 0xFE, 0xFF])
            #expect(try row.get("flag", as: Bool.self) == true)
            #expect(try row.get("n", as: DatabaseValue.self) == .null)
            #expect(try row.get(2, as: String.self) == "Robe d’époque ✂︎")
            #expect(row["t"] == .text("Robe d’époque ✂︎"))
            #expect(row[1] == .real(2.5))
        }
    }

    @Test func nullDecodesToNilOptionalAndValuesToSome() throws {
        try withSampleRow { row throws in
            #expect(try row.get("n", as: Int64?.self) == .some(nil))
            #expect(try row.get("n", as: String?.self) == .some(nil))
            #expect(try row.get("n", as: [UInt8]?.self) == .some(nil))
            #expect(try row.get("i", as: Int64?.self) == -9_007_199_254_740_993)
            #expect(try row.get("t", as: String?.self) == "Robe d’époque ✂︎")
        }
    }

    @Test func nullIntoANonOptionalThrows() throws {
        try withSampleRow { row throws in
            let error = expectDatabaseError { try row.get("n", as: Int64.self) }
            #expect(error?.code == SQLITE_MISUSE)
            #expect(error?.message.contains("NULL") == true)
        }
    }

    @Test func typeMismatchThrowsDatabaseError() throws {
        try withSampleRow { row throws in
            for error in [
                expectDatabaseError { try row.get("t", as: Int64.self) },
                expectDatabaseError { try row.get("i", as: String.self) },
                expectDatabaseError { try row.get("r", as: Int.self) },
                expectDatabaseError { try row.get("t", as: [UInt8].self) },
                expectDatabaseError { try row.get("b", as: String.self) },
                expectDatabaseError { try row.get("t", as: Bool.self) },
                expectDatabaseError { try row.get("t", as: Int64?.self) },
                expectDatabaseError { try row.get("r", as: Money.self) },
            ] {
                #expect(error?.code == SQLITE_MISUSE)
            }
            let error = expectDatabaseError { try row.get("t", as: Int64.self) }
            #expect(error?.message.contains("column t holds TEXT") == true)
        }
    }

    @Test func doubleAcceptsAnInteger() throws {
        try withSampleRow { row throws in
            #expect(try row.get("flag", as: Double.self) == 1.0)
        }
    }

    @Test func missingColumnThrowsButSubscriptIsNull() throws {
        try withSampleRow { row throws in
            let byName = expectDatabaseError { try row.get("nope", as: Int64.self) }
            #expect(byName?.message.contains("no column nope") == true)
            let byIndex = expectDatabaseError { try row.get(6, as: Int64.self) }
            #expect(byIndex?.code == SQLITE_MISUSE)
            expectDatabaseError { try row.get(-1, as: Int64.self) }
            #expect(row["nope"] == .null)
        }
    }

    @Test func duplicateColumnNamesResolveToTheFirst() throws {
        try TemporaryDatabase.withConnection { db throws in
            let row = try #require(try db.queryOne("SELECT 1 AS x, 2 AS x"))
            #expect(row.columnNames == ["x", "x"])
            #expect(try row.get("x", as: Int.self) == 1)
            #expect(try row.get(1, as: Int.self) == 2)
        }
    }

    @Test func boolIsStoredAsZeroOrOne() throws {
        try TemporaryDatabase.withConnection { db throws in
            #expect(try db.scalar("SELECT ?", [false], as: Int64.self) == 0)
            #expect(try db.scalar("SELECT ?", [true], as: Int64.self) == 1)
            #expect(try db.scalar("SELECT 0", as: Bool.self) == false)
            #expect(try db.scalar("SELECT 7", as: Bool.self) == true)
        }
    }

    @Test func domainValuesRoundTrip() throws {
        try TemporaryDatabase.withConnection { db throws in
            let money = Money(cents: -1_234_56)
            let instant = Instant(milliseconds: 1_796_047_500_123)
            let day = try #require(LocalDate(iso8601: "2026-02-28"))
            let row = try #require(try db.queryOne("SELECT ? AS m, ? AS i, ? AS d", [money, instant, day]))
            #expect(row["m"] == .integer(-1_234_56))
            #expect(row["i"] == .text(instant.iso8601))
            #expect(row["d"] == .text("2026-02-28"))
            #expect(try row.get("m", as: Money.self) == money)
            #expect(try row.get("i", as: Instant.self) == instant)
            #expect(try row.get("d", as: LocalDate.self) == day)
            expectDatabaseError { try row.get("m", as: Instant.self) }
            expectDatabaseError { try row.get("i", as: Money.self) }
        }
    }

    @Test func emptyTextAndEmptyBlobAreNotNull() throws {
        try TemporaryDatabase.withConnection { db throws in
            let row = try #require(try db.queryOne("SELECT ? AS t, ? AS b, typeof(?) AS bt", ["", [UInt8](), [UInt8]()]))
            #expect(row["t"] == .text(""))
            #expect(row["bt"] == .text("blob"))
            #expect(row["b"] == .blob([]))
        }
    }

    @Test func extremeNumbersRoundTrip() throws {
        try TemporaryDatabase.withConnection { db throws in
            let row = try #require(try db.queryOne("SELECT ? AS a, ? AS b, ? AS c", [Int64.max, Int64.min, -0.000_001]))
            #expect(try row.get("a", as: Int64.self) == .max)
            #expect(try row.get("b", as: Int64.self) == .min)
            #expect(try row.get("c", as: Double.self) == -0.000_001)
        }
    }

    /// A Swift String may hold U+0000 (a pasted form field): binding with length -1 or reading with
    /// `String(cString:)` would silently cut it there.
    @Test func textWithAnEmbeddedNULRoundTrips() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (x TEXT)")
            let text = "avant\u{0}après"
            try db.execute("INSERT INTO t (x) VALUES (?)", [text])
            #expect(try db.scalar("SELECT length(CAST(x AS BLOB)) FROM t", as: Int64.self) == Int64(text.utf8.count))
            #expect(try db.scalar("SELECT x FROM t", as: String.self) == text)
        }
    }
}
