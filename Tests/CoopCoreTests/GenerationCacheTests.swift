import CoopTestSupport
import Dispatch
import Foundation
import Synchronization
import Testing

@testable import CoopCore

@Suite("Caches of reads: keyed by the database generation")
struct GenerationCacheTests {
    @Test func aValueIsServedOnlyAtTheGenerationItWasReadAt() {
        let cache = GenerationCache<String, Int>(capacity: 4)
        cache.store(1, for: "a", at: 5)
        #expect(cache.value(for: "a", at: 5) == 1)
        #expect(cache.value(for: "a", at: 6) == nil)
        #expect(cache.value(for: "b", at: 5) == nil)
        // A newer generation empties the cache; a value read at an older one is dropped.
        cache.store(2, for: "b", at: 6)
        #expect(cache.value(for: "a", at: 6) == nil)
        #expect(cache.count == 1)
        cache.store(3, for: "c", at: 5)
        #expect(cache.value(for: "c", at: 5) == nil)
        #expect(cache.value(for: "c", at: 6) == nil)
        #expect(cache.value(for: "b", at: 6) == 2)
    }

    @Test func whenFullTheLeastRecentlyUsedValueMakesRoom() {
        let cache = GenerationCache<Int, Int>(capacity: 3)
        for key in 1...3 { cache.store(key * 10, for: key, at: 1) }
        #expect(cache.value(for: 1, at: 1) == 10)  // 1 is now the most recent; 2 the least
        cache.store(40, for: 4, at: 1)
        #expect(cache.count == 3)
        #expect(cache.value(for: 2, at: 1) == nil)
        #expect(cache.value(for: 1, at: 1) == 10)
        #expect(cache.value(for: 3, at: 1) == 30)
        #expect(cache.value(for: 4, at: 1) == 40)
        // A stream of one-off keys cannot push out a key that keeps being read.
        for key in 100..<200 {
            cache.store(key, for: key, at: 1)
            #expect(cache.value(for: 4, at: 1) == 40)
        }
        // Replacing a key's value does not evict another.
        cache.store(41, for: 4, at: 1)
        #expect(cache.count == 3)
        #expect(cache.value(for: 4, at: 1) == 41)
    }

    /// The recency list against a plain model (a list of keys, most recent last) over random reads
    /// and stores, capacities 1 to 6, with generation changes between: the same values are served and
    /// the same keys evicted.
    @Test func evictionMatchesAPlainLeastRecentlyUsedModel() {
        var random = SystemRandomNumberGenerator()
        for capacity in 1...6 {
            let cache = GenerationCache<Int, Int>(capacity: capacity)
            var model: [(key: Int, value: Int)] = []
            var generation: UInt64 = 1
            for step in 0..<3_000 {
                let key = Int.random(in: 0..<10, using: &random)
                switch Int.random(in: 0..<20, using: &random) {
                case 0:
                    generation += 1
                    cache.store(step, for: key, at: generation)
                    model = [(key, step)]
                case 1...9:
                    let expected = model.firstIndex { $0.key == key }.map { model.remove(at: $0) }
                    if let expected { model.append(expected) }
                    #expect(cache.value(for: key, at: generation) == expected?.value, "capacity \(capacity), step \(step)")
                default:
                    if let i = model.firstIndex(where: { $0.key == key }) { model.remove(at: i) } else if model.count == capacity { model.removeFirst() }
                    model.append((key, step))
                    cache.store(step, for: key, at: generation)
                }
                #expect(cache.count == model.count)
            }
        }
    }

    @Test func everyWriteThroughThePoolChangesTheGeneration() async throws {
        try await TemporaryDatabase.withPool { pool async throws in
            let start = await pool.generation()
            #expect(await pool.generation() == start, "reads change nothing")
            try await pool.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
            let afterCreate = await pool.generation()
            #expect(afterCreate != start)
            _ = try await pool.read { try $0.scalar("SELECT count(*) FROM t", as: Int64.self) }
            #expect(await pool.generation() == afterCreate)
            // A failed write may have changed nothing, but must never leave a stale generation.
            struct Boom: Error {}
            await #expect(throws: Boom.self) { try await pool.write { _ in throw Boom() } }
            #expect(await pool.generation() != afterCreate)
        }
    }

    /// Another process (here another pool on the same file: other connections, as `coopctl` would
    /// have) commits: the generation changes without any write here. When the interval is over is
    /// ChangeTrackerTests' business, on a clock of their own; here the check runs on every call.
    @Test func writesByAnotherProcessAreNoticed() async throws {
        let path = TemporaryDatabase.makePath()
        defer { TemporaryDatabase.remove(path) }
        let server = try DatabasePool(path: path, readerCount: 1, changeCheckInterval: .zero)
        try await server.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
        let before = await server.generation()
        let after = try await Self.generationAfterAnotherProcessWrites(to: server, from: before)
        #expect(after != before)
        // And then it holds still while nothing changes, though each call checks again.
        let settled = await server.generation()
        #expect(await server.generation() == settled)
        #expect(await server.generation() == settled)
    }

    /// Another pool on the same file (other connections, as `coopctl` would have) inserts into `t`;
    /// returns `pool`'s generation once it differs from `before` (or `before`, after a generous deadline).
    static func generationAfterAnotherProcessWrites(to pool: DatabasePool, from before: UInt64) async throws -> UInt64 {
        let other = try DatabasePool(path: pool.path, readerCount: 1)
        try await other.write { try $0.execute("INSERT INTO t VALUES (1)") }
        var after = before
        _ = await eventually {
            after = await pool.generation()
            return after != before
        }
        return after
    }

    /// The check has a connection of its own: a reader busy with a long read (an export, a board
    /// verification) does not hold it up.
    @Test func theChangeCheckDoesNotWaitBehindALongRead() async throws {
        try await TemporaryDatabase.withPool(readerCount: 1) { pool async throws in
            try await pool.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
            let before = await pool.generation()
            let release = DispatchSemaphore(value: 0)
            let readDone = Mutex(false)
            let reading = Task {
                try await pool.read { _ in
                    _ = release.wait(timeout: .now() + 5)
                    readDone.withLock { $0 = true }
                }
            }
            defer { release.signal() }
            let after = try await Self.generationAfterAnotherProcessWrites(to: pool, from: before)
            #expect(after != before)
            #expect(readDone.withLock { $0 } == false, "noticed while the only reader is still busy")
            release.signal()
            try await reading.value
        }
    }
}
