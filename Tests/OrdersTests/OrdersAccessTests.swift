import CoopCore
import CoopTestSupport
import Membership
import Testing
@testable import Orders

/// Orders' access table (`OrdersVerb`), one case per verb: whom its rule names gets in, everyone else
/// is refused with 401 or 403 before anything is read. The switch is exhaustive, so a new verb cannot
/// be added without a case here.
@Suite struct OrdersAccessTests {
    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func rule(_ verb: OrdersVerb) -> AccessRule {
        switch verb {
        case .producer, .producers, .product, .products, .pickupPoint, .pickupPoints, .cycle, .cycles: .anyone
        case .setOrder, .order, .orders, .invoice, .invoices, .statement: .signedIn
        case .addProducer, .addProduct, .updateProduct, .setStock, .addPickupPoint, .setPickupPointActive,
             .createCycle, .openCycle, .closeCycle, .markDelivered, .cancelOrder, .pickUpOrder, .creditNote,
             .purchaseOrders, .purchaseOrder, .purchaseOrderCSV, .packingList, .pickingList, .salesByProducer, .taxReport: .staff
        }
    }

    @Test(arguments: OrdersVerb.allCases)
    func eachVerbLetsInOnlyWhomItsRuleNames(verb: OrdersVerb) async throws {
        let db = try await TestOrders()
        _ = try await db.member("Alice")
        try await db.catalogue()
        let cycle = try await db.openCycle()
        let now = db.clock.now()
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let orders = db.service.acting(as: caller)
            switch verb {
            case .producer: _ = try await orders.producer("Ferme Tournesol")
            case .producers: _ = try await orders.producers()
            case .product: _ = try await orders.product("POMMES")
            case .products: _ = try await orders.products()
            case .pickupPoint: _ = try await orders.pickupPoint("Centre")
            case .pickupPoints: _ = try await orders.pickupPoints()
            case .cycle: _ = try await orders.cycle(cycle)
            case .cycles: _ = try await orders.cycles()
            case .setOrder:
                _ = try await orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Centre",
                                              lines: [OrderLineInput(product: "PAIN", quantity: Quantity(units: 1))])
            case .order: _ = try await orders.order(cycle: cycle, member: "M-0001")
            case .orders: _ = try await orders.orders(member: "M-0001")
            case .invoice: _ = try await orders.invoice("2026-000001")
            case .invoices: _ = try await orders.invoices(member: "M-0001")
            case .statement: _ = try await orders.statement(member: "M-0001", month: YearMonth(year: 2026, month: 3)!)
            case .addProducer: _ = try await orders.addProducer(NewProducer(name: "Verger \(caller.label ?? "")"))
            case .addProduct:
                _ = try await orders.addProduct(NewProduct(code: "MIEL-\(caller.role?.rawValue ?? "x")", name: "Miel", producer: "Ferme Tournesol",
                                                           unit: .unit, price: Money(cents: 900), tax: .zero, stock: nil))
            case .updateProduct: _ = try await orders.updateProduct("PAIN", ProductChanges(price: Money(cents: 550)))
            case .setStock: _ = try await orders.setStock("SAVON", to: Quantity(units: 12))
            case .addPickupPoint: _ = try await orders.addPickupPoint(NewPickupPoint(name: "Gare \(caller.label ?? "")"))
            case .setPickupPointActive: _ = try await orders.setPickupPointActive("Marché", true)
            case .createCycle:
                _ = try await orders.createCycle(NewCycle(name: "Semaine \(caller.label ?? "")", opens: now.adding(seconds: 86_400),
                                                          closes: now.adding(seconds: 3 * 86_400), pickupDate: now.localDate(in: TestOrders.timeZone).adding(days: 4)))
            case .openCycle: _ = try await orders.openCycle(cycle)
            case .closeCycle: _ = try await orders.closeCycle(cycle)
            case .markDelivered: _ = try await orders.markDelivered(cycle)
            case .cancelOrder: _ = try await orders.cancelOrder(1)
            case .pickUpOrder: _ = try await orders.pickUpOrder(1)
            case .creditNote: _ = try await orders.creditNote(invoice: "2026-000001", reason: "erreur", .everythingLeft)
            case .purchaseOrders: _ = try await orders.purchaseOrders(cycle: cycle)
            case .purchaseOrder: _ = try await orders.purchaseOrder(cycle: cycle, producer: "Ferme Tournesol")
            case .purchaseOrderCSV: _ = try await orders.purchaseOrderCSV(cycle: cycle, producer: "Ferme Tournesol")
            case .packingList: _ = try await orders.packingList(cycle: cycle)
            case .pickingList: _ = try await orders.pickingList(cycle: cycle)
            case .salesByProducer: _ = try await orders.salesByProducer(.cycle(cycle))
            case .taxReport: _ = try await orders.taxReport(from: now.localDate(in: TestOrders.timeZone).adding(days: 4), to: now.localDate(in: TestOrders.timeZone).adding(days: 4))
            }
        }
    }

    @Test func aMemberFillsAndReadsOnlyTheirOwnBasketAndInvoices() async throws {
        let db = try await TestOrders()
        _ = try await db.member("Alice")
        let bob = try await db.member("Bob")
        try await db.catalogue()
        let cycle = try await db.openCycle()
        let line = [OrderLineInput(product: "PAIN", quantity: Quantity(units: 2))]
        let alice = db.service.acting(as: .member("M-0001"))
        let own = try await alice.setOrder(cycle: cycle, member: nil, pickup: "Centre", lines: line)
        #expect(own.order.member == "M-0001", "a member's basket is their own when they name no one")
        try await expectRefusal("auth.not_your_data") { try await alice.setOrder(cycle: cycle, member: bob, pickup: "Centre", lines: line) }
        let bobs = try await db.service.setOrder(cycle: cycle, member: bob, pickup: "Centre", lines: line)
        try await expectRefusal("auth.not_your_data") { try await alice.order(bobs.order.id) }
        try await expectRefusal("auth.not_your_data") { try await alice.orders(member: bob) }
        #expect(try await alice.orders().items.map(\.member) == ["M-0001"])
        try await expectRefusal("auth.not_your_data") { try await alice.statement(member: bob, month: YearMonth(year: 2026, month: 3)!) }
        try await expectRefusal("common.required") { try await db.service.acting(as: .staff("desk")).setOrder(cycle: cycle, member: nil, pickup: "Centre", lines: line) }
    }
}
