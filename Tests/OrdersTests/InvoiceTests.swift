import CoopCore
import Foundation
import Membership
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Invoices: gapless numbers per year, taxes on the taxable sum, never edited")
struct InvoiceTests {
    @Test func anInvoiceMixesZeroRatedAndTaxableLinesWithHalfCentRounding() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        try await db.product("VIN", price: 1_000, tax: .taxable, stock: "100")
        try await db.product("BISCUIT", price: 10, tax: .taxable, stock: "100")
        try await db.product("GALETTE", price: 10, tax: .taxable, stock: "100")
        try await db.product("FROMAGE", unit: .kilogram, price: 2_450, stock: "10")
        let (alice, bob) = (try await db.member("Alice"), try await db.member("Bob"))
        let cycle = try await db.openCycle()
        // Taxable 20.00: GST 1.00, QST 1.995 → 2.00. Zero-rated 7.35 (0.3 kg × 24.50) + 6.00.
        try await db.order(cycle, alice, ["VIN=2", "FROMAGE=0.3", "OEUFS=1"])
        // Two taxable lines of 0.10: the taxes are computed once on 0.20 (GST 0.01, QST 0.01995 → 0.02),
        // not line by line (which would give GST 0.02).
        try await db.order(cycle, bob, ["BISCUIT=1", "GALETTE=1"])
        _ = try await db.service.closeCycle(cycle, early: true)

        let first = try await db.service.invoice("2026-000001")
        #expect(first.lines.map(\.product) == ["FROMAGE", "OEUFS", "VIN"])
        #expect(first.lines.map(\.amount) == [cents(735), cents(600), cents(2_000)])
        #expect(first.subtotal == cents(3_335) && first.gst == cents(100) && first.qst == cents(200) && first.total == cents(3_635))
        #expect(first.taxes == [InvoiceTaxLine(tax: .gst, rate: 5_000, base: cents(2_000), amount: cents(100)),
                                InvoiceTaxLine(tax: .qst, rate: 9_975, base: cents(2_000), amount: cents(200))])
        let second = try await db.service.invoice("2026-000002")
        #expect(second.subtotal == cents(20) && second.gst == cents(1) && second.qst == cents(2) && second.total == cents(23))
        for invoice in [first, second] {
            #expect(invoice.total == invoice.subtotal + invoice.gst + invoice.qst)
            #expect(invoice.subtotal.cents == invoice.lines.reduce(0) { $0 + $1.amount.cents })
            #expect(invoice.gst + invoice.qst == invoice.taxes.reduce(Money.zero) { $0 + $1.amount })
        }

        let object = try jsonObject(first)
        for key in ["number", "member", "lines", "subtotal", "gst", "qst", "total"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["number"] as? String == "2026-000001" && object["total"] as? Int == 3_635 && object["creditedInvoice"] is NSNull)
        let line = try #require((object["lines"] as? [[String: Any]])?.first)
        #expect(line["product"] as? String == "FROMAGE" && line["quantity"] as? Double == 0.3 && line["amount"] as? Int == 735)
    }

    @Test func numbersAreGaplessAcrossCyclesCreditNotesAndYears() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let members = try await db.members(4)
        let one = try await db.openCycle("Un")
        for number in members.prefix(3) { try await db.order(one, number, ["PAIN=1"]) }
        #expect(try await db.service.closeCycle(one, early: true).invoices == ["2026-000001", "2026-000002", "2026-000003"])
        #expect(try await db.service.creditNote(invoice: "2026-000002", reason: "pain rassis", .everythingLeft).number == "2026-000004")
        let two = try await db.openCycle("Deux")
        for number in members { try await db.order(two, number, ["JUS=1"]) }
        #expect(try await db.service.closeCycle(two, early: true).invoices == ["2026-000005", "2026-000006", "2026-000007", "2026-000008"])

        // 23:30 on December 31 in Toronto is already 2027 in UTC: still a 2026 number.
        db.setClock("2026-12-30T12:00:00Z")
        let three = try await db.openCycle("Trois")
        try await db.order(three, members[0], ["PAIN=1"])
        db.setClock("2027-01-01T04:30:00Z")
        #expect(try await db.service.closeCycle(three, early: true).invoices == ["2026-000009"])
        // Five minutes past midnight in Toronto: the series starts again at 1 for 2027.
        db.setClock("2027-01-01T05:05:00Z")
        let four = try await db.openCycle("Quatre")
        try await db.order(four, members[1], ["PAIN=1"])
        try await db.order(four, members[2], ["PAIN=1"])
        #expect(try await db.service.closeCycle(four, early: true).invoices == ["2027-000001", "2027-000002"])
        #expect(try await db.service.creditNote(invoice: "2026-000009", reason: "erreur", .everythingLeft).number == "2027-000003")
        #expect(try await db.counter(2026) == 9)
        #expect(try await db.counter(2027) == 3)
        let numbers = try await db.documentNumbers()
        #expect(numbers == (1...9).map { "2026-00000\($0)" } + ["2027-000001", "2027-000002", "2027-000003"])
        #expect(try await db.service.invoice("2027-000003").date == LocalDate(year: 2027, month: 1, day: 1)!)
    }

    @Test func aFailedCloseTakesItsNumbersBack() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let members = try await db.members(3)
        let cycle = try await db.openCycle()
        for number in members { try await db.order(cycle, number, ["PAIN=1"]) }
        // Make the third invoice fail half-way through the close.
        try await db.pool.write { db in
            try db.execute("""
                CREATE TEMP TRIGGER fail_third BEFORE INSERT ON orders_invoices WHEN NEW.sequence = 3
                BEGIN SELECT RAISE(ABORT, 'disk full'); END
                """)
        }
        let before = try await db.snapshot()
        await #expect(throws: DatabaseError.self) { try await db.service.closeCycle(cycle, early: true) }
        #expect(try await db.snapshot() == before)
        #expect(try await db.counter(2026) == nil)
        try await db.pool.write { db in try db.execute("DROP TRIGGER temp.fail_third") }
        #expect(try await db.service.closeCycle(cycle, early: true).invoices == ["2026-000001", "2026-000002", "2026-000003"])
    }

    @Test func invoicesAreNeverEdited() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let cycle = try await db.openCycle()
        try await db.order(cycle, try await db.member("Alice"), ["SAVON=1"])
        _ = try await db.service.closeCycle(cycle, early: true)
        for sql in ["UPDATE orders_invoices SET total_cents = 0", "DELETE FROM orders_invoices",
                    "UPDATE orders_invoice_lines SET amount_cents = 0", "DELETE FROM orders_invoice_taxes",
                    "UPDATE orders_invoice_counters SET last_number = 0"] {
            await #expect(throws: DatabaseError.self, "\(sql)") { try await db.pool.write { db in try db.execute(sql) } }
        }
    }

    @Test func invoicesAreListedByMemberAndCycle() async throws {
        let db = try await TestOrders()
        try await db.catalogue()
        let (alice, bob) = (try await db.member("Alice"), try await db.member("Bob"))
        let one = try await db.openCycle("Un")
        try await db.order(one, alice, ["PAIN=1"])
        try await db.order(one, bob, ["PAIN=1"])
        _ = try await db.service.closeCycle(one, early: true)
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "oubli", .everythingLeft)
        #expect(try await db.service.invoices(member: alice).items.map(\.number) == ["2026-000001", "2026-000003"])
        #expect(try await db.service.invoices(cycle: one, kind: .invoice).items.map(\.member) == [alice, bob])
        #expect(try await db.service.invoices(member: bob, cycle: one + 1).items.isEmpty)
        try await expectRefusal("orders.invoice_not_found") { try await db.service.invoice("2026-999999") }
    }
}
