import CoopCore

/// Where an order stands: `open → confirmed` (at close) `→ picked_up`, or `cancelled`.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    /// The member may change it while the cycle is open.
    case open
    /// The cycle closed; it is invoiced and its stock still reserved.
    case confirmed
    /// Handed to the member; the reserved stock has left the inventory.
    case picked_up
    /// Its reserved stock was released (and, if it was invoiced, the invoice credited).
    case cancelled
}

extension OrderStatus: Worded {
    /// The status as people read it (« une commande », feminine; picked up is « cueillie », as the
    /// co-op's « cueillette »).
    public var label: LocalizedText {
        switch self {
        case .open: LocalizedText(fr: "ouverte", en: "open")
        case .confirmed: LocalizedText(fr: "confirmée", en: "confirmed")
        case .picked_up: LocalizedText(fr: "cueillie", en: "picked up")
        case .cancelled: LocalizedText(fr: "annulée", en: "cancelled")
        }
    }

    public static let synonyms: [String: OrderStatus] = [
        "ouvert": .open, "confirmé": .confirmed, "cueilli": .picked_up, "ramassée": .picked_up, "annulé": .cancelled, "canceled": .cancelled,
    ]
}

/// One line of an order: a product, its quantity and the price frozen when it was added.
public struct OrderLine: Sendable, Codable, Equatable {
    /// The product's code.
    public let product: String
    public let name: String
    public let unit: SaleUnit
    public let quantity: Quantity
    /// The price per sale unit when the line was added; a later price change does not touch it.
    public let unitPrice: Money
    public let tax: TaxClass
    /// `unitPrice × quantity`, rounded half-up to the cent.
    public let amount: Money
}

/// A member's order for one cycle, as both faces show it (`order show --json`, `GET /api/v1/orders/{id}`).
///
/// Totals follow the invoice rules: each tax once on the sum of the taxable lines, rounded half-up,
/// and `total = subtotal + gst + qst`. Once the cycle closes, the invoice carries the same figures.
public struct Order: Sendable, Codable, Equatable {
    public let id: Int64
    /// The member's number.
    public let member: String
    /// The cycle's id.
    public let cycle: Int64
    /// The pickup point's name.
    public let pickup: String
    public let status: OrderStatus
    /// In product code order.
    public let lines: [OrderLine]
    public let subtotal: Money
    public let gst: Money
    public let qst: Money
    public let total: Money
    /// The invoice's number once the cycle has closed.
    public let invoice: String?
    public let createdAt: Instant
    public let updatedAt: Instant

    init(row: Row, lines: [OrderLine], invoice: String?, rates: TaxRates) throws {
        id = try row.get("id")
        member = try row.get("member_number")
        cycle = try row.get("cycle_id")
        pickup = try row.get("pickup_name")
        status = OrderStatus(rawValue: try row.get("status")) ?? .open
        createdAt = try row.get("created_at")
        updatedAt = try row.get("updated_at")
        self.lines = lines
        self.invoice = invoice
        let totals = Totals.of(lines.map { (amount: $0.amount, tax: $0.tax) }, rates: rates)
        subtotal = totals.subtotal
        gst = totals.gst
        qst = totals.qst
        total = totals.total
    }

    enum CodingKeys: String, CodingKey {
        case id, member, cycle, pickup, status, lines, subtotal, gst, qst, total, invoice, createdAt, updatedAt
    }

    /// Absent values are written as `null`, so every order object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(member, forKey: .member)
        try c.encode(cycle, forKey: .cycle)
        try c.encode(pickup, forKey: .pickup)
        try c.encode(status, forKey: .status)
        try c.encode(lines, forKey: .lines)
        try c.encode(subtotal, forKey: .subtotal)
        try c.encode(gst, forKey: .gst)
        try c.encode(qst, forKey: .qst)
        try c.encode(total, forKey: .total)
        try c.encode(invoice, forKey: .invoice)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}

/// A line as a member asks for it: a product code and a quantity in the product's sale unit. A
/// quantity of 0 removes the line. `{"product": "OEUFS-12", "quantity": 2}` in JSON; `CODE=QTY` on
/// the command line (see `init(parsing:)`).
public struct OrderLineInput: Sendable, Codable, Equatable {
    public var product: String
    public var quantity: Quantity

    /// A line setting the product with code `product` to `quantity` (0 removes it).
    public init(product: String, quantity: Quantity) {
        self.product = product
        self.quantity = quantity
    }

    /// Reads `CODE=QTY` (`POMMES=2`, `FROMAGE=0,5`); a malformed pair is refused with a 422.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let code = parts[0].trimmingCharacters(in: .whitespaces)
        guard parts.count == 2, !code.isEmpty else { throw CoopError.invalidQuantity(text, field: "lines") }
        self.init(product: code, quantity: try Quantity(parsing: String(parts[1]), field: "quantity"))
    }
}

/// The result of `setOrder`: the order as it now stands, and whether this call created it (the API
/// answers 201 then, 200 otherwise).
public struct OrderUpdate: Sendable, Equatable {
    public let order: Order
    public let created: Bool
}
