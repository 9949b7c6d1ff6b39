import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Inventory

/// A fresh database with every migration Inventory runs after (Sequences, Membership, then
/// Inventory) in its own temporary folder, removed when the value is released.
///
/// The clock stands at 2026-03-15T12:00:00Z and moves only when a test moves it.
final class TestInventory: Sendable {
    static let start = Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!
    /// Every table Inventory writes to, so that a refusal can be shown to change nothing.
    static let tables = ["inventory_catalogue", "inventory_categories", "inventory_locations", "inventory_items", "inventory_item_tags",
                         "inventory_item_attributes", "inventory_movements", "inventory_search"]

    let storage: TemporaryDatabase
    var directory: URL { storage.directory }
    var pool: DatabasePool { storage.pool }
    let clock: FixedClock
    let context: CoopContext

    var service: InventoryService { InventoryService(context: context, caller: .localOperator("test")) }

    init() async throws {
        storage = try await TemporaryDatabase("inventory", readers: 2, schemas: [Sequences.register, MembershipSchema.register, InventorySchema.register])
        clock = FixedClock(Self.start)
        context = CoopContext(database: storage.pool, clock: clock, timeZone: Self.timeZone)
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int {
        try await pool.read { db in
            try db.scalar("SELECT count(*) FROM \(table) WHERE \(condition)", as: Int.self) ?? 0
        }
    }

    /// Every row of every Inventory table, to compare before and after a refused request.
    func snapshot() async throws -> [String: [[DatabaseValue]]] {
        try await pool.read { db in
            var tables: [String: [[DatabaseValue]]] = [:]
            for table in TestInventory.tables {
                tables[table] = try db.query("SELECT * FROM \(table) ORDER BY 1, 2").map(\.values)
            }
            return tables
        }
    }

    @discardableResult
    func add(
        _ code: String, _ name: String, description: String? = nil, category: String? = nil, location: String? = nil,
        quantity: Int = 1, tags: [String] = [], attributes: [String: String] = [:], value: Int64 = 0
    ) async throws -> Item {
        try await service.acting(as: .staff("staff")).addItem(
            NewItem(code: code, name: name, description: description, category: category, location: location,
                    quantity: quantity, tags: tags, attributes: attributes, value: Money(cents: value)),
            createPaths: true)
    }

    /// Runs a ledger step in its own write transaction, as Lending would inside its own.
    @discardableResult
    func ledger(_ body: @escaping @Sendable (Connection, Instant) throws -> InventoryLedger.Snapshot) async throws -> InventoryLedger.Snapshot {
        let now = clock.now()
        return try await pool.write { db in try body(db, now) }
    }

    /// Codes of a search page, in order.
    func codes(_ query: ItemQuery, limit: Int = 50) async throws -> [String] {
        try await service.search(query, page: PageRequest(limit: limit)).items.map(\.code)
    }
}

/// Bytes of a text file.
func utf8(_ text: String) -> Data { Data(text.utf8) }
