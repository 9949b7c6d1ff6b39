import CoopCore
import Foundation
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Purchase orders: one per producer per cycle, the sums of the confirmed lines")
struct PurchaseOrderTests {
    @Test func quantitiesAreSummedAcrossManyOrders() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let members = try await db.members(30)
        _ = try await db.service.setStock("OEUFS", to: qty("100"))
        let cycle = try await db.openCycle()
        var apples: Int64 = 0, eggs: Int64 = 0, bread: Int64 = 0, eggOrders = 0
        for (i, number) in members.enumerated() {
            // 0.25 kg steps of apples, 0–2 dozen eggs, 1–3 loaves.
            let kg = Int64(i % 7 + 1) * 250, dozen = i % 3, loaves = i % 3 + 1
            var lines = ["POMMES=\(Quantity(thousandths: kg).decimalString)", "PAIN=\(loaves)"]
            if dozen > 0 { lines.append("OEUFS=\(dozen)"); eggOrders += 1 }
            try await db.order(cycle, number, pickup: i.isMultiple(of: 2) ? "Centre" : "Marché", lines)
            apples += kg; eggs += Int64(dozen); bread += Int64(loaves)
        }
        // A cancelled order is not ordered from the producer.
        let cancelled = try await db.order(cycle, try await db.member("Zoé"), ["POMMES=5"])
        _ = try await db.service.cancelOrder(cancelled.id)
        try await expectRefusal("orders.purchase_order_not_found") { try await db.service.purchaseOrder(cycle: cycle, producer: "Ferme Tournesol") }
        _ = try await db.service.closeCycle(cycle, early: true)

        let orders = try await db.service.purchaseOrders(cycle: cycle)
        #expect(orders.map(\.producer) == ["Boulangerie du Coin", "Ferme Tournesol"])
        let farm = try await db.service.purchaseOrder(cycle: cycle, producer: "ferme tournesol")
        #expect(farm.lines.map(\.product) == ["OEUFS", "POMMES"])
        #expect(farm.lines[0].quantity == Quantity(units: eggs) && farm.lines[0].orders == eggOrders)
        #expect(farm.lines[1].quantity == Quantity(thousandths: apples) && farm.lines[1].orders == 30)
        #expect(farm.lines[0].amount == cents(600 * eggs))
        #expect(farm.total == farm.lines[0].amount + farm.lines[1].amount)
        #expect(farm.contact == "450 555-0101" && farm.pickupDate == LocalDate(year: 2026, month: 3, day: 19)!)
        let bakery = orders[0]
        #expect(bakery.lines.map(\.quantity) == [Quantity(units: bread)])
        // The lines' amounts are the sum of the invoice lines of the same products.
        let invoiced = try await db.service.invoices(cycle: cycle).items.flatMap(\.lines).filter { $0.product == "POMMES" }
        #expect(farm.lines[1].amount.cents == invoiced.reduce(0) { $0 + $1.amount.cents })

        let csv = try await db.service.purchaseOrderCSV(cycle: cycle, producer: "Ferme Tournesol")
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows[0] == "code,name,unit,quantity,orders,amount")
        #expect(rows[1] == "OEUFS,Produit OEUFS,douzaine,\(eggs),\(eggOrders),\(farm.lines[0].amount.decimalString)")
        #expect(rows[2] == "POMMES,Produit POMMES,kg,\(Quantity(thousandths: apples).decimalString),30,\(farm.lines[1].amount.decimalString)")
        #expect(rows.count == 4 && rows[3].isEmpty)
        try await expectRefusal("orders.producer_not_found") { try await db.service.purchaseOrderCSV(cycle: cycle, producer: "Inconnu") }
        try await expectRefusal("orders.cycle_not_found") { try await db.service.purchaseOrders(cycle: 99) }
    }

    @Test func csvFieldsAreQuotedWhenNeeded() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        _ = try await db.service.addProducer(NewProducer(name: "Fromagerie"))
        _ = try await db.service.addProduct(NewProduct(code: "BRIE", name: "Brie, \"double crème\"", producer: "Fromagerie",
                                                       unit: .kilogram, price: cents(3_200), tax: .zero, stock: qty("5")))
        let cycle = try await db.openCycle()
        try await db.order(cycle, try await db.member("Alice"), ["BRIE=0.450"])
        _ = try await db.service.closeCycle(cycle, early: true)
        let csv = try await db.service.purchaseOrderCSV(cycle: cycle, producer: "Fromagerie")
        #expect(csv == "code,name,unit,quantity,orders,amount\r\nBRIE,\"Brie, \"\"double crème\"\"\",kg,0.45,1,14.40\r\n")
    }
}
