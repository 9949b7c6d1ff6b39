import CoopCore
import Foundation
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("Items: add, read, update, move, status, maintenance")
struct InventoryServiceTests {
    // MARK: Adding

    @Test func newItemKeepsItsFieldsAndDerivesAvailability() async throws {
        let db = try await TestInventory()
        let item = try await db.service.acting(as: .staff("M-0001")).addItem(NewItem(
            code: " T-0001 ", name: " Perceuse sans fil ", description: "18 V, deux batteries", category: "Outils/Perceuses",
            location: "Succursale Plateau", quantity: 3, tags: ["sans fil", "Makita", "makita"],
            attributes: ["marque": "Makita", "tension": "18 V"], photos: ["photos/t-0001.jpg"], value: Money(cents: 12_000),
            notes: "Charger après usage"), createPaths: true)
        #expect(item.code == "T-0001")
        #expect(item.name == "Perceuse sans fil")
        #expect(item.description == "18 V, deux batteries")
        #expect(item.category == "Outils/Perceuses")
        #expect(item.location == "Succursale Plateau")
        #expect(item.homeLocation == "Succursale Plateau")
        #expect(item.quantity == 3)
        #expect(item.available == 3)
        #expect(item.unitsOut == 0)
        #expect(item.status == .active)
        #expect(item.tags == ["Makita", "sans fil"])
        #expect(item.attributes == ["marque": "Makita", "tension": "18 V"])
        #expect(item.photos == ["photos/t-0001.jpg"])
        #expect(item.value == Money(cents: 12_000))
        #expect(item.notes == "Charger après usage")
        #expect(item.createdAt == TestInventory.start)
        #expect(item.updatedAt == TestInventory.start)
        #expect(try await db.service.item("t-0001") == item)

        let history = try await db.service.history("T-0001")
        #expect(history.items.count == 1)
        #expect(history.items[0].kind == .created)
        #expect(history.items[0].to == "Succursale Plateau")
        #expect(history.items[0].actor == "M-0001")
        #expect(history.items[0].units == 3)
    }

    @Test func defaultsAreOneUnitActiveWithNoPlace() async throws {
        let db = try await TestInventory()
        let item = try await db.service.addItem(NewItem(code: "GC-004512", name: "Robe d'époque"))
        #expect(item.quantity == 1)
        #expect(item.available == 1)
        #expect(item.category == nil)
        #expect(item.location == nil)
        #expect(item.homeLocation == nil)
        #expect(item.description == nil)
        #expect(item.value == .zero)
        #expect(item.tags.isEmpty && item.attributes.isEmpty && item.photos.isEmpty)
    }

    @Test func homeLocationAloneIsWhereTheItemStarts() async throws {
        let db = try await TestInventory()
        try await db.service.addLocation("Entrepôt/Étage 2")
        let item = try await db.service.addItem(NewItem(code: "C-1", name: "Cape", homeLocation: "entrepôt/Étage 2"))
        #expect(item.homeLocation == "Entrepôt/Étage 2")
        #expect(item.location == "Entrepôt/Étage 2")
    }

    @Test func duplicateCodeIsRefusedWithoutRegardToCase() async throws {
        let db = try await TestInventory()
        try await db.add("T-0001", "Perceuse")
        let error = try await expectRefusal("inventory.code_taken") {
            try await db.service.addItem(NewItem(code: "t-0001", name: "Autre"))
        }
        #expect(error.kind == .conflict)
        #expect(error.message(.en).contains("t-0001"))
        #expect(try await db.count("inventory_items") == 1)
    }

    @Test func unknownPathsAreRefusedUnlessAskedToCreate() async throws {
        let db = try await TestInventory()
        try await expectRefusal("inventory.category_not_found") {
            try await db.service.addItem(NewItem(code: "A-1", name: "Marteau", category: "Outils"))
        }
        try await expectRefusal("inventory.location_not_found") {
            try await db.service.addItem(NewItem(code: "A-1", name: "Marteau", location: "Atelier"))
        }
        #expect(try await db.count("inventory_items") == 0)
        #expect(try await db.count("inventory_categories") == 0)
        let item = try await db.service.addItem(NewItem(code: "A-1", name: "Marteau", category: "Outils/Frappe", location: "Atelier"), createPaths: true)
        #expect(item.category == "Outils/Frappe")
        #expect(try await db.count("inventory_categories") == 2)
    }

    @Test(arguments: [
        ("", "common.required"), ("T 0001", "inventory.invalid_code"), ("T/1", "inventory.invalid_code"),
        ("T?1", "inventory.invalid_code"), (String(repeating: "X", count: 65), "inventory.invalid_code"),
    ])
    func badCodesAreRefused(code: String, expected: String) async throws {
        let db = try await TestInventory()
        try await expectRefusal(expected) { try await db.service.addItem(NewItem(code: code, name: "Objet")) }
    }

    @Test func badFieldsAreRefusedWithTheirOwnCodes() async throws {
        let db = try await TestInventory()
        try await expectRefusal("common.required") { try await db.service.addItem(NewItem(code: "A", name: "  ")) }
        try await expectRefusal("inventory.negative_quantity") { try await db.service.addItem(NewItem(code: "A", name: "N", quantity: -1)) }
        try await expectRefusal("inventory.negative_value") { try await db.service.addItem(NewItem(code: "A", name: "N", value: Money(cents: -1))) }
        try await expectRefusal("inventory.invalid_tag") { try await db.service.addItem(NewItem(code: "A", name: "N", tags: ["a|b"])) }
        try await expectRefusal("inventory.invalid_attribute") { try await db.service.addItem(NewItem(code: "A", name: "N", attributes: ["a=b": "c"])) }
        try await expectRefusal("inventory.invalid_attribute") {
            try await db.service.addItem(NewItem(code: "A", name: "N", attributes: ["Taille": "M", "taille": "L"]))
        }
        try await expectRefusal("inventory.invalid_path") { try await db.service.addItem(NewItem(code: "A", name: "N", category: "Outils//Scies")) }
        try await expectRefusal("inventory.invalid_photo") { try await db.service.addItem(NewItem(code: "A", name: "N", photos: [" "])) }
        #expect(try await db.count("inventory_items") == 0)
    }

    @Test func unknownCodeIsNotFoundAndNamed() async throws {
        let db = try await TestInventory()
        let error = try await expectRefusal("inventory.item_not_found") { try await db.service.item("X-404") }
        #expect(error.kind == .notFound)
        #expect(error.message(.fr) == "Article introuvable : X-404.")
        #expect(error.message(.en) == "Item not found: X-404.")
        try await expectRefusal("inventory.item_not_found") { try await db.service.history("X-404") }
        try await expectRefusal("inventory.item_not_found") { try await db.service.move("X-404", to: "A", create: true) }
        try await expectRefusal("inventory.item_not_found") { try await db.service.setStatus("X-404", .lost) }
        try await expectRefusal("inventory.item_not_found") { try await db.service.updateItem("X-404", ItemChanges(name: "N")) }
    }

    // MARK: Updating

    @Test func updateChangesOnlyTheGivenFields() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Scie", description: "Égoïne", category: "Outils", quantity: 2, tags: ["bois"],
                         attributes: ["taille": "M", "couleur": "rouge"], value: 2_500)
        db.clock.advance(seconds: 60)
        let item = try await db.service.updateItem("t-1", ItemChanges(
            name: "Scie égoïne", description: "", category: "Outils/Scies", tags: ["Bois", "coupe"],
            attributes: ["couleur": "bleu", "taille": nil, "époque": "1950"], value: Money(cents: 3_000), notes: "Affûtée"),
            createPaths: true)
        #expect(item.name == "Scie égoïne")
        #expect(item.description == nil)
        #expect(item.category == "Outils/Scies")
        #expect(item.tags == ["Bois", "coupe"])
        #expect(item.attributes == ["couleur": "bleu", "époque": "1950"])
        #expect(item.value == Money(cents: 3_000))
        #expect(item.notes == "Affûtée")
        #expect(item.quantity == 2)
        #expect(item.updatedAt == TestInventory.start.adding(seconds: 60))
        #expect(item.createdAt == TestInventory.start)
        // Only location, status and quantity changes are movements.
        #expect(try await db.service.history("T-1").items.map(\.kind) == [.created])
        // The search index follows in the same transaction.
        #expect(try await db.codes(ItemQuery(text: "coupe")) == ["T-1"])
        #expect(try await db.codes(ItemQuery(text: "egoine")) == ["T-1"])
        #expect(try await db.codes(ItemQuery(text: "rouge")).isEmpty)
        #expect(try await db.codes(ItemQuery(text: "bleu")) == ["T-1"])
    }

    @Test func emptyPathsClearCategoryAndHomeAndPhotosAreReplaced() async throws {
        let db = try await TestInventory()
        try await db.service.addLocation("Atelier")
        _ = try await db.service.addItem(NewItem(code: "T-1", name: "Scie", category: "Outils", location: "Atelier",
                                                 photos: ["a.jpg", "b.jpg"]), createPaths: true)
        let cleared = try await db.service.updateItem("T-1", ItemChanges(category: "", homeLocation: " ", photos: ["c.jpg"]))
        #expect(cleared.category == nil)
        #expect(cleared.homeLocation == nil)
        #expect(cleared.location == "Atelier")
        #expect(cleared.photos == ["c.jpg"])
        #expect(try await db.codes(ItemQuery(category: "Outils")).isEmpty)
        try await expectRefusal("inventory.location_not_found") {
            try await db.service.updateItem("T-1", ItemChanges(homeLocation: "Nulle part"))
        }
        #expect(try await db.service.updateItem("T-1", ItemChanges(homeLocation: "atelier")).homeLocation == "Atelier")
    }

    @Test func emptyChangesTouchNothing() async throws {
        let db = try await TestInventory()
        let before = try await db.add("T-1", "Scie")
        db.clock.advance(seconds: 60)
        #expect(try await db.service.updateItem("T-1", ItemChanges()) == before)
    }

    @Test func quantityChangeIsAMovementWithBothNumbers() async throws {
        let db = try await TestInventory()
        try await db.add("V-1", "Costume de marin", quantity: 10)
        let item = try await db.service.acting(as: .staff("M-0002")).updateItem("V-1", ItemChanges(quantity: 12), reason: "don")
        #expect(item.quantity == 12)
        #expect(item.available == 12)
        let last = try #require(try await db.service.history("V-1").items.first)
        #expect(last.kind == .quantity)
        #expect(last.from == "10")
        #expect(last.to == "12")
        #expect(last.reason == "don")
        #expect(last.actor == "M-0002")
    }

    @Test func quantityBelowUnitsOutIsRefusedWithBothNumbers() async throws {
        let db = try await TestInventory()
        let item = try await db.add("V-1", "Costume de marin", quantity: 10)
        let id = try await db.pool.read { db in try InventoryLedger.item(code: "V-1", in: db).id }
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 4, actor: "desk", at: now, in: db) }
        try await db.ledger { db, now in try InventoryLedger.sendToMaintenance(itemID: id, units: 2, actor: "desk", at: now, in: db) }
        let before = try await db.snapshot()
        let error = try await expectRefusal("inventory.quantity_below_out") {
            try await db.service.updateItem("V-1", ItemChanges(name: "Renamed", quantity: 5))
        }
        #expect(error.arguments["quantity"] == .integer(5))
        #expect(error.arguments["out"] == .integer(6))
        #expect(error.message(.en) == "V-1: the quantity 5 is below the 6 units that are out (lent or in maintenance).")
        #expect(error.message(.fr).contains("5") && error.message(.fr).contains("6"))
        // The name change in the same request was rolled back with it.
        #expect(try await db.snapshot() == before)
        #expect(try await db.service.updateItem("V-1", ItemChanges(quantity: 6)).available == 0)
        _ = item
    }

    // MARK: Moving

    @Test func moveRecordsFromAndToAndRefusesUnknownPlaces() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", location: "Entrepôt/Étage 2/Allée R")
        try await expectRefusal("inventory.location_not_found") { try await db.service.move("T-1", to: "Succursale Plateau") }
        #expect(try await db.service.history("T-1").items.count == 1)
        try await db.service.addLocation("Succursale Plateau")
        db.clock.advance(seconds: 5)
        let moved = try await db.service.acting(as: .staff("M-0003")).move("T-1", to: "succursale plateau", reason: "demande")
        #expect(moved.location == "Succursale Plateau")
        #expect(moved.homeLocation == "Entrepôt/Étage 2/Allée R")
        let last = try #require(try await db.service.history("T-1").items.first)
        #expect(last.kind == .moved)
        #expect(last.from == "Entrepôt/Étage 2/Allée R")
        #expect(last.to == "Succursale Plateau")
        #expect(last.reason == "demande")
        #expect(last.actor == "M-0003")
        #expect(last.at == TestInventory.start.adding(seconds: 5))
        // Accents are ignored as in text search; a near miss names the closest place.
        db.clock.advance(seconds: 5)
        #expect(try await db.service.move("T-1", to: "entrepot/etage 2/allee r").location == "Entrepôt/Étage 2/Allée R")
        let near = try await expectRefusal("inventory.location_not_found") { try await db.service.move("T-1", to: "Entrepôt/Étage 2/Allée S") }
        #expect(near.message(.fr) == "Emplacement introuvable : « Entrepôt/Étage 2/Allée S ». Le plus proche : Entrepôt/Étage 2/Allée R.")
    }

    @Test func moveWithCreateMakesTheLocationAndItsAncestors() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        let moved = try await db.service.move("T-1", to: "Entrepôt/Étage 5/Tablette 1", create: true)
        #expect(moved.location == "Entrepôt/Étage 5/Tablette 1")
        #expect(try await db.service.locations().map(\.path) == ["Entrepôt", "Entrepôt/Étage 5", "Entrepôt/Étage 5/Tablette 1"])
        let last = try #require(try await db.service.history("T-1").items.first)
        #expect(last.from == nil)
    }

    @Test func movingWhereTheItemAlreadyIsRecordsNothing() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", location: "Atelier")
        _ = try await db.service.move("T-1", to: "atelier")
        #expect(try await db.service.history("T-1").items.count == 1)
    }

    // MARK: Status

    @Test func statusChangesAreMovementsAndOnlyActiveItemsAreAvailable() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", quantity: 2)
        for status in [ItemStatus.maintenance, .lost, .retired] {
            #expect(try await db.service.setStatus("T-1", status, reason: "test").available == 0)
        }
        let active = try await db.service.setStatus("T-1", .active)
        #expect(active.available == 2)
        let kinds = try await db.service.history("T-1").items.map { "\($0.kind.rawValue):\($0.from ?? "-")>\($0.to ?? "-")" }
        #expect(kinds == ["status:retired>active", "status:lost>retired", "status:maintenance>lost", "status:active>maintenance", "created:->-"])
        // The same status again is no change.
        _ = try await db.service.setStatus("T-1", .active)
        #expect(try await db.service.history("T-1").items.count == 5)
    }

    @Test func statusIsParsedWithoutRegardToCase() throws {
        #expect(try ItemStatus(parsing: " Maintenance ") == .maintenance)
        // The words of either language, accents and case ignored.
        #expect(try ItemStatus(parsing: "En réparation") == .maintenance)
        #expect(try ItemStatus(parsing: "en reparation") == .maintenance)
        #expect(try ItemStatus(parsing: "EN CIRCULATION") == .active)
        #expect(try ItemStatus(parsing: "retiré") == .retired)
        #expect(try ItemStatus(parsing: "in maintenance") == .maintenance)
        let error = #expect(throws: CoopError.self) { try ItemStatus(parsing: "broken") }
        #expect(error?.code == "inventory.invalid_status")
        #expect(error?.message(.en).contains("broken") == true)
        #expect(error?.message(.fr) == "État inconnu « broken » (en circulation, en réparation, retiré ou perdu).")
    }

    @Test func itemWithUnitsOnLoanCannotBeRetiredButCanBeLost() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        let id = try await db.pool.read { db in try InventoryLedger.item(code: "T-1", in: db).id }
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, actor: nil, at: now, in: db) }
        let error = try await expectRefusal("inventory.item_on_loan") { try await db.service.setStatus("T-1", .retired) }
        #expect(error.arguments["out"]?.number == 1)
        #expect(try await db.service.setStatus("T-1", .lost).status == .lost)
    }

    // MARK: Maintenance units

    @Test func unitsInMaintenanceAreNotAvailable() async throws {
        let db = try await TestInventory()
        try await db.add("V-1", "Costume de marin", quantity: 10)
        let item = try await db.service.sendToMaintenance("V-1", units: 3, reason: "déchirure")
        #expect(item.maintenanceUnits == 3)
        #expect(item.available == 7)
        try await expectRefusal("inventory.units_unavailable") { try await db.service.sendToMaintenance("V-1", units: 8) }
        try await expectRefusal("inventory.units_not_out") { try await db.service.returnFromMaintenance("V-1", units: 4) }
        #expect(try await db.service.returnFromMaintenance("V-1", units: 3).available == 10)
        #expect(try await db.service.history("V-1").items.map(\.kind) == [.repaired, .maintenance, .created])
    }

    // MARK: JSON

    @Test func itemJSONHasEveryKeyWithNullsAndCents() async throws {
        let db = try await TestInventory()
        let item = try await db.add("T-1", "Perceuse", category: "Outils", tags: ["sans fil"], attributes: ["marque": "Makita"], value: 12_000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(item)) as? [String: Any])
        #expect(Set(json.keys) == ["code", "name", "description", "category", "location", "homeLocation", "quantity", "unitsOut",
                                   "maintenanceUnits", "available", "status", "tags", "attributes", "photos", "value", "notes",
                                   "createdAt", "updatedAt"])
        #expect(json["description"] is NSNull)
        #expect(json["location"] is NSNull)
        #expect(json["category"] as? String == "Outils")
        #expect(json["value"] as? Int == 12_000)
        #expect(json["status"] as? String == "active")
        #expect(json["tags"] as? [String] == ["sans fil"])
        #expect(json["attributes"] as? [String: String] == ["marque": "Makita"])
        #expect(json["createdAt"] as? String == "2026-03-15T12:00:00.000Z")
        #expect(try JSONDecoder().decode(Item.self, from: encoder.encode(item)) == item)
    }

    @Test func newItemAndChangesDecodeFromAPIBodies() throws {
        let new = try JSONDecoder().decode(NewItem.self, from: utf8(#"{"code":"T-1","name":"Perceuse","value":12000,"tags":["a"]}"#))
        #expect(new == NewItem(code: "T-1", name: "Perceuse", tags: ["a"], value: Money(cents: 12_000)))
        let changes = try JSONDecoder().decode(ItemChanges.self, from: utf8(#"{"quantity":3,"attributes":{"taille":null,"couleur":"bleu"}}"#))
        #expect(changes.quantity == 3)
        #expect(changes.attributes?.count == 2)
        #expect(changes.attributes?["taille"] == .some(nil))
        #expect(changes.attributes?["couleur"] == .some("bleu"))
    }

    @Test func movementJSONHasEveryKey() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        let movement = try #require(try await db.service.history("T-1").items.first)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(movement)) as? [String: Any])
        #expect(Set(json.keys) == ["item", "at", "actor", "kind", "units", "from", "to", "reason"])
        #expect(json["item"] as? String == "T-1")
        #expect(json["kind"] as? String == "created")
        #expect(json["from"] is NSNull)
    }
}
