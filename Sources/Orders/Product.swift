import CoopCore

/// A product as both faces show it: an Inventory item that is sold, with its producer, sale unit,
/// price and tax class.
///
/// `stock` is the item's Inventory quantity in the sale unit (12.5 for 12.5 kg), `reserved` what open
/// and confirmed orders hold of it, `available` what can still be ordered. All three are null for a
/// product ordered on demand, which has no stock limit.
public struct Product: Sendable, Codable, Equatable {
    /// The Inventory item's code.
    public let code: String
    public let name: String
    /// The producer's name.
    public let producer: String
    public let unit: SaleUnit
    /// Price of one sale unit, in cents.
    public let price: Money
    public let tax: TaxClass
    public let onDemand: Bool
    public let stock: Quantity?
    public let reserved: Quantity?
    public let available: Quantity?
    /// Whether the item is active in Inventory: only active products are offered.
    public let active: Bool

    /// Every product read selects these columns, so that rows always decode the same way. Inventory's
    /// columns are only read here; every stock change goes through `InventoryLedger`.
    static let selectSQL = """
        SELECT p.item_id, i.code, i.name, i.quantity, i.units_out, i.maintenance_units, i.status,
               pr.name AS producer_name, p.unit, p.price_cents, p.tax, p.on_demand
        FROM orders_products p
        JOIN inventory_public_items i ON i.id = p.item_id
        JOIN orders_producers pr ON pr.id = p.producer_id
        """

    init(row: Row) throws {
        code = try row.get("code")
        name = try row.get("name")
        producer = try row.get("producer_name")
        let unit = SaleUnit(rawValue: try row.get("unit")) ?? .unit
        self.unit = unit
        price = try row.get("price_cents")
        tax = TaxClass(rawValue: try row.get("tax")) ?? .taxable
        onDemand = try row.get("on_demand")
        active = (try row.get("status") as String) == "active"
        if onDemand {
            stock = nil; reserved = nil; available = nil
        } else {
            let quantity: Int = try row.get("quantity"), out: Int = try row.get("units_out")
            let maintenance: Int = try row.get("maintenance_units")
            stock = unit.quantity(stockUnits: quantity)
            reserved = unit.quantity(stockUnits: out)
            available = unit.quantity(stockUnits: active ? max(0, quantity - out - maintenance) : 0)
        }
    }

    enum CodingKeys: String, CodingKey { case code, name, producer, unit, price, tax, onDemand, stock, reserved, available, active }

    /// Absent values are written as `null`, so every product object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(producer, forKey: .producer)
        try c.encode(unit, forKey: .unit)
        try c.encode(price, forKey: .price)
        try c.encode(tax, forKey: .tax)
        try c.encode(onDemand, forKey: .onDemand)
        try c.encode(stock, forKey: .stock)
        try c.encode(reserved, forKey: .reserved)
        try c.encode(available, forKey: .available)
        try c.encode(active, forKey: .active)
    }
}

/// What is needed to add a product: its Inventory item is created with it, in one transaction.
public struct NewProduct: Sendable, Codable, Equatable {
    /// The new item's code; it must be free in Inventory.
    public var code: String
    public var name: String
    /// The producer's name; it must exist.
    public var producer: String
    public var unit: SaleUnit
    /// Price of one sale unit (0 to 100,000.00).
    public var price: Money
    public var tax: TaxClass
    /// Stock in the sale unit (`12.5` kg); nil means the product is ordered on demand, without limit.
    public var stock: Quantity?

    /// A product to add; a nil `stock` means on demand.
    public init(code: String, name: String, producer: String, unit: SaleUnit, price: Money, tax: TaxClass, stock: Quantity?) {
        self.code = code
        self.name = name
        self.producer = producer
        self.unit = unit
        self.price = price
        self.tax = tax
        self.stock = stock
    }
}

/// A partial update of what Orders owns about a product; nil fields stay as they are. The name and
/// everything else about the item are Inventory's (`InventoryService.updateItem`); stock has its own
/// verb (`OrdersService.setStock`) because it writes a movement.
///
/// A new price or tax class applies to lines added from now on: lines already in orders keep theirs.
public struct ProductChanges: Sendable, Codable, Equatable {
    public var producer: String?
    public var price: Money?
    public var tax: TaxClass?

    /// Changes to make; nil leaves a field as it is.
    public init(producer: String? = nil, price: Money? = nil, tax: TaxClass? = nil) {
        self.producer = producer
        self.price = price
        self.tax = tax
    }
}
