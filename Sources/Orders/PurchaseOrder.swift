import CoopCore

/// One product on a purchase order: the summed quantity of every confirmed line.
public struct PurchaseOrderLine: Sendable, Codable, Equatable {
    public let product: String
    public let name: String
    public let unit: SaleUnit
    public let quantity: Quantity
    /// How many orders asked for it.
    public let orders: Int
    /// The sum of those lines' amounts, at the prices members pay.
    public let amount: Money
}

/// What the co-op orders from one producer for one cycle: made at close, so the producer gets one list.
public struct PurchaseOrder: Sendable, Codable, Equatable {
    public let cycle: Int64
    public let producer: String
    public let contact: String?
    public let pickupDate: LocalDate
    /// In product code order.
    public let lines: [PurchaseOrderLine]
    /// The sum of the lines' amounts.
    public let total: Money
    public let createdAt: Instant

    init(row: Row, lines: [PurchaseOrderLine]) throws {
        cycle = try row.get("cycle_id")
        producer = try row.get("producer_name")
        contact = try row.get("contact")
        pickupDate = try row.get("pickup_date")
        createdAt = try row.get("created_at")
        self.lines = lines
        total = Money(cents: lines.reduce(0) { $0 + $1.amount.cents })
    }

    enum CodingKeys: String, CodingKey { case cycle, producer, contact, pickupDate, lines, total, createdAt }

    /// Absent values are written as `null`, so every purchase order object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cycle, forKey: .cycle)
        try c.encode(producer, forKey: .producer)
        try c.encode(contact, forKey: .contact)
        try c.encode(pickupDate, forKey: .pickupDate)
        try c.encode(lines, forKey: .lines)
        try c.encode(total, forKey: .total)
        try c.encode(createdAt, forKey: .createdAt)
    }

    /// The purchase order as RFC 4180 CSV (CRLF line ends), one row per product:
    /// `code,name,unit,quantity,orders,amount` with quantities and amounts as plain decimals
    /// (`1.5`, `12.50`), so a spreadsheet reads them in any locale.
    public var csv: String {
        var buffer = CSVWriterBuffer()
        buffer.append(["code", "name", "unit", "quantity", "orders", "amount"])
        for line in lines {
            buffer.append([line.product, line.name, line.unit.rawValue, line.quantity.decimalString, String(line.orders),
                           line.amount.decimalString])
        }
        return buffer.text
    }
}
