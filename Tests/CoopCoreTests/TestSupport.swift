import Foundation
import Testing

@testable import CoopCore

/// A database file of its own under the temporary directory, removed (with its -wal and -shm) afterwards.
enum TemporaryDatabase {
    static func makePath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("coop-core-test-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Runs `body` over a fresh pool on a new file.
    static func withPool<T>(
        readerCount: Int = 2, synchronousFull: Bool = false, _ body: (DatabasePool) async throws -> T
    ) async throws -> T {
        let path = makePath()
        defer { remove(path) }
        let pool = try DatabasePool(path: path, readerCount: readerCount, synchronousFull: synchronousFull)
        return try await body(pool)
    }

    /// Runs `body` over one connection to a new file.
    static func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let path = makePath()
        defer { remove(path) }
        let connection = try Connection(path: path)
        return try body(connection)
    }
}

/// Bytes from hex written in a test; a typo in a vector fails the test instead of crashing it.
func hexBytes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    try #require(Hex.decode(text), "bad hex in test: \(text)", sourceLocation: sourceLocation)
}

/// `/…/Tests/CoopCoreTests/<this file>` → the package root → `../shared`, wherever the clone lives.
func sharedFolder(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()  // CoopCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()  // the folder that holds the package and shared/
        .appendingPathComponent("shared")
}

extension TimeZone {
    static let toronto = TimeZone(identifier: "America/Toronto")!
    static let utc = TimeZone(identifier: "UTC")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
}

/// Asserts that `body` throws a `DatabaseError` and returns it.
@discardableResult
func expectDatabaseError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> DatabaseError? {
    do {
        _ = try body()
        Issue.record("expected a DatabaseError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as DatabaseError {
        return error
    } catch {
        Issue.record("expected a DatabaseError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Asserts that `body` throws a `CoopError` and returns it.
@discardableResult
func expectCoopError<T>(
    code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> CoopError? {
    do {
        _ = try body()
        Issue.record("expected CoopError \(code), nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as CoopError {
        #expect(error.code == code, sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected CoopError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
