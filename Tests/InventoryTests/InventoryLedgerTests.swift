import CoopCore
import Foundation
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("InventoryLedger: the units Lending composes into its own transactions")
struct InventoryLedgerTests {
    static func sailors() async throws -> (TestInventory, Int64) {
        let db = try await TestInventory()
        try await db.add("V-1", "Costume de marin", category: "Costumes/Marins", quantity: 3, value: 4_550)
        let id = try await db.pool.read { db in try InventoryLedger.item(code: "v-1", in: db).id }
        return (db, id)
    }

    @Test func snapshotCarriesWhatLendingNeeds() async throws {
        let (db, id) = try await Self.sailors()
        let snapshot = try await db.pool.read { db in try InventoryLedger.item(id: id, in: db) }
        #expect(snapshot.code == "V-1")
        #expect(snapshot.name == "Costume de marin")
        #expect(snapshot.quantity == 3 && snapshot.unitsOut == 0 && snapshot.maintenanceUnits == 0)
        #expect(snapshot.available == 3)
        #expect(snapshot.status == .active)
        #expect(snapshot.category == "Costumes/Marins")
        #expect(snapshot.value == Money(cents: 4_550))
        try await expectRefusal("inventory.item_not_found") { try await db.pool.read { db in try InventoryLedger.item(code: "V-404", in: db) } }
    }

    @Test func checkOutUpToTheAvailableUnitsThenRefuses() async throws {
        let (db, id) = try await Self.sailors()
        let after = try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 2, actor: "desk", reason: "prêt L-1", at: now, in: db) }
        #expect(after.unitsOut == 2 && after.available == 1)
        let error = try await expectRefusal("inventory.units_unavailable") {
            try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 2, actor: "desk", at: now, in: db) }
        }
        #expect(error.arguments["requested"]?.number == 2)
        #expect(error.arguments["available"]?.number == 1)
        #expect(error.message(.en) == "V-1: 2 units requested, 1 available.")
        #expect(try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, actor: "desk", at: now, in: db) }.available == 0)
        try await expectRefusal("inventory.units_unavailable") {
            try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, actor: "desk", at: now, in: db) }
        }
        #expect(try await db.service.item("V-1").unitsOut == 3)
    }

    @Test func itemsThatAreNotActiveCannotGoOut() async throws {
        let (db, id) = try await Self.sailors()
        _ = try await db.service.setStatus("V-1", .maintenance)
        try await expectRefusal("inventory.units_unavailable") {
            try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, actor: nil, at: now, in: db) }
        }
    }

    @Test func checkInNeverGoesBelowZero() async throws {
        let (db, id) = try await Self.sailors()
        try await expectRefusal("inventory.units_not_out") {
            try await db.ledger { db, now in try InventoryLedger.checkIn(itemID: id, actor: nil, at: now, in: db) }
        }
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 2, actor: nil, at: now, in: db) }
        let error = try await expectRefusal("inventory.units_not_out") {
            try await db.ledger { db, now in try InventoryLedger.checkIn(itemID: id, units: 3, actor: nil, at: now, in: db) }
        }
        #expect(error.arguments["out"]?.number == 2)
        let back = try await db.ledger { db, now in try InventoryLedger.checkIn(itemID: id, units: 2, actor: "desk", at: now, in: db) }
        #expect(back.unitsOut == 0 && back.available == 3)
    }

    @Test func unitsMustBeAtLeastOne() async throws {
        let (db, id) = try await Self.sailors()
        for units in [0, -1] {
            try await expectRefusal("inventory.invalid_units") {
                try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: units, actor: nil, at: now, in: db) }
            }
        }
    }

    @Test func everyUnitChangeIsAMovement() async throws {
        let (db, id) = try await Self.sailors()
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 2, actor: "desk", reason: "L-1", at: now, in: db) }
        try await db.ledger { db, now in try InventoryLedger.checkIn(itemID: id, units: 1, actor: "desk", at: now, in: db) }
        try await db.ledger { db, now in try InventoryLedger.sendToMaintenance(itemID: id, units: 1, actor: "desk", reason: "déchiré", at: now, in: db) }
        try await db.ledger { db, now in try InventoryLedger.writeOffLoanedUnits(itemID: id, units: 1, actor: "desk", reason: "perdu", at: now, in: db) }
        let history = try await db.service.history("V-1").items
        #expect(history.map(\.kind) == [.writtenOff, .maintenance, .checkIn, .checkOut, .created])
        #expect(history.map(\.units) == [1, 1, 1, 2, 3])
        #expect(history[3].from == "0" && history[3].to == "2" && history[3].reason == "L-1")
        #expect(history[0].from == "3" && history[0].to == "2")
        let item = try await db.service.item("V-1")
        #expect(item.quantity == 2 && item.unitsOut == 0 && item.maintenanceUnits == 1 && item.available == 1)
    }

    @Test func aRefusalInsideTheCallersTransactionRollsBackTheCallersWrites() async throws {
        let (db, id) = try await Self.sailors()
        await #expect(throws: CoopError.self) {
            try await db.pool.write { db in
                try InventoryLedger.checkOut(itemID: id, units: 3, actor: nil, at: TestInventory.start, in: db)
                // Lending's next step fails: the whole loan, units included, is undone.
                try InventoryLedger.checkOut(itemID: id, units: 1, actor: nil, at: TestInventory.start, in: db)
            }
        }
        #expect(try await db.service.item("V-1").unitsOut == 0)
        #expect(try await db.count("inventory_movements") == 1)
    }

    @Test func concurrentCheckOutsNeverOverbook() async throws {
        let (db, id) = try await Self.sailors()
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    (try? await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, actor: nil, at: now, in: db) }) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 3)
        #expect(try await db.service.item("V-1").unitsOut == 3)
    }
}
