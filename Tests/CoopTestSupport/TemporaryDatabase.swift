import CoopCore
import Foundation

/// A database file of its own in a fresh temporary folder, with the given schemas migrated; the folder
/// is removed when the value is released. Every domain's tests start from one.
public final class TemporaryDatabase: Sendable {
    public let directory: URL
    public let pool: DatabasePool

    /// - Parameters:
    ///   - name: part of the folder's name, to tell test runs apart when one is left behind.
    ///   - schemas: the domains' `register(in:)` functions, in dependency order.
    public init(_ name: String, readers: Int = 2, schemas: [(inout Migrator) -> Void]) async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coop-\(name)-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            let pool = try DatabasePool(path: directory.appendingPathComponent("coop.sqlite").path, readerCount: readers)
            var migrator = Migrator()
            for register in schemas { register(&migrator) }
            try await migrator.migrate(pool)
            self.pool = pool
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        self.directory = directory
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
