import CoopCore
import Foundation
import Membership

extension OrdersService {
    /// The invoice or credit note with this number (`2026-000001`).
    public func invoice(_ number: String) async throws -> Invoice {
        try caller.check(OrdersVerb.invoice)
        let invoice = try await database.read { db in try Self.fetchInvoice(number, in: db) }
        try caller.requireAccess(toMember: invoice.member)
        return invoice
    }

    /// Invoices and credit notes in number order (oldest first), one page at a time, filtered by
    /// member, cycle and kind when given.
    public func invoices(
        member: String? = nil, cycle: Int64? = nil, kind: InvoiceKind? = nil, page: PageRequest = PageRequest()
    ) async throws -> Page<Invoice> {
        try caller.check(OrdersVerb.invoices)
        let member = try caller.memberScope(member)
        let after = try Self.cursorID(page.after)
        return try await database.read { db in
            var sql = "SELECT id, number FROM orders_invoices WHERE id > ?"
            var arguments: [any DatabaseValueConvertible] = [after]
            if let member { sql += " AND member_id = ?"; arguments.append(try Self.member(member, in: db).id) }
            if let cycle { sql += " AND cycle_id = ?"; arguments.append(cycle) }
            if let kind { sql += " AND kind = ?"; arguments.append(kind.rawValue) }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(page.limit + 1)
            let (invoices, next) = try Self.page(try db.query(sql, arguments), limit: page.limit) { row in
                try Self.fetchInvoice(try row.get("number"), in: db)
            }
            return Page(items: invoices, next: next)
        }
    }

    /// Issues a credit note against an invoice, with its own number in the shared series, and posts it
    /// (negative) to the member's account, in one transaction. The invoice itself never changes.
    ///
    /// `.everythingLeft` credits everything not yet credited (the whole invoice the first time).
    /// A line names a product on the invoice and a quantity, at most what remains uncredited of it. A
    /// line credited to its last unit gives back exactly its remaining amount; a part of a line is
    /// priced at the invoice's unit price, rounded half-up. Each tax is the difference between the tax
    /// on the taxable amount left before and after this note, so the invoice's taxes minus its credit
    /// notes' are always exactly the tax on what remains, and crediting everything in pieces gives
    /// back exactly what was charged.
    ///
    /// Refused: unknown invoice (404); a credit note given as invoice, a product not on it, a
    /// quantity not positive or not allowed by the unit (422); more than remains or nothing left to
    /// credit (`orders.credit_exceeds_invoice`, `orders.invoice_fully_credited`, 409); no reason (422).
    public func creditNote(invoice number: String, reason: String, _ scope: CreditScope) async throws -> Invoice {
        try caller.check(OrdersVerb.creditNote)
        let reason = try OrdersValidation.name(reason, field: "reason", max: 500)
        let lines: [CreditLineInput]
        switch scope {
        case .everythingLeft: lines = []
        case .lines(let named):
            guard !named.isEmpty else { throw CoopError.creditScopeRequired(both: false) }
            lines = named
        }
        for line in lines { try OrdersValidation.notNegative(line.quantity, product: line.product) }
        let number = number.trimmingCharacters(in: .whitespaces)
        let now = context.now(), today = context.today()
        return try await database.write { db in
            guard let row = try db.queryOne("SELECT id, kind FROM orders_invoices WHERE number = ?", [number]) else {
                throw CoopError.invoiceNotFound(number)
            }
            guard try row.get("kind") as String == InvoiceKind.invoice.rawValue else { throw CoopError.notAnInvoice(number) }
            guard let draft = try Self.creditDraft(invoiceID: try row.get("id"), reason: reason, requested: lines, allowNothing: false, in: db) else {
                throw CoopError.invoiceFullyCredited(number)
            }
            let numbers = try Self.issue([draft], now: now, today: today, in: db)
            return try Self.fetchInvoice(numbers[0], in: db)
        }
    }

    // MARK: Documents (inside a transaction)

    /// A document about to be numbered and inserted.
    struct DocumentDraft {
        var kind: InvoiceKind
        var memberID: Int64
        var memberNumber: String
        var orderID: Int64
        var cycleID: Int64
        var creditedInvoiceID: Int64?
        var creditedNumber: String?
        var reason: String?
        var lines: [DraftLine]
        var totals: Totals
        var rates: TaxRates
    }

    struct DraftLine {
        var itemID: Int64
        var code: String
        var name: String
        var unit: String
        var quantity: Quantity
        var unitPrice: Money
        var tax: TaxClass
        var amount: Money
    }

    /// Numbers the drafts consecutively in today's year, inserts them with their lines and tax lines,
    /// and posts each to its member's account (`invoice` positive, `credit_note` negative, source
    /// `orders`, reference the number). Returns the numbers in order.
    static func issue(_ drafts: [DocumentDraft], now: Instant, today: LocalDate, in db: Connection) throws -> [String] {
        guard !drafts.isEmpty else { return [] }
        let year = today.year
        let first = try InvoiceNumbering.reserve(drafts.count, year: year, in: db)
        var numbers: [String] = []
        numbers.reserveCapacity(drafts.count)
        for (offset, draft) in drafts.enumerated() {
            let sequence = first + Int64(offset)
            let number = InvoiceNumbering.number(year: year, sequence: sequence)
            let t = draft.totals
            try db.execute("""
                INSERT INTO orders_invoices (number, year, sequence, kind, member_id, order_id, cycle_id, credited_invoice_id, reason,
                                             issued_at, issued_on, subtotal_cents, taxable_cents, gst_cents, qst_cents, total_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [number, year, sequence, draft.kind.rawValue, draft.memberID, draft.orderID, draft.cycleID, draft.creditedInvoiceID,
                      draft.reason, now, today, t.subtotal, t.taxable, t.gst, t.qst, t.total])
            let id = db.lastInsertRowID
            for (position, line) in draft.lines.enumerated() {
                try db.execute("""
                    INSERT INTO orders_invoice_lines (invoice_id, position, item_id, code, name, unit, quantity_thousandths,
                                                      unit_price_cents, tax, amount_cents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, position + 1, line.itemID, line.code, line.name, line.unit, line.quantity, line.unitPrice,
                          line.tax.rawValue, line.amount])
            }
            for (kind, amount) in [(TaxKind.gst, t.gst), (TaxKind.qst, t.qst)] {
                try db.execute("INSERT INTO orders_invoice_taxes (invoice_id, tax, rate, base_cents, amount_cents) VALUES (?, ?, ?, ?, ?)",
                               [id, kind.rawValue, draft.rates.rate(kind), t.taxable, amount])
            }
            switch draft.kind {
            case .invoice:
                try AccountLedger.post(memberNumber: draft.memberNumber, kind: "invoice", amount: t.total,
                                       wording: .invoice(number), source: "orders", reference: number, at: now, in: db)
            case .creditNote:
                try AccountLedger.post(memberNumber: draft.memberNumber, kind: "credit_note", amount: -t.total,
                                       wording: .creditNote(number, on: draft.creditedNumber ?? ""), source: "orders", reference: number,
                                       at: now, in: db)
            }
            try OrdersNotices.issued(draft, number: number, on: today, at: now, in: db)
            numbers.append(number)
        }
        return numbers
    }

    /// Invoices every confirmed order of the cycle, in member order; returns the numbers and the sum
    /// of the totals. One query reads every line; documents are built in memory, then inserted.
    static func invoiceConfirmedOrders(
        cycle: Int64, rates: TaxRates, now: Instant, today: LocalDate, in db: Connection
    ) throws -> (numbers: [String], total: Money) {
        var drafts: [DocumentDraft] = []
        try db.forEach("""
            SELECT o.id AS order_id, o.member_id, m.number AS member_number, l.item_id, i.code, i.name, p.unit,
                   l.quantity_thousandths, l.unit_price_cents, l.tax, l.amount_cents
            FROM orders_orders o
            JOIN membership_public_members m ON m.id = o.member_id
            JOIN orders_order_lines l ON l.order_id = o.id
            JOIN inventory_public_items i ON i.id = l.item_id
            JOIN orders_products p ON p.item_id = l.item_id
            WHERE o.cycle_id = ? AND o.status = 'confirmed'
            ORDER BY o.member_id, i.code
            """, [cycle]) { row in
            let orderID: Int64 = try row.get("order_id")
            let line = DraftLine(itemID: try row.get("item_id"), code: try row.get("code"), name: try row.get("name"),
                                 unit: try row.get("unit"), quantity: try row.get("quantity_thousandths"),
                                 unitPrice: try row.get("unit_price_cents"), tax: TaxClass(rawValue: try row.get("tax")) ?? .taxable,
                                 amount: try row.get("amount_cents"))
            if drafts.last?.orderID == orderID {
                drafts[drafts.count - 1].lines.append(line)
            } else {
                drafts.append(DocumentDraft(kind: .invoice, memberID: try row.get("member_id"), memberNumber: try row.get("member_number"),
                                            orderID: orderID, cycleID: cycle, creditedInvoiceID: nil, creditedNumber: nil, reason: nil,
                                            lines: [line], totals: Totals.of([], rates: rates), rates: rates))
            }
        }
        var total = Money.zero
        for i in drafts.indices {
            drafts[i].totals = Totals.of(drafts[i].lines.map { (amount: $0.amount, tax: $0.tax) }, rates: rates)
            total = total + drafts[i].totals.total
        }
        return (try issue(drafts, now: now, today: today, in: db), total)
    }

    /// The credit note that would credit `requested` of an invoice (everything left when empty), or
    /// nil when nothing is left and `allowNothing`. See `creditNote(invoice:reason:_:)` for the rules.
    static func creditDraft(
        invoiceID: Int64, reason: String, requested: [CreditLineInput], allowNothing: Bool, in db: Connection
    ) throws -> DocumentDraft? {
        guard let invoice = try db.queryOne("""
            SELECT v.number, v.member_id, v.order_id, v.cycle_id, v.taxable_cents
            FROM orders_invoices v WHERE v.id = ?
            """, [invoiceID]) else { throw CoopError.invoiceNotFound("#\(invoiceID)") }
        let number: String = try invoice.get("number")
        // The member's number from Membership, in this transaction (the foreign key keeps the member).
        let memberNumber = try MemberRecord.number(id: try invoice.get("member_id"), in: db)
        var rates = TaxRates.quebec
        try db.forEach("SELECT tax, rate FROM orders_invoice_taxes WHERE invoice_id = ?", [invoiceID]) { row in
            switch TaxKind(rawValue: try row.get("tax")) {
            case .gst: rates.gst = try row.get("rate")
            case .qst: rates.qst = try row.get("rate")
            case nil: break
            }
        }
        // What is left of each line once the earlier credit notes are taken off.
        var credited: [Int64: (quantity: Int64, amount: Int64)] = [:]
        try db.forEach("""
            SELECT l.item_id, sum(l.quantity_thousandths) AS quantity, sum(l.amount_cents) AS amount
            FROM orders_invoice_lines l JOIN orders_invoices c ON c.id = l.invoice_id
            WHERE c.credited_invoice_id = ? GROUP BY l.item_id
            """, [invoiceID]) { row in
            credited[try row.get("item_id")] = (try row.get("quantity"), try row.get("amount"))
        }
        var remaining: [DraftLine] = []
        try db.forEach("SELECT * FROM orders_invoice_lines WHERE invoice_id = ? ORDER BY position", [invoiceID]) { row in
            let line = try InvoiceLine(row: row)
            let itemID: Int64 = try row.get("item_id")
            let done = credited[itemID] ?? (0, 0)
            remaining.append(DraftLine(itemID: itemID, code: line.product, name: line.name, unit: line.unit.rawValue,
                                       quantity: Quantity(thousandths: line.quantity.thousandths - done.quantity),
                                       unitPrice: line.unitPrice, tax: line.tax, amount: Money(cents: line.amount.cents - done.amount)))
        }

        var lines: [DraftLine] = []
        if requested.isEmpty {
            lines = remaining.filter { $0.quantity.isPositive }
            if lines.isEmpty {
                if allowNothing { return nil }
                throw CoopError.invoiceFullyCredited(number)
            }
        } else {
            var seen = Set<Int64>()
            for input in requested {
                let key = lookupCode(input.product).lowercased()
                guard let left = remaining.first(where: { $0.code.lowercased() == key }) else {
                    throw CoopError.productNotOnInvoice(input.product, invoice: number)
                }
                guard seen.insert(left.itemID).inserted else { throw CoopError.duplicateLine(left.code) }
                let unit = SaleUnit(rawValue: left.unit) ?? .unit
                let quantity = try OrdersValidation.lineQuantity(input.quantity, product: left.code, unit: unit, allowZero: false)
                guard quantity <= left.quantity else {
                    throw CoopError.creditExceedsInvoice(left.code, requested: quantity, remaining: left.quantity)
                }
                var line = left
                line.quantity = quantity
                // The last units give back exactly what is left of the line; a part never more than that.
                if quantity < left.quantity {
                    line.amount = min(Pricing.lineAmount(unitPrice: left.unitPrice, quantity: quantity), left.amount)
                }
                lines.append(line)
            }
        }

        let alreadyCreditedTaxable = try db.scalar(
            "SELECT coalesce(sum(taxable_cents), 0) FROM orders_invoices WHERE credited_invoice_id = ?", [invoiceID], as: Int64.self) ?? 0
        let before = Money(cents: try invoice.get("taxable_cents") as Int64 - alreadyCreditedTaxable)
        let subtotal = Money(cents: lines.reduce(0) { $0 + $1.amount.cents })
        let taxable = Money(cents: lines.reduce(0) { $0 + ($1.tax == .taxable ? $1.amount.cents : 0) })
        let after = before - taxable
        let totals = Totals(subtotal: subtotal, taxable: taxable,
                            gst: Pricing.tax(on: before, rate: rates.gst) - Pricing.tax(on: after, rate: rates.gst),
                            qst: Pricing.tax(on: before, rate: rates.qst) - Pricing.tax(on: after, rate: rates.qst))
        return DocumentDraft(kind: .creditNote, memberID: try invoice.get("member_id"), memberNumber: memberNumber,
                             orderID: try invoice.get("order_id"), cycleID: try invoice.get("cycle_id"), creditedInvoiceID: invoiceID,
                             creditedNumber: number, reason: reason, lines: lines, totals: totals, rates: rates)
    }

    static let invoiceSelectSQL = """
        SELECT v.id, v.number, v.kind, m.number AS member_number, m.language AS member_language, v.cycle_id, v.order_id, v.issued_at, v.issued_on,
               c.number AS credited_number, v.reason, v.subtotal_cents, v.gst_cents, v.qst_cents, v.total_cents
        FROM orders_invoices v
        JOIN membership_public_members m ON m.id = v.member_id
        LEFT JOIN orders_invoices c ON c.id = v.credited_invoice_id
        WHERE v.number = ?
        """

    static func fetchInvoice(_ number: String, in db: Connection) throws -> Invoice {
        guard let row = try db.queryOne(invoiceSelectSQL, [number.trimmingCharacters(in: .whitespaces)]) else {
            throw CoopError.invoiceNotFound(number)
        }
        let id: Int64 = try row.get("id")
        let lines = try db.query("SELECT * FROM orders_invoice_lines WHERE invoice_id = ? ORDER BY position", [id]).map(InvoiceLine.init(row:))
        let taxes = try db.query("SELECT tax, rate, base_cents, amount_cents FROM orders_invoice_taxes WHERE invoice_id = ? ORDER BY tax", [id])
            .map { row in
                InvoiceTaxLine(tax: TaxKind(rawValue: try row.get("tax")) ?? .gst, rate: try row.get("rate"),
                               base: try row.get("base_cents"), amount: try row.get("amount_cents"))
            }
        let credits = try db.query("SELECT number FROM orders_invoices WHERE credited_invoice_id = ? ORDER BY id", [id]).map { try $0.get(0) as String }
        return try Invoice(row: row, lines: lines, taxes: taxes, creditNotes: credits)
    }
}
