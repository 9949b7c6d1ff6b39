import Benchmark
import CoopCore
import Foundation
import Inventory
import Membership
import Orders

/// Closing a week of a food co-op: 1,000 orders of 15 lines over 300 products from 40 producers, so
/// 15,000 confirmed lines become 40 purchase orders and 1,000 invoices (17,000 document lines, 1,000
/// account entries), in one transaction. The orders are placed through `setOrder` before the
/// measurement starts; only `closeCycle` is measured.
func ordersBenchmarks() {
    Benchmark(
        "Orders: close a cycle of 1,000 orders × 15 lines, 300 products",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 0, scalingFactor: .one,
                             maxDuration: .seconds(60), maxIterations: 5)
    ) { benchmark in
        let fixture = try await OrdersBenchmarkFixture.week(orders: 1_000, linesPerOrder: 15, products: 300, producers: 40)
        benchmark.startMeasurement()
        let closing = try await fixture.service.closeCycle(fixture.cycle, early: true)
        benchmark.stopMeasurement()
        guard closing.invoices.count == 1_000 else { throw OrdersBenchmarkFixture.Failure(reason: "not every order was invoiced") }
        blackHole(closing)
        fixture.remove()
    }
}

/// A co-op on a temporary database with an open cycle full of orders. It opens the database with the
/// four migrations Orders needs, so it does not depend on how the faces assemble the domains.
struct OrdersBenchmarkFixture {
    let service: OrdersService
    let cycle: Int64
    let path: String

    struct Failure: Error {
        let reason: String
    }

    static func week(orders: Int, linesPerOrder: Int, products: Int, producers: Int) async throws -> OrdersBenchmarkFixture {
        // The lines of one order are 20 products apart, so they never name a product twice.
        guard linesPerOrder <= products / 20 else { throw Failure(reason: "too many lines for the products") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coop-bench-orders-\(UUID().uuidString).sqlite").path
        let pool = try DatabasePool(path: path)
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        OrdersSchema.register(in: &migrator)
        try await migrator.migrate(pool)
        let zone = TimeZone(identifier: "America/Toronto")!
        let context = CoopContext(database: pool, clock: SystemClock(), timeZone: zone)
        let service = OrdersService(context: context, caller: .localOperator("bench"))

        var csv = "first_name,last_name,email\n"
        for i in 1...orders { csv += "Prénom\(i),Nom\(i),m\(i)@example.org\n" }
        let members = try await MembershipService(context: context, caller: .localOperator("bench")).importMembers(csv: Data(csv.utf8), source: "bench.csv").map(\.number)

        for p in 0..<producers { _ = try await service.addProducer(NewProducer(name: "Producteur \(p)")) }
        _ = try await service.addPickupPoint(NewPickupPoint(name: "Centre"))
        _ = try await service.addPickupPoint(NewPickupPoint(name: "Marché"))
        let units: [SaleUnit] = [.unit, .kilogram, .dozen, .basket]
        for p in 0..<products {
            let unit = units[p % units.count]
            _ = try await service.addProduct(NewProduct(
                code: "P-\(p)", name: "Produit \(p)", producer: "Producteur \(p % producers)", unit: unit,
                price: Money(cents: Int64(99 + p * 37 % 2_000)), tax: p % 3 == 0 ? .taxable : .zero,
                stock: Quantity(units: unit == .kilogram ? 900 : 10_000)))
        }

        let now = Instant.now()
        let cycle = try await service.createCycle(NewCycle(
            name: "Semaine", opens: now.adding(seconds: -3_600), closes: now.adding(seconds: 86_400),
            pickupDate: now.localDate(in: zone).adding(days: 2)))
        _ = try await service.openCycle(cycle.id)
        for (j, member) in members.enumerated() {
            let lines = (0..<linesPerOrder).map { k in
                let p = (j * 7 + k * 20) % products
                // 0.5 to 1.5 kg by weight, 1 to 3 of anything else.
                let quantity = units[p % units.count] == .kilogram ? Quantity(thousandths: Int64(500 + (j + k) % 3 * 500))
                                                                    : Quantity(units: Int64(1 + (j + k) % 3))
                return OrderLineInput(product: "P-\(p)", quantity: quantity)
            }
            _ = try await service.setOrder(cycle: cycle.id, member: member, pickup: j.isMultiple(of: 2) ? "Centre" : "Marché", lines: lines)
        }
        return OrdersBenchmarkFixture(service: service, cycle: cycle.id, path: path)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
