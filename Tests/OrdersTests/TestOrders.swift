import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Membership
import Testing
@testable import Orders

/// A fresh database with every migration Orders runs after (Sequences, Membership, Inventory, then
/// Orders) in its own temporary folder, removed when the value is released.
///
/// The clock stands at 2026-03-15T12:00:00Z (08:00 in America/Toronto) and moves only when a test
/// moves it.
final class TestOrders: DatabaseFixture {
    static let start = Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!
    /// Every table an Orders verb writes to (its own, the items it reserves, the member account), so
    /// that a refusal can be shown to change nothing.
    static let tables = [
        "orders_producers", "orders_products", "orders_pickup_points", "orders_cycles", "orders_cycle_products",
        "orders_cycle_pickup_points", "orders_orders", "orders_order_lines", "orders_purchase_orders",
        "orders_purchase_order_lines", "orders_invoice_counters", "orders_invoices", "orders_invoice_lines",
        "orders_invoice_taxes", "inventory_items", "inventory_movements", "account_entries", "coop_sequences",
    ]

    let storage: TemporaryDatabase

    var service: OrdersService { OrdersService(context: context, caller: .localOperator("test")) }
    var membership: MembershipService { MembershipService(context: context, caller: .localOperator("test")) }
    var inventory: InventoryService { InventoryService(context: context, caller: .localOperator("test")) }

    init() async throws {
        storage = try await TemporaryDatabase("orders", readers: 2, schemas: [Sequences.register, Outbox.register, MembershipSchema.register, InventorySchema.register, OrdersSchema.register],
                                              start: Self.start, timeZone: Self.timeZone)
    }

    /// Moves the clock to a UTC instant (`2026-04-01T03:00:00Z`).
    func setClock(_ iso: String) {
        clock.set(Instant.parse(iso, timeZone: .gmt)!)
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int { try await storage.count(table, where: condition) }

    /// Every row of every table Orders writes to, to compare before and after a refused request.
    func snapshot() async throws -> [String: [[DatabaseValue]]] { try await storage.snapshot(TestOrders.tables, order: "1, 2") }

    /// Registers a member and returns the number.
    @discardableResult
    func member(_ first: String, _ last: String = "Tremblay") async throws -> String {
        try await membership.addMember(NewMember(firstName: first, lastName: last, email: "\(first.lowercased()).\(last.lowercased())@example.org")).number
    }

    /// Registers `count` members and returns their numbers.
    func members(_ count: Int) async throws -> [String] {
        var numbers: [String] = []
        for i in 1...count { numbers.append(try await member("Membre\(i)", "Nom\(i)")) }
        return numbers
    }

    @discardableResult
    func product(
        _ code: String, unit: SaleUnit = .unit, price: Int64, tax: TaxClass = .zero, stock: String? = nil, producer: String = "Ferme Tournesol"
    ) async throws -> Product {
        try await service.addProduct(NewProduct(code: code, name: "Produit \(code)", producer: producer, unit: unit,
                                                price: Money(cents: price), tax: tax, stock: stock.map { Quantity(parsing: $0)! }))
    }

    /// Two producers, two pickup points and six products:
    /// POMMES kg 4.50 zero (50 kg), OEUFS douzaine 6.00 zero (20), PAIN unité 5.25 zero (on demand),
    /// SAVON unité 7.99 taxable (10), PANIER panier 25.00 zero (5), JUS unité 3.49 taxable (on demand).
    func catalogue() async throws {
        _ = try await service.addProducer(NewProducer(name: "Ferme Tournesol", contact: "450 555-0101"))
        _ = try await service.addProducer(NewProducer(name: "Boulangerie du Coin"))
        _ = try await service.addPickupPoint(NewPickupPoint(name: "Centre", address: "12 rue Principale", schedule: "jeudi 16 h – 19 h"))
        _ = try await service.addPickupPoint(NewPickupPoint(name: "Marché"))
        try await product("POMMES", unit: .kilogram, price: 450, stock: "50")
        try await product("OEUFS", unit: .dozen, price: 600, stock: "20")
        try await product("PAIN", price: 525, producer: "Boulangerie du Coin")
        try await product("SAVON", price: 799, tax: .taxable, stock: "10")
        try await product("PANIER", unit: .basket, price: 2500, stock: "5")
        try await product("JUS", price: 349, tax: .taxable)
    }

    /// Creates and opens a cycle: opened an hour ago, closing in three days, pickup in four.
    func openCycle(_ name: String = "Semaine 12", pickupPoints: [String] = [], products: [String] = []) async throws -> Int64 {
        let now = clock.now()
        let cycle = try await service.createCycle(NewCycle(
            name: name, opens: now.adding(seconds: -3_600), closes: now.adding(seconds: 3 * 86_400),
            pickupDate: now.localDate(in: Self.timeZone).adding(days: 4), pickupPoints: pickupPoints, products: products))
        return try await service.openCycle(cycle.id).id
    }

    /// Sets a member's order from `CODE=QTY` pairs, as the member does from their own account.
    @discardableResult
    func order(_ cycle: Int64, _ member: String, pickup: String? = "Centre", _ lines: [String], replace: Bool = false) async throws -> Order {
        try await service.acting(as: .member(member)).setOrder(cycle: cycle, member: member, pickup: pickup, lines: try lines.map(OrderLineInput.init(parsing:)),
                                   replace: replace).order
    }

    /// The product's item as Inventory sees it.
    func item(_ code: String) async throws -> Item { try await inventory.item(code) }

    /// The invoice counter of a year, nil before its first document.
    func counter(_ year: Int) async throws -> Int64? {
        try await pool.read { db in try db.scalar("SELECT last_number FROM orders_invoice_counters WHERE year = ?", [year], as: Int64.self) }
    }

    /// Every document number, in id order.
    func documentNumbers() async throws -> [String] {
        try await pool.read { db in try db.query("SELECT number FROM orders_invoices ORDER BY id").map { try $0.get(0) } }
    }
}

/// A quantity from its text (`1.5`).
func qty(_ text: String) -> Quantity { Quantity(parsing: text)! }

/// An amount from its cents.
func cents(_ value: Int64) -> Money { Money(cents: value) }

/// The JSON text of a value, keys sorted.
func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The JSON object of a value, to check its keys and values.
func jsonObject<T: Encodable>(_ value: T) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any])
}
