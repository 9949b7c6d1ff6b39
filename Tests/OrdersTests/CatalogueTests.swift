import CoopCore
import Foundation
import Inventory
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Producers, products and pickup points")
struct CatalogueTests {
    @Test func producersHaveUniqueNamesAndMayBeMembers() async throws {
        let db = try await TestOrders()
        let number = try await db.member("Julie", "Gagnon")
        let producer = try await db.service.addProducer(NewProducer(name: " Ferme Tournesol ", contact: "450 555-0101", member: "m-1"))
        #expect(producer.name == "Ferme Tournesol" && producer.member == number && producer.contact == "450 555-0101")
        try await expectRefusal("orders.producer_exists") { try await db.service.addProducer(NewProducer(name: "ferme tournesol")) }
        try await expectRefusal("membership.member_not_found") { try await db.service.addProducer(NewProducer(name: "Autre", member: "M-0099")) }
        try await expectRefusal("common.required") { try await db.service.addProducer(NewProducer(name: "  ")) }
        _ = try await db.service.addProducer(NewProducer(name: "Apiculteur"))
        #expect(try await db.service.producers().map(\.name) == ["Apiculteur", "Ferme Tournesol"])
        let object = try jsonObject(try await db.service.producer("apiculteur"))
        #expect(object["member"] is NSNull && object["contact"] is NSNull)
    }

    @Test func aProductIsAnInventoryItemWithAProducerUnitPriceAndTax() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let pommes = try await db.service.product("pommes")
        #expect(pommes.code == "POMMES" && pommes.producer == "Ferme Tournesol" && pommes.unit == .kilogram)
        #expect(pommes.price == cents(450) && pommes.tax == .zero && pommes.stock == qty("50") && pommes.available == qty("50"))
        // The stock of a kg product is counted in grams in Inventory.
        #expect(try await db.item("POMMES").quantity == 50_000)
        #expect(try await db.item("OEUFS").quantity == 20)

        let object = try jsonObject(pommes)
        #expect(object["code"] as? String == "POMMES")
        #expect(object["price"] as? Int == 450)
        #expect(object["tax"] as? String == "zero")
        #expect(object["stock"] as? Int == 50)
        #expect(object["producer"] as? String == "Ferme Tournesol")
        #expect(object["unit"] as? String == "kg")
        let pain = try jsonObject(try await db.service.product("PAIN"))
        #expect(pain["stock"] is NSNull && pain["onDemand"] as? Bool == true)

        let page = try await db.service.products(page: PageRequest(limit: 4))
        #expect(page.items.map(\.code) == ["JUS", "OEUFS", "PAIN", "PANIER"])
        let rest = try await db.service.products(page: try PageRequest(limit: "4", cursor: page.next))
        #expect(rest.items.map(\.code) == ["POMMES", "SAVON"] && rest.next == nil)
        #expect(try await db.service.products(producer: "Boulangerie du Coin").items.map(\.code) == ["PAIN"])
    }

    @Test func aRefusedProductLeavesNoItemBehind() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let before = try await db.snapshot()
        try await expectRefusal("orders.producer_not_found") { try await db.product("MIEL", price: 900, stock: "3", producer: "Inconnu") }
        try await expectRefusal("inventory.code_taken") { try await db.product("pommes", price: 900, stock: "3") }
        try await expectRefusal("orders.quantity_not_allowed") { try await db.product("OEUFS2", unit: .dozen, price: 600, stock: "2.5") }
        try await expectRefusal("orders.invalid_price") { try await db.product("CHER", price: -1, stock: "1") }
        try await expectRefusal("orders.quantity_too_large") { try await db.product("LOURD", unit: .kilogram, price: 100, stock: "1000.001") }
        #expect(try await db.snapshot() == before)
    }

    @Test func stockIsSetInTheSaleUnitAndNeverBelowWhatOrdersHold() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let cycle = try await db.openCycle()
        try await db.order(cycle, alice, ["POMMES=12.5"])
        let product = try await db.service.setStock("POMMES", to: qty("60.25"), reason: "livraison")
        #expect(product.stock == qty("60.25") && product.reserved == qty("12.5") && product.available == qty("47.75"))
        #expect(try await db.item("POMMES").quantity == 60_250)
        let error = try await expectRefusal("orders.stock_below_reserved") { try await db.service.setStock("POMMES", to: qty("12")) }
        #expect(error.arguments["reserved"]?.number == Decimal(string: "12.5"))
        #expect(error.message(.fr) == "POMMES : le stock ne peut pas descendre à 12, 12,5 sont déjà réservés.")
        try await expectRefusal("orders.product_on_demand") { try await db.service.setStock("PAIN", to: qty("3")) }
        try await expectRefusal("orders.product_not_found") { try await db.service.setStock("RIEN", to: qty("3")) }
    }

    @Test func aNewPriceAppliesToNewLinesOnly() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let product = try await db.service.updateProduct("SAVON", ProductChanges(price: cents(899), tax: .zero))
        #expect(product.price == cents(899) && product.tax == .zero)
        try await expectRefusal("orders.producer_not_found") { try await db.service.updateProduct("SAVON", ProductChanges(producer: "X")) }
        #expect(try await db.service.updateProduct("SAVON", ProductChanges(producer: "Boulangerie du Coin")).producer == "Boulangerie du Coin")
    }

    @Test func pickupPointsAreUniqueAndCanBeDeactivated() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        try await expectRefusal("orders.pickup_exists") { try await db.service.addPickupPoint(NewPickupPoint(name: "centre")) }
        let centre = try await db.service.pickupPoint("Centre")
        #expect(centre.address == "12 rue Principale" && centre.schedule == "jeudi 16 h – 19 h" && centre.active)
        #expect(try await db.service.setPickupPointActive("Marché", false).active == false)
        #expect(try await db.service.pickupPoints(activeOnly: true).map(\.name) == ["Centre"])
        #expect(try await db.service.pickupPoints().count == 2)
        try await expectRefusal("orders.pickup_not_found") { try await db.service.setPickupPointActive("Nulle part", true) }
    }
}
