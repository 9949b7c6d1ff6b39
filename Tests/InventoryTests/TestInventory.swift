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
final class TestInventory: DatabaseFixture {
    static let start = Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!
    /// Every table Inventory writes to, so that a refusal can be shown to change nothing.
    static let tables = ["inventory_catalogue", "inventory_categories", "inventory_locations", "inventory_items", "inventory_item_tags",
                         "inventory_item_attributes", "inventory_movements", "inventory_search"]

    let storage: TemporaryDatabase

    var service: InventoryService { InventoryService(context: context, caller: .localOperator("test")) }

    init() async throws {
        storage = try await TemporaryDatabase("inventory", readers: 2, schemas: [Sequences.register, MembershipSchema.register, InventorySchema.register],
                                              start: Self.start, timeZone: Self.timeZone)
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int { try await storage.count(table, where: condition) }

    /// Every row of every Inventory table, to compare before and after a refused request.
    func snapshot() async throws -> [String: [[DatabaseValue]]] { try await storage.snapshot(TestInventory.tables, order: "1, 2") }

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
