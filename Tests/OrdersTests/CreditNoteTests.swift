import CoopCore
import Foundation
import Membership
import Testing
@testable import Orders
import CoopTestSupport

@Suite("Credit notes: their own number, referring to the invoice, posted negative")
struct CreditNoteTests {
    /// Alice's invoice 2026-000001: OEUFS 2 × 6.00, POMMES 1.5 kg × 4.50, SAVON 3 × 7.99 (taxable): 46.31.
    static func invoiced() async throws -> (TestOrders, alice: String) {
        let db = try await TestOrders()
        try await db.catalogue()
        let alice = try await db.member("Alice")
        let cycle = try await db.openCycle()
        try await db.order(cycle, alice, ["SAVON=3", "POMMES=1.5", "OEUFS=2"])
        _ = try await db.service.closeCycle(cycle, early: true)
        return (db, alice)
    }

    @Test func aPartialCreditRefersToTheInvoiceAndIsPostedNegative() async throws {
        let (db, alice) = try await Self.invoiced()
        let invoice = try await db.service.invoice("2026-000001")
        // Taxable 23.97: GST 1.1985 → 1.20, QST 2.3910075 → 2.39.
        #expect(invoice.subtotal == cents(4_272) && invoice.gst == cents(120) && invoice.qst == cents(239) && invoice.total == cents(4_631))

        db.clock.advance(days: 5)
        let note = try await db.service.creditNote(invoice: "2026-000001", reason: "Savon abîmé",
                                                   .lines([CreditLineInput(product: "savon", quantity: qty("1"))]))
        #expect(note.number == "2026-000002" && note.kind == .creditNote && note.creditedInvoice == "2026-000001" && note.reason == "Savon abîmé")
        #expect(note.lines.map(\.product) == ["SAVON"] && note.lines[0].amount == cents(799))
        // Taxes are the difference between the tax on 23.97 and on 15.98: GST 1.20 − 0.80, QST 2.39 − 1.59.
        #expect(note.gst == cents(40) && note.qst == cents(80) && note.total == cents(919))
        #expect(note.total == note.subtotal + note.gst + note.qst)
        #expect(try await db.service.invoice("2026-000001").creditNotes == ["2026-000002"])
        #expect(try await db.service.invoice("2026-000001") == invoice.with(creditNotes: ["2026-000002"]))

        let account = try await db.membership.account(alice)
        #expect(account.entries.map(\.kind) == ["invoice", "credit_note"])
        #expect(account.entries[1].amount == cents(-919) && account.entries[1].reference == "2026-000002")
        #expect(account.balance == cents(4_631 - 919))
    }

    @Test func creditingEverythingInPiecesGivesBackExactlyWhatWasCharged() async throws {
        let (db, alice) = try await Self.invoiced()
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "un", .lines([CreditLineInput(product: "SAVON", quantity: qty("1"))]))
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "deux",
                                            .lines([CreditLineInput(product: "POMMES", quantity: qty("0.333")),
                                                    CreditLineInput(product: "SAVON", quantity: qty("1"))]))
        let rest = try await db.service.creditNote(invoice: "2026-000001", reason: "le reste", .everythingLeft)
        #expect(rest.lines.map(\.product) == ["OEUFS", "POMMES", "SAVON"])
        #expect(rest.lines.map(\.quantity) == [qty("2"), qty("1.167"), qty("1")])
        let invoice = try await db.service.invoice("2026-000001")
        var credited = (subtotal: Money.zero, gst: Money.zero, qst: Money.zero, total: Money.zero)
        for number in invoice.creditNotes {
            let note = try await db.service.invoice(number)
            credited = (credited.subtotal + note.subtotal, credited.gst + note.gst, credited.qst + note.qst, credited.total + note.total)
        }
        #expect(credited.subtotal == invoice.subtotal && credited.gst == invoice.gst && credited.qst == invoice.qst && credited.total == invoice.total)
        #expect(try await db.membership.account(alice).balance == .zero)
        try await expectRefusal("orders.invoice_fully_credited") { try await db.service.creditNote(invoice: "2026-000001", reason: "encore", .everythingLeft) }
    }

    @Test func refusedCreditsChangeNothing() async throws {
        let (db, _) = try await Self.invoiced()
        _ = try await db.service.creditNote(invoice: "2026-000001", reason: "un", .lines([CreditLineInput(product: "SAVON", quantity: qty("2"))]))
        let before = try await db.snapshot()
        let exceeded = try await expectRefusal("orders.credit_exceeds_invoice") {
            try await db.service.creditNote(invoice: "2026-000001", reason: "trop", .lines([CreditLineInput(product: "SAVON", quantity: qty("2"))]))
        }
        #expect(exceeded.arguments["remaining"]?.number == 1 && exceeded.kind == .conflict)
        let refusals: [(String, String, CreditScope)] = [
            ("orders.product_not_on_invoice", "2026-000001", .lines([CreditLineInput(product: "PAIN", quantity: qty("1"))])),
            ("orders.quantity_not_allowed", "2026-000001", .lines([CreditLineInput(product: "OEUFS", quantity: qty("0.5"))])),
            ("orders.quantity_not_positive", "2026-000001", .lines([CreditLineInput(product: "OEUFS", quantity: qty("0"))])),
            ("orders.quantity_not_positive", "2026-000001", .lines([CreditLineInput(product: "OEUFS", quantity: qty("-1"))])),
            ("orders.duplicate_line", "2026-000001", .lines([CreditLineInput(product: "OEUFS", quantity: qty("1")), CreditLineInput(product: "oeufs", quantity: qty("1"))])),
            // No line named is no longer "everything": that must be asked for.
            ("orders.credit_scope_required", "2026-000001", .lines([])),
            ("orders.not_an_invoice", "2026-000002", .everythingLeft),
            ("orders.invoice_not_found", "2026-000099", .everythingLeft),
        ]
        for (code, number, scope) in refusals {
            try await expectRefusal(code) { try await db.service.creditNote(invoice: number, reason: "x", scope) }
        }
        try await expectRefusal("common.required") { try await db.service.creditNote(invoice: "2026-000001", reason: "  ", .everythingLeft) }
        #expect(try await db.snapshot() == before)
    }

    @Test func cancellingAConfirmedOrderReleasesItsStockAndCreditsItsInvoice() async throws {
        let (db, alice) = try await Self.invoiced()
        let order = try #require(try await db.service.orders(member: alice).items.first)
        #expect(try await db.item("SAVON").unitsOut == 3)
        let cancelled = try await db.service.cancelOrder(order.id)
        #expect(cancelled.status == .cancelled && cancelled.invoice == "2026-000001")
        #expect(try await db.item("SAVON").unitsOut == 0)
        let note = try await db.service.invoice("2026-000002")
        #expect(note.kind == .creditNote && note.total == cents(4_631) && note.creditedInvoice == "2026-000001")
        #expect(try await db.membership.account(alice).balance == .zero)
        // The co-op's own reason, in the member's language only.
        #expect(note.reason == "Commande annulée")
        _ = try await db.membership.updateMember(alice, MemberChanges(language: .en))
        #expect(try await db.service.invoice("2026-000002").reason == "Order cancelled")
        // A credit note written before, with both languages in its reason, reads the same way.
        #expect(Invoice.reason("Commande annulée / Order cancelled", .en) == "Order cancelled")
        #expect(Invoice.reason("Commande annulée / Order cancelled", .fr) == "Commande annulée")
        #expect(Invoice.reason("Pot cassé", .en) == "Pot cassé", "what staff wrote, as written")
    }

    /// What the faces read (lines typed, `--all` or `"all": true`) becomes a scope here, so both refuse alike.
    @Test func aScopeIsLinesOrEverythingNeverNeitherNorBoth() throws {
        let line = CreditLineInput(product: "SAVON", quantity: qty("1"))
        #expect(try CreditScope(lines: [line], all: false) == .lines([line]))
        #expect(try CreditScope(lines: [], all: true) == .everythingLeft)
        let neither = try #require(throws: CoopError.self) { try CreditScope(lines: [], all: false) }
        #expect(neither.code == "orders.credit_scope_required" && neither.kind == .invalid)
        #expect(neither.message(.fr) == "Indiquez les lignes à créditer (CODE=QTÉ, ex. POMMES=1), ou --all pour créditer tout ce qui reste de la facture.")
        #expect(neither.message(.en) == "Give the lines to credit (CODE=QTY, e.g. POMMES=1), or --all to credit everything left on the invoice.")
        let both = try #require(throws: CoopError.self) { try CreditScope(lines: [line], all: true) }
        #expect(both.message(.en) == "Give either the lines to credit (CODE=QTY) or --all to credit everything, not both.")
    }
}

extension Invoice {
    /// The same invoice with other credit notes, to show nothing else about it changed.
    func with(creditNotes: [String]) throws -> Invoice {
        var object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(self)) as! [String: Any]
        object["creditNotes"] = creditNotes
        return try JSONDecoder().decode(Invoice.self, from: try JSONSerialization.data(withJSONObject: object))
    }

}
