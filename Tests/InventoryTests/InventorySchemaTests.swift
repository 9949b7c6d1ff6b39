import CoopCore
import Foundation
import Membership
import Testing
@testable import Inventory

@Suite("InventorySchema: migrations and what the tables refuse")
struct InventorySchemaTests {
    @Test func migratesAfterMembershipAndOnlyOnce() async throws {
        let db = try await TestInventory()
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        let names = migrator.migrations.map(\.name)
        let inventory = try #require(names.firstIndex(of: "inventory.1"))
        #expect(names.indices.filter { names[$0].hasPrefix("membership.") }.allSatisfy { $0 < inventory })
        #expect(try await migrator.migrate(db.pool).isEmpty)
        let tables = try await db.pool.read { db in
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'inventory\\_%' ESCAPE '\\' AND name NOT LIKE 'inventory\\_search\\_%' ESCAPE '\\' ORDER BY name")
                .map { try $0.get("name") as String }
        }
        #expect(tables == ["inventory_catalogue", "inventory_categories", "inventory_item_attributes", "inventory_item_tags", "inventory_items",
                           "inventory_locations", "inventory_movements", "inventory_search"])
    }

    @Test func movementsCannotBeRewrittenOrDeleted() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        for sql in ["UPDATE inventory_movements SET reason = 'x'", "DELETE FROM inventory_movements"] {
            let error = await #expect(throws: DatabaseError.self) { try await db.pool.write { db in try db.execute(sql) } }
            #expect(error?.message.contains("append-only") == true)
        }
        #expect(try await db.count("inventory_movements") == 1)
    }

    @Test func tablesRefuseUnitsBeyondTheQuantity() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", quantity: 2)
        let error = await #expect(throws: DatabaseError.self) {
            try await db.pool.write { db in try db.execute("UPDATE inventory_items SET units_out = 3") }
        }
        #expect(error?.isConstraintViolation == true)
    }

    @Test func codesAreUniqueWithoutRegardToCase() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        let error = await #expect(throws: DatabaseError.self) {
            try await db.pool.write { db in
                try db.execute("INSERT INTO inventory_items (code, name, quantity, created_at, updated_at) VALUES ('t-1', 'x', 1, '', '')")
            }
        }
        #expect(error?.isUniqueViolation == true)
    }
}
