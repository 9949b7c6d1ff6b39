import CoopCore
import Foundation
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("Categories and locations: trees addressed by path")
struct InventoryTreeTests {
    @Test func addingAPathMakesItsAncestors() async throws {
        let db = try await TestInventory()
        let node = try await db.service.addCategory(" /Costumes / Robes /1920/ ")
        #expect(node == TreeNode(path: "Costumes/Robes/1920", name: "1920", parent: "Costumes/Robes", items: 0, totalItems: 0))
        #expect(try await db.service.categories().map(\.path) == ["Costumes", "Costumes/Robes", "Costumes/Robes/1920"])
    }

    @Test func existingAncestorsKeepTheirSpelling() async throws {
        let db = try await TestInventory()
        try await db.service.addLocation("Entrepôt/Étage 2")
        let node = try await db.service.addLocation("entrepôt/Étage 2/Allée R")
        #expect(node.path == "Entrepôt/Étage 2/Allée R")
        #expect(node.parent == "Entrepôt/Étage 2")
    }

    @Test func anExistingPathIsRefused() async throws {
        let db = try await TestInventory()
        try await db.service.addCategory("Outils/Perceuses")
        let error = try await expectRefusal("inventory.category_exists") { try await db.service.addCategory("outils/perceuses") }
        #expect(error.kind == .conflict)
        #expect(error.message(.en) == "The category \"Outils/Perceuses\" already exists.")
        try await db.service.addLocation("Atelier")
        try await expectRefusal("inventory.location_exists") { try await db.service.addLocation("ATELIER") }
    }

    @Test(arguments: ["", "/", "a//b", "a/ /b", "a/\u{7}b", String(repeating: "x", count: 101), Array(repeating: "a", count: 21).joined(separator: "/")])
    func badPathsAreRefused(path: String) async throws {
        let db = try await TestInventory()
        try await expectRefusal("inventory.invalid_path") { try await db.service.addCategory(path) }
    }

    @Test func decomposedAccentsNameTheSameNode() async throws {
        let db = try await TestInventory()
        try await db.service.addLocation("Entrep\u{00F4}t")
        try await expectRefusal("inventory.location_exists") { try await db.service.addLocation("Entrepo\u{0302}t") }
    }

    @Test func listsCountItemsHereAndBelowInTreeOrder() async throws {
        let db = try await TestInventory()
        try await db.add("A", "a", category: "Costumes/Robes/1920", location: "Entrepôt/Étage 2")
        try await db.add("B", "b", category: "Costumes/Robes", location: "Entrepôt/Étage 2")
        try await db.add("C", "c", category: "Costumes-Anciens", location: "Entrepôt")
        try await db.add("D", "d", category: "Outils")
        let categories = try await db.service.categories()
        #expect(categories.map(\.path) == ["Costumes", "Costumes/Robes", "Costumes/Robes/1920", "Costumes-Anciens", "Outils"])
        #expect(categories.map(\.items) == [0, 1, 1, 1, 1])
        #expect(categories.map(\.totalItems) == [2, 2, 1, 1, 1])
        let robes = try await db.service.categories(under: "costumes/robes")
        #expect(robes.map(\.path) == ["Costumes/Robes", "Costumes/Robes/1920"])
        #expect(robes.map(\.totalItems) == [2, 1])
        let locations = try await db.service.locations()
        #expect(locations.map(\.path) == ["Entrepôt", "Entrepôt/Étage 2"])
        #expect(locations.map(\.totalItems) == [3, 2])
        #expect(try await db.service.locations(under: "Nowhere").isEmpty)
    }

    @Test func nodeJSONHasEveryKey() throws {
        let node = TreeNode(path: "Outils", name: "Outils", parent: nil, items: 1, totalItems: 2)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(node)) as? [String: Any])
        #expect(Set(json.keys) == ["path", "name", "parent", "items", "totalItems"])
        #expect(json["parent"] is NSNull)
    }
}
