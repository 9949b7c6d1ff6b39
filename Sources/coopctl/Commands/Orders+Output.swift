import CoopCore
import Foundation
import Orders

/// How the Orders commands read what people type and print what the library returns. Parsing only:
/// every rule stays in `OrdersService`.
enum OrdersOutput {
    // MARK: Reading arguments

    /// An ISO-8601 instant (`2026-03-02T09:00`, `…Z`, `…-05:00`); without an offset the time is read in
    /// the co-op's time zone, and a bare date is the start of that local day.
    static func instant(_ text: String, field: String, timeZone: TimeZone) throws -> Instant {
        guard let instant = Instant.parse(text, timeZone: timeZone) else {
            throw CoopError.invalidValue(field, text, expected: LocalizedText(fr: "ISO 8601, ex. 2026-03-02T09:00",
                                                                              en: "ISO 8601, e.g. 2026-03-02T09:00"))
        }
        return instant
    }

    /// A local date, `YYYY-MM-DD`.
    static func date(_ text: String, field: String) throws -> LocalDate {
        guard let date = LocalDate(iso8601: text.trimmingCharacters(in: .whitespaces)) else { throw CoopError.invalidDate(field, text) }
        return date
    }

    /// `3 unité`, `1,5 kg`.
    static func quantity(_ quantity: Quantity, _ unit: SaleUnit, _ out: Output) -> String {
        "\(quantity.formatted(out.language)) \(unit.rawValue)"
    }

    // MARK: Printing

    /// How a member's document (an invoice, a credit note, a statement) is printed: in the member's
    /// language, whatever `--lang` says; JSON as asked.
    static func memberOutput(_ member: String, _ session: Session) async throws -> Output {
        Output(language: try await session.coop.membership.member(member).language, json: session.output.json)
    }

    /// The totals line shared by orders and invoices.
    static func totals(subtotal: Money, gst: Money, qst: Money, total: Money, _ out: Output) -> String {
        out.text(.init(fr: "Sous-total {subtotal}   TPS {gst}   TVQ {qst}   Total {total}",
                       en: "Subtotal {subtotal}   GST {gst}   QST {qst}   Total {total}"),
                 ["subtotal": .money(subtotal), "gst": .money(gst), "qst": .money(qst), "total": .money(total)])
    }

    static let lineHeaders: [LocalizedText] = [
        .init(fr: "Produit", en: "Product"), .init(fr: "Nom", en: "Name"), .init(fr: "Qté", en: "Qty"),
        .init(fr: "Prix unitaire", en: "Unit price"), .init(fr: "Taxe", en: "Tax"), .init(fr: "Montant", en: "Amount"),
    ]

    /// One order: the JSON object, or a card with its lines and totals.
    static func printOrder(_ order: Order, _ out: Output) throws {
        if out.json { return try out.printJSON(order) }
        out.say(out.text(.init(fr: "Commande {id} — {member}, cycle {cycle}, cueillette : {pickup} ({status})",
                               en: "Order {id} — {member}, cycle {cycle}, pickup: {pickup} ({status})"),
                         ["id": .integer(order.id), "member": .text(order.member), "cycle": .integer(order.cycle),
                          "pickup": .text(order.pickup), "status": .text(order.status.label.render(out.language))]))
        out.table(lineHeaders, order.lines.map {
            [$0.product, $0.name, quantity($0.quantity, $0.unit, out), $0.unitPrice.formatted(out.language),
             $0.tax.label.render(out.language), $0.amount.formatted(out.language)]
        })
        out.say(totals(subtotal: order.subtotal, gst: order.gst, qst: order.qst, total: order.total, out))
        if let invoice = order.invoice {
            out.say(out.text(.init(fr: "Facture : {invoice}", en: "Invoice: {invoice}"), ["invoice": .text(invoice)]))
        }
    }

    static let orderHeaders: [LocalizedText] = [
        .init(fr: "Commande", en: "Order"), .init(fr: "Membre", en: "Member"), .init(fr: "Cycle", en: "Cycle"),
        .init(fr: "Cueillette", en: "Pickup"), .init(fr: "Statut", en: "Status"), .init(fr: "Lignes", en: "Lines"),
        .init(fr: "Total", en: "Total"), .init(fr: "Facture", en: "Invoice"),
    ]

    static func orderRow(_ order: Order, _ out: Output) -> [String] {
        [String(order.id), order.member, String(order.cycle), order.pickup, order.status.label.render(out.language),
         String(order.lines.count), order.total.formatted(out.language), order.invoice ?? ""]
    }

    /// One invoice or credit note: the JSON object, or a card with its lines, tax lines and total.
    static func printInvoice(_ invoice: Invoice, _ out: Output) throws {
        if out.json { return try out.printJSON(invoice) }
        let title: LocalizedText = invoice.kind == .invoice
            ? .init(fr: "Facture {number} — {member}, cycle {cycle}, commande {order}, {date}",
                    en: "Invoice {number} — {member}, cycle {cycle}, order {order}, {date}")
            : .init(fr: "Note de crédit {number} — {member}, sur la facture {credited}, {date}",
                    en: "Credit note {number} — {member}, on invoice {credited}, {date}")
        out.say(out.text(title, ["number": .text(invoice.number), "member": .text(invoice.member), "cycle": .integer(invoice.cycle),
                                 "order": .integer(invoice.order), "date": .text(invoice.date.iso8601),
                                 "credited": .text(invoice.creditedInvoice ?? "")]))
        if let reason = invoice.reason {
            out.say(out.text(.init(fr: "Motif : {reason}", en: "Reason: {reason}"), ["reason": .text(reason)]))
        }
        var rows = invoice.lines.map {
            [$0.product, $0.name, quantity($0.quantity, $0.unit, out), $0.unitPrice.formatted(out.language),
             $0.tax.label.render(out.language), $0.amount.formatted(out.language)]
        }
        for tax in invoice.taxes {
            let rate = Quantity(thousandths: tax.rate).formatted(out.language)  // parts per 100,000 → percent with 3 decimals
            rows.append(["", "\(tax.tax.label.render(out.language)) \(rate) %", "", tax.base.formatted(out.language), "",
                         tax.amount.formatted(out.language)])
        }
        out.table(lineHeaders, rows)
        out.say(totals(subtotal: invoice.subtotal, gst: invoice.gst, qst: invoice.qst, total: invoice.total, out))
        if !invoice.creditNotes.isEmpty {
            out.say(out.text(.init(fr: "Notes de crédit : {notes}", en: "Credit notes: {notes}"),
                             ["notes": .text(invoice.creditNotes.joined(separator: ", "))]))
        }
    }

    static let invoiceHeaders: [LocalizedText] = [
        .init(fr: "Numéro", en: "Number"), .init(fr: "Type", en: "Kind"), .init(fr: "Date", en: "Date"),
        .init(fr: "Membre", en: "Member"), .init(fr: "Cycle", en: "Cycle"), .init(fr: "Sous-total", en: "Subtotal"),
        .init(fr: "TPS", en: "GST"), .init(fr: "TVQ", en: "QST"), .init(fr: "Total", en: "Total"), .init(fr: "Corrige", en: "Corrects"),
    ]

    static func invoiceRow(_ invoice: Invoice, _ out: Output) -> [String] {
        let kind: LocalizedText = invoice.kind == .invoice ? .init(fr: "facture", en: "invoice") : .init(fr: "note de crédit", en: "credit note")
        return [invoice.number, kind.render(out.language), invoice.date.iso8601, invoice.member, String(invoice.cycle),
                invoice.subtotal.formatted(out.language), invoice.gst.formatted(out.language), invoice.qst.formatted(out.language),
                invoice.total.formatted(out.language), invoice.creditedInvoice ?? ""]
    }
}
