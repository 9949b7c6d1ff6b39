import CoopCore
import Foundation
import Testing
@testable import Orders

@Suite("Concurrency: the check and the write it guards commit together")
struct ConcurrencyTests {
    @Test func fiftyMembersRacingForTheLastTenUnitsGetExactlyTen() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        try await db.product("FRAISES", price: 650, stock: "10")
        let members = try await db.members(50)
        let cycle = try await db.openCycle()
        // Half the members go through a second pool on the same file, as a second process would: the
        // serial writer of one pool does not hide a race, BEGIN IMMEDIATE is what prevents it.
        let services = [db.service, try db.secondService()]
        let outcomes = await withTaskGroup(of: String.self) { group in
            for (i, number) in members.enumerated() {
                let service = services[i % 2]
                group.addTask {
                    do {
                        _ = try await service.setOrder(cycle: cycle, member: number, pickup: "Centre",
                                                       lines: [OrderLineInput(product: "FRAISES", quantity: qty("1"))])
                        return "sold"
                    } catch let error as CoopError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var outcomes: [String: Int] = [:]
            for await outcome in group { outcomes[outcome, default: 0] += 1 }
            return outcomes
        }
        #expect(outcomes == ["sold": 10, "orders.insufficient_stock": 40])
        let item = try await db.item("FRAISES")
        #expect(item.quantity == 10 && item.unitsOut == 10 && item.available == 0)
        #expect(try await db.count("orders_order_lines", where: "item_id = (SELECT id FROM inventory_items WHERE code = 'FRAISES')") == 10)
        // Refused members got no order at all: each refusal rolled back its own insert.
        #expect(try await db.count("orders_orders") == 10)
        #expect(try await db.pool.read { db in
            try db.scalar("SELECT sum(reserved_units) FROM orders_order_lines", as: Int.self)
        } == 10)
    }

    @Test func twoConcurrentClosesMakeOneSetOfInvoicesWithNoGap() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let members = try await db.members(20)
        let earlier = try await db.openCycle("Avant")
        try await db.order(earlier, members[0], ["PAIN=1"])
        _ = try await db.service.closeCycle(earlier, early: true)   // 2026-000001
        let cycle = try await db.openCycle()
        for number in members { try await db.order(cycle, number, ["PAIN=1", "JUS=2"]) }
        let (one, other) = (db.service, try db.secondService())
        async let first = Result(catching: { try await one.closeCycle(cycle, early: true) })
        async let second = Result(catching: { try await other.closeCycle(cycle, early: true) })
        let results = await [first, second]
        let closings = results.compactMap { try? $0.get() }
        let refusals = results.compactMap { result -> String? in
            if case .failure(let error) = result { return (error as? CoopError)?.code ?? "\(error)" }
            return nil
        }
        #expect(closings.count == 1 && refusals == ["orders.cycle_closed"])
        #expect(closings.first?.invoices == (2...21).map { InvoiceNumbering.number(year: 2026, sequence: Int64($0)) })
        #expect(try await db.documentNumbers() == (1...21).map { InvoiceNumbering.number(year: 2026, sequence: Int64($0)) })
        #expect(try await db.counter(2026) == 21)
        #expect(try await db.count("orders_purchase_orders", where: "cycle_id = \(cycle)") == 2)
        #expect(try await db.count("account_entries", where: "kind = 'invoice'") == 21)
    }
}

extension TestOrders {
    /// A service over a second pool (its own writer connection) on the same database file.
    func secondService() throws -> OrdersService {
        OrdersService(context: CoopContext(database: try DatabasePool(path: pool.path, readerCount: 1), clock: clock, timeZone: TestOrders.timeZone), caller: .localOperator("test"))
    }
}

extension Result where Failure == any Error {
    /// Runs an async throwing body and keeps its outcome.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
