import CoopCore
import Foundation
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Reports: packing, picking, sales by producer, taxes")
struct ReportTests {
    static func closedCycle() async throws -> (TestOrders, Int64, [String]) {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice", "Tremblay"), bob = try await db.member("Bob", "Roy"), carole = try await db.member("Carole", "Côté")
        let cycle = try await db.openCycle()
        try await db.order(cycle, alice, ["POMMES=1.5", "SAVON=2"])
        try await db.order(cycle, bob, pickup: "Marché", ["POMMES=0.5", "PAIN=2", "JUS=1"])
        try await db.order(cycle, carole, ["PAIN=1"])
        _ = try await db.service.closeCycle(cycle, early: true)
        return (db, cycle, [alice, bob, carole])
    }

    @Test func packingListGroupsBasketsByPickupPoint() async throws {
        let (db, cycle, members) = try await Self.closedCycle()
        let slips = try await db.service.packingList(cycle: cycle)
        #expect(slips.map(\.pickup) == ["Centre", "Centre", "Marché"])
        #expect(slips.map(\.member) == [members[0], members[2], members[1]])
        #expect(slips[0].memberName == "Alice Tremblay" && slips[0].status == .confirmed)
        #expect(slips[0].lines.map(\.product) == ["POMMES", "SAVON"] && slips[0].lines[0].quantity == qty("1.5"))
        #expect(try await db.service.packingList(cycle: cycle, pickup: "marché").map(\.member) == [members[1]])
        try await expectRefusal("orders.pickup_not_found") { try await db.service.packingList(cycle: cycle, pickup: "Nulle part") }
    }

    @Test func pickingListSumsEachProductAndSplitsItByPickupPoint() async throws {
        let (db, cycle, _) = try await Self.closedCycle()
        let rows = try await db.service.pickingList(cycle: cycle)
        #expect(rows.map(\.product) == ["JUS", "PAIN", "POMMES", "SAVON"])
        let apples = rows[2]
        #expect(apples.quantity == qty("2") && apples.orders == 2 && apples.producer == "Ferme Tournesol" && apples.unit == .kilogram)
        #expect(apples.pickups == [PickupQuantity(pickup: "Centre", quantity: qty("1.5")), PickupQuantity(pickup: "Marché", quantity: qty("0.5"))])
        #expect(rows[1].quantity == qty("3") && rows[1].producer == "Boulangerie du Coin")
    }

    @Test func salesByProducerForACycleOrAMonthNetOfCredits() async throws {
        let (db, cycle, _) = try await Self.closedCycle()
        // Alice: POMMES 6.75 + SAVON 15.98; Bob: POMMES 2.25, PAIN 10.50, JUS 3.49; Carole: PAIN 5.25.
        _ = try await db.service.creditNote(invoice: "2026-000002", reason: "pain oublié", .lines([CreditLineInput(product: "PAIN", quantity: qty("1"))]))
        let report = try await db.service.salesByProducer(.cycle(cycle))
        #expect(report.period == "cycle \(cycle)")
        #expect(report.rows == [
            SalesRow(producer: "Boulangerie du Coin", invoiced: cents(1_575), credited: cents(525), net: cents(1_050)),
            SalesRow(producer: "Ferme Tournesol", invoiced: cents(675 + 1_598 + 225 + 349), credited: .zero, net: cents(2_847)),
        ])
        #expect(report.net == cents(1_050 + 2_847))
        #expect(try await db.service.salesByProducer(.month(try YearMonth(parsing: "2026-03", field: "month"))).rows == report.rows)
        #expect(try await db.service.salesByProducer(.month(try YearMonth(parsing: "2026-04", field: "month"))).rows.isEmpty)
        try await expectRefusal("orders.cycle_not_found") { try await db.service.salesByProducer(.cycle(99)) }
    }

    @Test func taxesCollectedOverAPeriodNetOfCreditNotes() async throws {
        let (db, _, _) = try await Self.closedCycle()
        // Alice: taxable 15.98 → GST 0.80, QST 1.59. Bob: taxable 3.49 → GST 0.17, QST 0.35 (0.3481…).
        db.setClock("2026-04-10T15:00:00Z")
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "savon", .lines([CreditLineInput(product: "SAVON", quantity: qty("1"))]))
        let march = try await db.service.taxReport(from: LocalDate(year: 2026, month: 3, day: 1)!, to: LocalDate(year: 2026, month: 3, day: 31)!)
        #expect(march.invoiceCount == 3 && march.creditNoteCount == 0)
        #expect(march.rows == [
            TaxReportRow(tax: .gst, base: cents(1_947), collected: cents(97), refunded: .zero, net: cents(97)),
            TaxReportRow(tax: .qst, base: cents(1_947), collected: cents(194), refunded: .zero, net: cents(194)),
        ])
        let spring = try await db.service.taxReport(from: LocalDate(year: 2026, month: 3, day: 1)!, to: LocalDate(year: 2026, month: 4, day: 30)!)
        #expect(spring.creditNoteCount == 1)
        // The credit gives back GST 0.80 − 0.40 and QST 1.59 − 0.80.
        #expect(spring.rows.map(\.refunded) == [cents(40), cents(79)])
        #expect(spring.rows.map(\.net) == [cents(57), cents(115)])
        #expect(spring.rows.map(\.base) == [cents(1_947 - 799), cents(1_947 - 799)])
        try await expectRefusal("orders.invalid_period") {
            try await db.service.taxReport(from: LocalDate(year: 2026, month: 4, day: 1)!, to: LocalDate(year: 2026, month: 3, day: 1)!)
        }
    }
}
