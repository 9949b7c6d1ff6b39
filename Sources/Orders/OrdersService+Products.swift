import CoopCore
import Foundation
import Inventory

extension OrdersService {
    /// Adds a product and its Inventory item in one transaction. With a `stock`, the item's quantity is
    /// that stock (in grams for kg products); without, the product is ordered on demand.
    ///
    /// Refused: an unknown producer (404), a code taken in Inventory (`inventory.code_taken`, 409), a
    /// price out of range or a stock the unit does not allow (422).
    public func addProduct(_ input: NewProduct) async throws -> Product {
        try caller.check(OrdersVerb.addProduct)
        let actor = caller.label
        let price = try OrdersValidation.price(input.price)
        let producer = try OrdersValidation.name(input.producer, field: "producer")
        let unit = input.unit, tax = input.tax
        let code = input.code.trimmingCharacters(in: .whitespaces)
        let stockUnits = try input.stock.map { try Self.stockUnits($0, product: code, unit: unit) } ?? 0
        let now = context.now()
        return try await database.write { db in
            let producerID = try Self.producerID(producer, in: db)
            let item = try InventoryLedger.addItem(code: input.code, name: input.name, quantity: stockUnits, actor: actor,
                                                   reason: "Produit / Product", at: now, in: db)
            try db.execute("""
                INSERT INTO orders_products (item_id, producer_id, unit, price_cents, tax, on_demand, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [item.id, producerID, unit.rawValue, price, tax.rawValue, input.stock == nil, now, now])
            return try Self.fetchProduct(itemID: item.id, in: db)
        }
    }

    /// The product with this code (without regard to case).
    public func product(_ code: String) async throws -> Product {
        try caller.check(OrdersVerb.product)
        return try await database.read { db in try Self.fetchProduct(code: code, in: db) }
    }

    /// Products in code order, one page at a time; only one producer's when `producer` is given.
    public func products(producer: String? = nil, page: PageRequest = PageRequest()) async throws -> Page<Product> {
        try caller.check(OrdersVerb.products)
        return try await database.read { db in
            var sql = Product.selectSQL + " WHERE i.code > ?"
            var arguments: [any DatabaseValueConvertible] = [page.after ?? ""]
            if let producer {
                sql += " AND p.producer_id = ?"
                arguments.append(try Self.producerID(producer, in: db))
            }
            sql += " ORDER BY i.code LIMIT ?"
            arguments.append(page.limit + 1)
            let rows = try db.query(sql, arguments)
            let products = try rows.prefix(page.limit).map(Product.init(row:))
            let next = rows.count > page.limit ? PageRequest.cursor(for: products[page.limit - 1].code) : nil
            return Page(items: products, next: next)
        }
    }

    /// Changes the producer, price or tax class. Lines already in orders keep the price and tax class
    /// they were added with.
    public func updateProduct(_ code: String, _ changes: ProductChanges) async throws -> Product {
        try caller.check(OrdersVerb.updateProduct)
        let price = try changes.price.map(OrdersValidation.price)
        let producer = try changes.producer.map { try OrdersValidation.name($0, field: "producer") }
        let now = context.now()
        return try await database.write { db in
            let product = try Self.productRef(code, in: db)
            var sets: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let producer { sets.append("producer_id = ?"); arguments.append(try Self.producerID(producer, in: db)) }
            if let price { sets.append("price_cents = ?"); arguments.append(price) }
            if let tax = changes.tax { sets.append("tax = ?"); arguments.append(tax.rawValue) }
            if !sets.isEmpty {
                try db.execute("UPDATE orders_products SET \(sets.joined(separator: ", ")), updated_at = ? WHERE item_id = ?",
                               arguments + [now, product.itemID])
            }
            return try Self.fetchProduct(itemID: product.itemID, in: db)
        }
    }

    /// Sets the stock held (a delivery counted in, a stock take), in the sale unit; Inventory records a
    /// `quantity` movement. Refused below what orders hold (`orders.stock_below_reserved`, 409) and for
    /// a product ordered on demand (`orders.product_on_demand`, 409).
    public func setStock(_ code: String, to stock: Quantity, reason: String? = nil) async throws -> Product {
        try caller.check(OrdersVerb.setStock)
        let actor = caller.label
        let reason = try OrdersValidation.text(reason, field: "reason")
        let now = context.now()
        return try await database.write { db in
            let product = try Self.productRef(code, in: db)
            guard !product.onDemand else { throw CoopError.productOnDemand(product.code) }
            let units = try Self.stockUnits(stock, product: product.code, unit: product.unit)
            let item = try InventoryLedger.item(id: product.itemID, in: db)
            let held = item.unitsOut + item.maintenanceUnits
            guard units >= held else {
                throw CoopError.stockBelowReserved(product.code, stock: stock, reserved: product.unit.quantity(stockUnits: held))
            }
            try InventoryLedger.setQuantity(itemID: product.itemID, to: units, actor: actor, reason: reason, at: now, in: db)
            return try Self.fetchProduct(itemID: product.itemID, in: db)
        }
    }

    // MARK: Shared steps

    /// The largest stock Inventory holds, in its units (grams for kg products).
    static let maxStockUnits = 1_000_000

    /// Checks a stock given in the sale unit and converts it to Inventory units.
    static func stockUnits(_ stock: Quantity, product: String, unit: SaleUnit) throws -> Int {
        guard stock.thousandths >= 0 else { throw CoopError.invalidQuantity(stock.decimalString, field: "stock") }
        guard unit.allows(stock) else { throw CoopError.quantityNotAllowed(product, stock, unit: unit) }
        let max = unit.quantity(stockUnits: maxStockUnits)
        guard stock <= max else { throw CoopError.quantityTooLarge(product, stock, max: max) }
        return unit.stockUnits(stock)
    }

    /// What a transaction needs to know about a product.
    struct ProductRef {
        let itemID: Int64
        let code: String
        let name: String
        let unit: SaleUnit
        let price: Money
        let tax: TaxClass
        let onDemand: Bool
        let producerID: Int64
        /// The item is active in Inventory.
        let active: Bool
    }

    /// An item's code as Inventory stores it: trimmed and in NFC.
    static func lookupCode(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }

    /// The product with this code, or nil when no item has it or the item is not sold.
    /// The item's code, name and status come from Inventory's ledger, the sale terms from this domain's row.
    static func findProduct(_ code: String, in db: Connection) throws -> ProductRef? {
        guard let item = try InventoryLedger.findItem(code: lookupCode(code), in: db),
              let row = try db.queryOne("""
                SELECT p.item_id, p.unit, p.price_cents, p.tax, p.on_demand, p.producer_id FROM orders_products p WHERE p.item_id = ?
                """, [item.id]) else { return nil }
        return ProductRef(
            itemID: try row.get("item_id"), code: item.code, name: item.name,
            unit: SaleUnit(rawValue: try row.get("unit")) ?? .unit, price: try row.get("price_cents"),
            tax: TaxClass(rawValue: try row.get("tax")) ?? .taxable, onDemand: try row.get("on_demand"),
            producerID: try row.get("producer_id"), active: item.status == .active)
    }

    /// The product with this code; refuses an unknown one with `orders.product_not_found` (404).
    static func productRef(_ code: String, in db: Connection) throws -> ProductRef {
        guard let product = try findProduct(code, in: db) else { throw CoopError.productNotFound(code) }
        return product
    }

    static func fetchProduct(itemID: Int64, in db: Connection) throws -> Product {
        guard let row = try db.queryOne(Product.selectSQL + " WHERE p.item_id = ?", [itemID]) else {
            throw CoopError.productNotFound("#\(itemID)")
        }
        return try Product(row: row)
    }

    static func fetchProduct(code: String, in db: Connection) throws -> Product {
        guard let row = try db.queryOne(Product.selectSQL + " WHERE i.code = ?", [lookupCode(code)]) else {
            throw CoopError.productNotFound(code)
        }
        return try Product(row: row)
    }
}
