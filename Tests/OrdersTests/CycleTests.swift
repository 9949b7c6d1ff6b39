import CoopCore
import Foundation
import Membership
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Cycles: planned → open → closed → delivered; close confirms, orders from producers and invoices")
struct CycleTests {
    @Test func creatingRefusesImpossibleDatesAndUnknownNames() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let now = db.clock.now(), day = LocalDate(year: 2026, month: 3, day: 19)!
        func cycle(opens: Instant = now, closes: Instant = now.adding(seconds: 86_400), pickup: LocalDate = day,
                   points: [String] = [], products: [String] = []) async throws -> Cycle {
            try await db.service.createCycle(NewCycle(name: "S", opens: opens, closes: closes, pickupDate: pickup, pickupPoints: points, products: products))
        }
        try await expectRefusal("orders.invalid_cycle_dates") { try await cycle(closes: now) }
        try await expectRefusal("orders.invalid_cycle_dates") { try await cycle(pickup: LocalDate(year: 2026, month: 3, day: 15)!) }
        try await expectRefusal("orders.pickup_not_found") { try await cycle(points: ["Nulle part"]) }
        try await expectRefusal("orders.unknown_product") { try await cycle(products: ["RIEN"]) }
        try await expectRefusal("common.required") {
            try await db.service.createCycle(NewCycle(name: " ", opens: now, closes: now.adding(seconds: 60), pickupDate: day))
        }
        #expect(try await db.count("orders_cycles") == 0)

        let all = try await cycle()
        #expect(all.state == .planned && all.products == nil && all.pickupPoints == nil && all.orderCount == 0)
        let some = try await cycle(points: ["marché", "Centre"], products: ["SAVON", "pommes", "SAVON"])
        #expect(some.products == ["POMMES", "SAVON"] && some.pickupPoints == ["Centre", "Marché"])
        let object = try jsonObject(all)
        #expect(object["products"] is NSNull && object["pickupDate"] as? String == "2026-03-19" && object["state"] as? String == "planned")
    }

    @Test func aCycleOpensOnceAndIsListedNewestFirst() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let first = try await db.openCycle("Un")
        try await expectRefusal("orders.cycle_not_planned") { try await db.service.openCycle(first) }
        try await expectRefusal("orders.cycle_not_found") { try await db.service.openCycle(42) }
        let second = try await db.openCycle("Deux")
        #expect(try await db.service.cycles().items.map(\.id) == [second, first])
        #expect(try await db.service.cycles(state: .open).items.count == 2)
        let page = try await db.service.cycles(page: PageRequest(limit: 1))
        #expect(page.items.map(\.id) == [second])
        #expect(try await db.service.cycles(page: try PageRequest(limit: "1", cursor: page.next)).items.map(\.id) == [first])
    }

    @Test func closingConfirmsOrdersMakesPurchaseOrdersAndInvoicesInOneTransaction() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let (alice, bob, carole) = (try await db.member("Alice"), try await db.member("Bob"), try await db.member("Carole"))
        let cycle = try await db.openCycle()
        try await db.order(cycle, alice, ["POMMES=1.5", "SAVON=2", "PAIN=1"])
        try await db.order(cycle, bob, pickup: "Marché", ["OEUFS=2", "PAIN=3"])
        try await db.order(cycle, carole, ["OEUFS=1"])
        try await db.order(cycle, carole, ["OEUFS=0"])   // an emptied basket
        let planned = try await db.service.createCycle(NewCycle(name: "P", opens: db.clock.now(), closes: db.clock.now().adding(seconds: 60),
                                                                pickupDate: LocalDate(year: 2026, month: 3, day: 16)!))
        try await expectRefusal("orders.cycle_not_open") { try await db.service.closeCycle(planned.id, early: true) }

        let closing = try await db.service.closeCycle(cycle, early: true)
        #expect(closing.cycle.state == .closed && closing.cycle.closedAt == db.clock.now())
        #expect(closing.confirmedOrders == 2 && closing.cancelledEmptyOrders == 1)
        #expect(closing.purchaseOrders == 2)
        #expect(closing.invoices == ["2026-000001", "2026-000002"])
        let orders = try await db.service.orders(cycle: cycle).items
        #expect(orders.map(\.status) == [.confirmed, .confirmed, .cancelled])
        #expect(orders[0].invoice == "2026-000001" && orders[2].invoice == nil)

        let invoice = try await db.service.invoice("2026-000001")
        #expect(invoice.member == alice && invoice.kind == .invoice && invoice.order == orders[0].id)
        #expect(invoice.subtotal == orders[0].subtotal && invoice.gst == orders[0].gst && invoice.qst == orders[0].qst && invoice.total == orders[0].total)
        #expect(closing.invoicedTotal == invoice.total + (try await db.service.invoice("2026-000002")).total)
        // Posted to the members' accounts in the same transaction.
        let account = try await db.membership.account(alice)
        #expect(account.entries.map(\.kind) == ["invoice"])
        #expect(account.entries[0].amount == invoice.total && account.entries[0].reference == "2026-000001" && account.entries[0].source == "orders")
        #expect(account.balance == invoice.total)

        try await expectRefusal("orders.cycle_closed") { try await db.service.closeCycle(cycle, early: true) }
        #expect(try await db.count("orders_invoices") == 2)

        try await expectRefusal("orders.cycle_not_closed") { try await db.service.markDelivered(planned.id) }
        let delivered = try await db.service.markDelivered(cycle)
        #expect(delivered.state == .delivered && delivered.deliveredAt != nil)
        try await expectRefusal("orders.cycle_not_closed") { try await db.service.markDelivered(cycle) }
        try await expectRefusal("orders.cycle_closed") { try await db.service.closeCycle(cycle, early: true) }
    }

    /// Closing issues invoices for good: before the closing time it is refused, with nothing changed,
    /// unless the coordinator asks for it; at the closing time it needs no asking.
    @Test func aCycleClosesAtItsClosingTimeOrEarlierOnlyWhenAsked() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let cycle = try await db.openCycle()   // closes three days from the clock: 2026-03-18T12:00Z
        try await db.order(cycle, alice, ["SAVON=2"])
        let before = try await db.snapshot()
        let refused = try await expectRefusal("orders.cycle_not_yet_closable") { try await db.service.closeCycle(cycle) }
        // The closing time in the co-op's zone and as people write it; the date, as it is not today.
        #expect(refused.message(.fr) == "Le cycle \(cycle) ferme le 18 mars 2026 à 8 h ; le fermer maintenant émettrait ses factures avant l’heure. Pour le fermer quand même : --now (API : `\"now\": true`).")
        #expect(refused.message(.en).hasPrefix("Cycle \(cycle) closes on March 18, 2026 at 8:00 AM; closing it now would issue its invoices early."))
        #expect(try await db.snapshot() == before)
        db.setClock("2026-03-18T10:30:00Z")
        let sameDay = try await expectRefusal("orders.cycle_not_yet_closable") { try await db.service.closeCycle(cycle) }
        #expect(sameDay.message(.fr).hasPrefix("Le cycle \(cycle) ferme à 8 h ; "))
        #expect(sameDay.message(.en).hasPrefix("Cycle \(cycle) closes at 8:00 AM; "))
        db.setClock("2026-03-18T12:00:00Z")
        #expect(try await db.service.closeCycle(cycle).invoices == ["2026-000001"])

        let other = try await db.openCycle("Semaine 13")
        #expect(try await db.service.closeCycle(other, early: true).cycle.state == .closed)
    }

    @Test func aCycleWithNoOrdersClosesWithNoDocuments() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let cycle = try await db.openCycle()
        let closing = try await db.service.closeCycle(cycle, early: true)
        #expect(closing.invoices.isEmpty && closing.purchaseOrders == 0 && closing.invoicedTotal == .zero)
        #expect(try await db.counter(2026) == nil)
        #expect(try await db.service.purchaseOrders(cycle: cycle).isEmpty)
    }

    @Test func refusedCycleAndOrderStepsChangeNothing() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let cycle = try await db.openCycle()
        let order = try await db.order(cycle, alice, ["SAVON=2"])
        let planned = try await db.service.createCycle(NewCycle(name: "P", opens: db.clock.now(), closes: db.clock.now().adding(seconds: 60),
                                                                pickupDate: LocalDate(year: 2026, month: 3, day: 16)!))
        let before = try await db.snapshot()
        try await expectRefusal("orders.cycle_not_open") { try await db.service.closeCycle(planned.id, early: true) }
        let notPlanned = try await expectRefusal("orders.cycle_not_planned") { try await db.service.openCycle(cycle) }
        #expect(notPlanned.message(.fr) == "Le cycle \(cycle) est déjà ouvert : seul un cycle planifié peut ouvrir.")
        #expect(notPlanned.arguments["state"] == .text("open"))
        try await expectRefusal("orders.cycle_not_closed") { try await db.service.markDelivered(cycle) }
        let notConfirmed = try await expectRefusal("orders.order_not_confirmed") { try await db.service.pickUpOrder(order.id) }
        // The status in words of each language, never `open` in French; the argument keeps the code.
        #expect(notConfirmed.message(.fr) == "La commande \(order.id) est ouverte, pas confirmée.")
        #expect(notConfirmed.message(.en) == "Order \(order.id) is open, not confirmed.")
        #expect(notConfirmed.arguments["status"] == .text("open"))
        try await expectRefusal("orders.stock_below_reserved") { try await db.service.setStock("SAVON", to: qty("1")) }
        try await expectRefusal("orders.cycle_not_found") { try await db.service.closeCycle(404, early: true) }
        #expect(try await db.snapshot() == before)
    }
}
