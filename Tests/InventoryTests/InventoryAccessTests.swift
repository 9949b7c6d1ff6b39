import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Inventory

/// Inventory's access table (`InventoryVerb`), one case per verb: whom its rule names gets in, everyone
/// else is refused with 401 or 403 before anything is read. The switch is exhaustive, so a new verb
/// cannot be added without a case here.
@Suite struct InventoryAccessTests {
    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func rule(_ verb: InventoryVerb) -> AccessRule {
        switch verb {
        case .item, .search, .categories, .locations: .anyone
        case .addItem, .updateItem, .move, .setStatus, .sendToMaintenance, .returnFromMaintenance, .history,
             .importCSV, .exportCSV, .addCategory, .addLocation: .staff
        }
    }

    @Test(arguments: InventoryVerb.allCases)
    func eachVerbLetsInOnlyWhomItsRuleNames(verb: InventoryVerb) async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", category: "Outils", location: "Atelier", quantity: 2)
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let inventory = db.service.acting(as: caller)
            let tag = caller.role?.rawValue ?? "nobody"
            switch verb {
            case .addItem: _ = try await inventory.addItem(NewItem(code: "X-\(tag)", name: "Scie", quantity: 1))
            case .item: _ = try await inventory.item("T-1")
            case .updateItem: _ = try await inventory.updateItem("T-1", ItemChanges(name: "Perceuse 18 V"))
            case .move: _ = try await inventory.move("T-1", to: "Atelier")
            case .setStatus: _ = try await inventory.setStatus("T-1", .active)
            case .sendToMaintenance: _ = try await inventory.sendToMaintenance("T-1")
            case .returnFromMaintenance: _ = try await inventory.returnFromMaintenance("T-1")
            case .history: _ = try await inventory.history("T-1")
            case .importCSV: _ = try await inventory.importCSV(utf8("code,name\nI-\(tag),Marteau\n"), source: "t.csv")
            case .exportCSV: _ = try await inventory.exportCSV()
            case .search: _ = try await inventory.search(ItemQuery(text: "perceuse"))
            case .addCategory: _ = try await inventory.addCategory("Jardin/\(tag)")
            case .categories: _ = try await inventory.categories()
            case .addLocation: _ = try await inventory.addLocation("Entrepôt/\(tag)")
            case .locations: _ = try await inventory.locations()
            }
        }
    }

    @Test func movementsRecordTheCallersLabel() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse")
        _ = try await db.service.acting(as: .staff("api:ab12cd34")).move("T-1", to: "Atelier", create: true)
        let history = try await db.service.history("T-1")
        #expect(history.items.first?.actor == "api:ab12cd34")
    }
}
