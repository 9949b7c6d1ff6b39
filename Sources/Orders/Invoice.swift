import CoopCore

/// An invoice, or a credit note correcting one. Both are numbered in the same gapless series.
public enum InvoiceKind: String, Sendable, Codable, CaseIterable, Worded {
    case invoice
    case creditNote = "credit_note"

    /// The kind as people read it.
    public var label: LocalizedText {
        switch self {
        case .invoice: LocalizedText(fr: "facture", en: "invoice")
        case .creditNote: LocalizedText(fr: "note de crédit", en: "credit note")
        }
    }

    public static let synonyms: [String: InvoiceKind] = ["avoir": .creditNote, "credit": .creditNote]
}

/// A product line of an invoice or credit note, as sold (code, name and unit are copied).
public struct InvoiceLine: Sendable, Codable, Equatable {
    public let product: String
    public let name: String
    public let unit: SaleUnit
    public let quantity: Quantity
    public let unitPrice: Money
    public let tax: TaxClass
    public let amount: Money

    init(row: Row) throws {
        product = try row.get("code")
        name = try row.get("name")
        unit = SaleUnit(rawValue: try row.get("unit")) ?? .unit
        quantity = try row.get("quantity_thousandths")
        unitPrice = try row.get("unit_price_cents")
        tax = TaxClass(rawValue: try row.get("tax")) ?? .taxable
        amount = try row.get("amount_cents")
    }
}

/// A tax line: which tax, its rate in parts per 100,000 (GST 5000, QST 9975), the taxable base it was
/// computed on and the amount.
public struct InvoiceTaxLine: Sendable, Codable, Equatable {
    public let tax: TaxKind
    public let rate: Int64
    public let base: Money
    public let amount: Money
}

/// An invoice or credit note as both faces show it (`invoice show --json`, `GET /api/v1/invoices/{number}`).
///
/// Never edited once issued. Amounts are positive on both kinds: a credit note's total is what it
/// gives back, and it is posted negative to the member's account. `total = subtotal + gst + qst`.
public struct Invoice: Sendable, Codable, Equatable {
    /// `2026-000001`: gapless within the year, shared by invoices and credit notes.
    public let number: String
    public let kind: InvoiceKind
    /// The member's number.
    public let member: String
    public let cycle: Int64
    public let order: Int64
    public let issuedAt: Instant
    /// The day of issue in the co-op's time zone; its year is the number's.
    public let date: LocalDate
    /// For a credit note, the invoice it corrects.
    public let creditedInvoice: String?
    /// For a credit note, why: as staff wrote it, or the co-op's own reason in the member's language
    /// (« Commande annulée », "Order cancelled").
    public let reason: String?
    public let lines: [InvoiceLine]
    /// GST then QST, each its own line.
    public let taxes: [InvoiceTaxLine]
    public let subtotal: Money
    public let gst: Money
    public let qst: Money
    public let total: Money
    /// For an invoice, the numbers of the credit notes issued against it, oldest first.
    public let creditNotes: [String]

    /// The reason of the credit note a cancelled order's invoice gets, as stored (for people reading
    /// the file; `reason(_:_:)` says it in the member's language).
    static let orderCancelled = "Commande annulée"

    /// A stored reason as the member reads it: the co-op's own reasons in their language (older credit
    /// notes stored it in both, `Commande annulée / Order cancelled`), anything staff wrote as written.
    static func reason(_ stored: String, _ language: Language) -> String {
        switch stored {
        case orderCancelled, "Commande annulée / Order cancelled": LocalizedText(fr: "Commande annulée", en: "Order cancelled").render(language)
        default: stored
        }
    }

    init(row: Row, lines: [InvoiceLine], taxes: [InvoiceTaxLine], creditNotes: [String]) throws {
        number = try row.get("number")
        kind = InvoiceKind(rawValue: try row.get("kind")) ?? .invoice
        member = try row.get("member_number")
        cycle = try row.get("cycle_id")
        order = try row.get("order_id")
        issuedAt = try row.get("issued_at")
        date = try row.get("issued_on")
        creditedInvoice = try row.get("credited_number")
        let language = (try row.get("member_language") as String?).flatMap(Language.init(rawValue:)) ?? .default
        reason = (try row.get("reason") as String?).map { Self.reason($0, language) }
        subtotal = try row.get("subtotal_cents")
        gst = try row.get("gst_cents")
        qst = try row.get("qst_cents")
        total = try row.get("total_cents")
        self.lines = lines
        self.taxes = taxes
        self.creditNotes = creditNotes
    }

    enum CodingKeys: String, CodingKey {
        case number, kind, member, cycle, order, issuedAt, date, creditedInvoice, reason, lines, taxes, subtotal, gst, qst, total, creditNotes
    }

    /// Absent values are written as `null`, so every invoice object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(kind, forKey: .kind)
        try c.encode(member, forKey: .member)
        try c.encode(cycle, forKey: .cycle)
        try c.encode(order, forKey: .order)
        try c.encode(issuedAt, forKey: .issuedAt)
        try c.encode(date, forKey: .date)
        try c.encode(creditedInvoice, forKey: .creditedInvoice)
        try c.encode(reason, forKey: .reason)
        try c.encode(lines, forKey: .lines)
        try c.encode(taxes, forKey: .taxes)
        try c.encode(subtotal, forKey: .subtotal)
        try c.encode(gst, forKey: .gst)
        try c.encode(qst, forKey: .qst)
        try c.encode(total, forKey: .total)
        try c.encode(creditNotes, forKey: .creditNotes)
    }
}

/// A line to credit: a product code on the invoice and the quantity to give back.
/// `{"product": "POMMES", "quantity": 1}` in JSON; `CODE=QTY` on the command line.
public struct CreditLineInput: Sendable, Codable, Equatable {
    public var product: String
    public var quantity: Quantity

    /// A line crediting `quantity` of the product with code `product`.
    public init(product: String, quantity: Quantity) {
        self.product = product
        self.quantity = quantity
    }

    /// Reads `CODE=QTY`.
    public init(parsing text: String) throws {
        let line = try OrderLineInput(parsing: text)
        self.init(product: line.product, quantity: line.quantity)
    }
}

/// What a credit note gives back: the lines named, or, when the person says so, everything not yet
/// credited. Never everything by default: a credit note cannot be taken back, and a forgotten line
/// list must not refund a whole invoice.
public enum CreditScope: Sendable, Equatable {
    case lines([CreditLineInput])
    case everythingLeft

    /// The scope a face read: some lines, or `all`, not both and not neither
    /// (`orders.credit_scope_required`, 422).
    public init(lines: [CreditLineInput], all: Bool) throws {
        switch (lines.isEmpty, all) {
        case (false, false): self = .lines(lines)
        case (true, true): self = .everythingLeft
        case (true, false), (false, true): throw CoopError.creditScopeRequired(both: all)
        }
    }
}
