import CoopCore
import Foundation
import Inventory
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Orders: one per member per cycle, stock reserved line by line")
struct OrderTests {
    static func setUp() async throws -> (TestOrders, Int64, alice: String, bob: String) {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let bob = try await db.member("Bob", "Roy")
        return (db, try await db.openCycle(), alice, bob)
    }

    @Test func settingAnOrderCreatesItThenChangesIt() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        let first = try await db.service.setOrder(cycle: cycle, member: "m-1", pickup: "Centre",
                                                  lines: [OrderLineInput(product: "pommes", quantity: qty("1.5")),
                                                          OrderLineInput(product: "SAVON", quantity: qty("2"))])
        #expect(first.created)
        let order = first.order
        #expect(order.member == alice && order.cycle == cycle && order.pickup == "Centre" && order.status == .open)
        #expect(order.lines.map(\.product) == ["POMMES", "SAVON"])
        #expect(order.lines[0].quantity == qty("1.5") && order.lines[0].unitPrice == cents(450) && order.lines[0].amount == cents(675))
        #expect(order.lines[1].amount == cents(1_598))
        // GST 5 % and QST 9.975 % on the taxable 15.98 only: 0.799 → 0.80 and 1.594005 → 1.59.
        #expect(order.subtotal == cents(2_273) && order.gst == cents(80) && order.qst == cents(159) && order.total == cents(2_512))
        #expect(order.invoice == nil)

        let second = try await db.service.setOrder(cycle: cycle, member: alice, pickup: nil, lines: [OrderLineInput(product: "OEUFS", quantity: qty("2"))])
        #expect(!second.created && second.order.id == order.id)
        #expect(second.order.lines.map(\.product) == ["OEUFS", "POMMES", "SAVON"])
        #expect(try await db.count("orders_orders") == 1)

        let object = try jsonObject(second.order)
        for key in ["id", "member", "cycle", "pickup", "status", "lines", "subtotal", "gst", "qst", "total"] {
            #expect(object[key] != nil, "\(key)")
        }
        let line = try #require((object["lines"] as? [[String: Any]])?.first)
        #expect(line["product"] as? String == "OEUFS" && line["quantity"] as? Int == 2 && line["unitPrice"] as? Int == 600 && line["amount"] as? Int == 1_200)
        #expect(object["pickup"] as? String == "Centre" && object["member"] as? String == alice)
    }

    @Test func zeroRemovesALineAndReplaceSetsTheWholeBasket() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        try await db.order(cycle, alice, ["POMMES=2", "OEUFS=1", "SAVON=1"])
        #expect(try await db.order(cycle, alice, ["OEUFS=0"]).lines.map(\.product) == ["POMMES", "SAVON"])
        #expect(try await db.service.product("OEUFS").available == qty("20"))
        let replaced = try await db.order(cycle, alice, ["PAIN=3"], replace: true)
        #expect(replaced.lines.map(\.product) == ["PAIN"])
        #expect(try await db.service.product("POMMES").available == qty("50"))
        #expect(try await db.service.product("SAVON").available == qty("10"))
        // Removing a line that is not there changes nothing.
        #expect(try await db.order(cycle, alice, ["SAVON=0"]).lines.map(\.product) == ["PAIN"])
    }

    @Test func theUnitPriceIsFrozenWhenTheLineIsAdded() async throws {
        let (db, cycle, alice, bob) = try await Self.setUp()
        try await db.order(cycle, alice, ["SAVON=1"])
        _ = try await db.service.updateProduct("SAVON", ProductChanges(price: cents(899)))
        let changed = try await db.order(cycle, alice, ["SAVON=3"])
        #expect(changed.lines[0].unitPrice == cents(799) && changed.lines[0].amount == cents(2_397))
        #expect(try await db.order(cycle, bob, ["SAVON=1"]).lines[0].unitPrice == cents(899))
    }

    @Test func addingReservesStockAndRemovingReleasesIt() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        try await db.order(cycle, alice, ["POMMES=2.25", "OEUFS=3", "PAIN=4"])
        #expect(try await db.item("POMMES").unitsOut == 2_250)
        #expect(try await db.item("OEUFS").unitsOut == 3)
        #expect(try await db.item("PAIN").unitsOut == 0)   // on demand: nothing reserved
        try await db.order(cycle, alice, ["POMMES=1", "OEUFS=5"])
        #expect(try await db.item("POMMES").unitsOut == 1_000)
        #expect(try await db.item("OEUFS").unitsOut == 5)
        // Each change is an Inventory movement naming the order.
        let history = try await db.inventory.history("OEUFS").items
        #expect(history.first?.kind == .checkOut && history.first?.reason?.contains("Order") == true && history.first?.actor == alice)
    }

    @Test func orderingMoreThanTheStockLeftNamesWhatIsStillAvailable() async throws {
        let (db, cycle, alice, bob) = try await Self.setUp()
        try await db.order(cycle, alice, ["SAVON=7"])
        let error = try await expectRefusal("orders.insufficient_stock") { try await db.order(cycle, bob, ["SAVON=5"]) }
        #expect(error.kind == .conflict)
        #expect(error.arguments["available"]?.number == 3 && error.arguments["requested"]?.number == 5)
        #expect(error.message(.fr) == "Stock insuffisant pour SAVON : 5 demandés, 3 disponibles.")
        #expect(error.message(.en) == "Not enough SAVON in stock: 5 requested, 3 available.")
        // For a member who already holds some, the most the line can hold counts them.
        let more = try await expectRefusal("orders.insufficient_stock") { try await db.order(cycle, alice, ["SAVON=11"]) }
        #expect(more.arguments["available"]?.number == 10)
        #expect(try await db.order(cycle, alice, ["SAVON=10"]).lines[0].quantity == qty("10"))
        let kg = try await expectRefusal("orders.insufficient_stock") { try await db.order(cycle, bob, ["POMMES=50.001"]) }
        #expect(kg.arguments["available"]?.number == 50)
        // On-demand products have no limit.
        #expect(try await db.order(cycle, bob, ["PAIN=500"]).lines[0].quantity == qty("500"))
    }

    @Test func badLinesAre422AndChangeNothing() async throws {
        let (db, _, alice, _) = try await Self.setUp()
        let cycle = try await db.openCycle("Restreint", pickupPoints: ["Centre"], products: ["POMMES", "OEUFS", "SAVON"])
        try await db.order(cycle, alice, ["POMMES=1"])
        let before = try await db.snapshot()
        let refusals: [(String, [String], String?)] = [
            ("orders.quantity_not_allowed", ["OEUFS=2.5"], "Centre"),
            ("orders.quantity_not_allowed", ["SAVON=0.5"], "Centre"),
            ("orders.quantity_not_positive", ["OEUFS=-1"], "Centre"),
            ("orders.product_not_offered", ["PAIN=1"], "Centre"),
            ("orders.unknown_product", ["RIEN=1"], "Centre"),
            ("orders.duplicate_line", ["OEUFS=1", "oeufs=2"], "Centre"),
            ("orders.pickup_not_served", ["OEUFS=1"], "Marché"),
            ("orders.pickup_not_found", ["OEUFS=1"], "Nulle part"),
            ("orders.quantity_too_large", ["POMMES=1000.5"], "Centre"),
            // A good line before a bad one is not kept either.
            ("orders.insufficient_stock", ["OEUFS=2", "SAVON=11"], "Centre"),
        ]
        for (code, lines, pickup) in refusals {
            let error = try await expectRefusal(code) { try await db.order(cycle, alice, pickup: pickup, lines) }
            if code != "orders.insufficient_stock" && code != "orders.pickup_not_found" { #expect(error.kind == .invalid, "\(code)") }
        }
        try await expectRefusal("common.required") { try await db.order(cycle, try await db.member("Carole"), pickup: nil, ["OEUFS=1"]) }
        try await expectRefusal("orders.cycle_not_found") { try await db.order(999, alice, ["OEUFS=1"]) }
        try await expectRefusal("membership.member_not_found") { try await db.order(cycle, "M-0999", ["OEUFS=1"]) }
        var after = try await db.snapshot()
        // Carole herself was registered for the pickup check; nothing else changed.
        after["coop_sequences"] = before["coop_sequences"]
        #expect(after == before)
    }

    @Test func aRetiredProductIsNoLongerOfferedButCanBeRemoved() async throws {
        let (db, cycle, alice, bob) = try await Self.setUp()
        try await db.order(cycle, alice, ["PAIN=2"])
        _ = try await db.inventory.setStatus("PAIN", .retired)
        try await expectRefusal("orders.product_not_offered") { try await db.order(cycle, bob, ["PAIN=1"]) }
        try await expectRefusal("orders.product_not_offered") { try await db.order(cycle, alice, ["PAIN=3"]) }
        #expect(try await db.order(cycle, alice, ["PAIN=1"]).lines[0].quantity == qty("1"))
        #expect(try await db.order(cycle, alice, ["PAIN=0"]).lines.isEmpty)
    }

    @Test func anInactivePickupPointIsNotServed() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        _ = try await db.service.setPickupPointActive("Marché", false)
        try await expectRefusal("orders.pickup_not_served") { try await db.order(cycle, alice, pickup: "Marché", ["OEUFS=1"]) }
    }

    @Test func ordersChangeOnlyWhileTheCycleIsOpen() async throws {
        let (db, cycle, alice, bob) = try await Self.setUp()
        let now = db.clock.now()
        let planned = try await db.service.createCycle(NewCycle(name: "Plus tard", opens: now.adding(seconds: 86_400),
                                                                closes: now.adding(seconds: 2 * 86_400), pickupDate: LocalDate(year: 2026, month: 3, day: 20)!))
        try await expectRefusal("orders.cycle_not_open") { try await db.order(planned.id, alice, ["OEUFS=1"]) }
        try await db.order(cycle, alice, ["OEUFS=1"])
        // Past the closing time, even before staff close the cycle.
        db.clock.advance(days: 3)
        let error = try await expectRefusal("orders.cycle_closed") { try await db.order(cycle, alice, ["OEUFS=2"]) }
        #expect(error.kind == .conflict)
        try await expectRefusal("orders.cycle_closed") { try await db.service.cancelOrder(try #require(try await db.service.order(cycle: cycle, member: alice)).id) }
        _ = try await db.service.closeCycle(cycle, early: true)
        try await expectRefusal("orders.cycle_closed") { try await db.order(cycle, bob, ["OEUFS=1"]) }
    }

    @Test func aSuspendedMemberCannotOrder() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        _ = try await db.membership.suspend(alice, reason: "cotisation impayée")
        try await expectRefusal("orders.member_cannot_order") { try await db.order(cycle, alice, ["OEUFS=1"]) }
    }

    @Test func cancellingReleasesStockAndACancelledOrderCanBeReopened() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        let order = try await db.order(cycle, alice, ["SAVON=4", "POMMES=1.5"])
        let cancelled = try await db.service.cancelOrder(order.id)
        #expect(cancelled.status == .cancelled)
        #expect(try await db.item("SAVON").unitsOut == 0)
        #expect(try await db.item("POMMES").unitsOut == 0)
        try await expectRefusal("orders.order_not_cancellable") { try await db.service.cancelOrder(order.id) }
        try await expectRefusal("orders.order_not_found") { try await db.service.cancelOrder(999) }
        let reopened = try await db.service.setOrder(cycle: cycle, member: alice, pickup: nil, lines: [OrderLineInput(product: "OEUFS", quantity: qty("1"))])
        #expect(!reopened.created && reopened.order.id == order.id && reopened.order.status == .open)
        #expect(reopened.order.lines.map(\.product) == ["OEUFS"])
        #expect(try await db.service.cycle(cycle).orderCount == 1)
    }

    @Test func pickingUpConsumesTheReservedStock() async throws {
        let (db, cycle, alice, _) = try await Self.setUp()
        let order = try await db.order(cycle, alice, ["SAVON=4", "POMMES=1.5", "PAIN=2"])
        try await expectRefusal("orders.order_not_confirmed") { try await db.service.pickUpOrder(order.id) }
        _ = try await db.service.closeCycle(cycle, early: true)
        // Confirmed orders still hold their stock until pickup.
        #expect(try await db.item("SAVON").unitsOut == 4)
        let picked = try await db.service.pickUpOrder(order.id)
        #expect(picked.status == .picked_up)
        let savon = try await db.item("SAVON"), pommes = try await db.item("POMMES")
        #expect(savon.quantity == 6 && savon.unitsOut == 0)
        #expect(pommes.quantity == 48_500 && pommes.unitsOut == 0)
        #expect(try await db.service.product("POMMES").stock == qty("48.5"))
        try await expectRefusal("orders.order_not_confirmed") { try await db.service.pickUpOrder(order.id) }
        try await expectRefusal("orders.order_not_cancellable") { try await db.service.cancelOrder(order.id) }
    }

    @Test func ordersAreListedByCycleMemberAndStatus() async throws {
        let (db, cycle, alice, bob) = try await Self.setUp()
        try await db.order(cycle, alice, ["OEUFS=1"])
        try await db.order(cycle, bob, pickup: "Marché", ["OEUFS=2"])
        let other = try await db.openCycle("Autre")
        try await db.order(other, alice, ["PAIN=1"])
        #expect(try await db.service.orders(cycle: cycle).items.map(\.member) == [alice, bob])
        #expect(try await db.service.orders(member: alice).items.map(\.cycle) == [cycle, other])
        let page = try await db.service.orders(page: PageRequest(limit: 2))
        #expect(page.items.count == 2)
        #expect(try await db.service.orders(page: try PageRequest(limit: "2", cursor: page.next)).items.count == 1)
        #expect(try await db.service.orders(status: .cancelled).items.isEmpty)
        #expect(try await db.service.order(cycle: other, member: bob) == nil)
    }
}
