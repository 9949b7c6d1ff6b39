import Foundation
import Testing

@testable import CoopCore

@Suite struct SequencesTests {
    private func withSequences<T>(_ body: (DatabasePool) async throws -> T) async throws -> T {
        try await TemporaryDatabase.withPool { pool async throws in
            var migrator = Migrator()
            Sequences.register(in: &migrator)
            try await migrator.migrate(pool)
            return try await body(pool)
        }
    }

    @Test func startsAtOneAndIncrements() async throws {
        try await withSequences { pool async throws in
            var values: [Int64] = []
            for _ in 0..<5 {
                values.append(try await pool.write { try Sequences.next("member", in: $0) })
            }
            #expect(values == [1, 2, 3, 4, 5])
        }
    }

    @Test func namesCountIndependently() async throws {
        try await withSequences { pool async throws in
            let values = try await pool.write { db in
                [try Sequences.next("member", in: db), try Sequences.next("item", in: db),
                 try Sequences.next("member", in: db), try Sequences.next("invoice.2026", in: db)]
            }
            #expect(values == [1, 1, 2, 1])
        }
    }

    @Test func concurrentCallersNeverGetTheSameValue() async throws {
        try await withSequences { pool async throws in
            let values = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await pool.write { try Sequences.next("member", in: $0) } }
                }
                var values: [Int64] = []
                for try await value in group { values.append(value) }
                return values
            }
            #expect(values.sorted() == Array(1...40))
        }
    }

    @Test func valuesSurviveReopeningTheDatabase() async throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        do {
            let pool = try DatabasePool(path: path, readerCount: 1)
            try await migrator.migrate(pool)
            _ = try await pool.write { try Sequences.next("member", in: $0) }
            _ = try await pool.write { try Sequences.next("member", in: $0) }
        }
        let reopened = try DatabasePool(path: path, readerCount: 1)
        #expect(try await migrator.migrate(reopened).isEmpty)
        #expect(try await reopened.write { try Sequences.next("member", in: $0) } == 3)
    }

    @Test func aRolledBackWriteDoesNotAdvanceTheSequence() async throws {
        struct Boom: Error {}
        try await withSequences { pool async throws in
            #expect(try await pool.write { try Sequences.next("member", in: $0) } == 1)
            await #expect(throws: Boom.self) {
                try await pool.write { db in
                    _ = try Sequences.next("member", in: db)
                    throw Boom()
                }
            }
            // Nothing was committed with 2, so it is handed out next: numbers stay gapless.
            #expect(try await pool.write { try Sequences.next("member", in: $0) } == 2)
        }
    }
}
