import CoopCore

extension OrdersService {
    /// The cycle's purchase orders, by producer name. Empty until the cycle closes.
    public func purchaseOrders(cycle: Int64) async throws -> [PurchaseOrder] {
        try caller.check(OrdersVerb.purchaseOrders)
        return try await database.read { db in
            _ = try Self.cycleRow(cycle, in: db)
            return try db.query(Self.purchaseOrderSelectSQL + " WHERE po.cycle_id = ? ORDER BY pr.name COLLATE french", [cycle])
                .map { try Self.purchaseOrder($0, in: db) }
        }
    }

    /// One producer's purchase order for the cycle. Refused with `orders.purchase_order_not_found`
    /// (404) before close or when nothing of theirs was ordered.
    public func purchaseOrder(cycle: Int64, producer: String) async throws -> PurchaseOrder {
        try caller.check(OrdersVerb.purchaseOrder)
        return try await database.read { db in
            _ = try Self.cycleRow(cycle, in: db)
            let producerID = try Self.producerID(producer, in: db)
            guard let row = try db.queryOne(Self.purchaseOrderSelectSQL + " WHERE po.cycle_id = ? AND po.producer_id = ?", [cycle, producerID]) else {
                throw CoopError.purchaseOrderNotFound(cycle: cycle, producer: producer)
            }
            return try Self.purchaseOrder(row, in: db)
        }
    }

    /// One producer's purchase order as CSV (see `PurchaseOrder.csv`), for `purchase-order export`.
    public func purchaseOrderCSV(cycle: Int64, producer: String) async throws -> String {
        try caller.check(OrdersVerb.purchaseOrderCSV)
        return try await purchaseOrder(cycle: cycle, producer: producer).csv
    }

    // MARK: Shared steps (inside a transaction)

    /// Makes one purchase order per producer with confirmed lines in the cycle, summing quantities,
    /// order counts and amounts per product in SQL. Returns how many were made.
    static func makePurchaseOrders(cycle: Int64, now: Instant, in db: Connection) throws -> Int {
        try db.execute("""
            INSERT INTO orders_purchase_orders (cycle_id, producer_id, created_at)
            SELECT DISTINCT o.cycle_id, p.producer_id, ?
            FROM orders_order_lines l
            JOIN orders_orders o ON o.id = l.order_id
            JOIN orders_products p ON p.item_id = l.item_id
            WHERE o.cycle_id = ? AND o.status = 'confirmed'
            ORDER BY p.producer_id
            """, [now, cycle])
        let count = db.changes
        try db.execute("""
            INSERT INTO orders_purchase_order_lines (purchase_order_id, item_id, quantity_thousandths, order_count, amount_cents)
            SELECT po.id, l.item_id, sum(l.quantity_thousandths), count(*), sum(l.amount_cents)
            FROM orders_order_lines l
            JOIN orders_orders o ON o.id = l.order_id
            JOIN orders_products p ON p.item_id = l.item_id
            JOIN orders_purchase_orders po ON po.cycle_id = o.cycle_id AND po.producer_id = p.producer_id
            WHERE o.cycle_id = ? AND o.status = 'confirmed'
            GROUP BY po.id, l.item_id
            """, [cycle])
        return count
    }

    static let purchaseOrderSelectSQL = """
        SELECT po.id, po.cycle_id, po.created_at, pr.name AS producer_name, pr.contact, c.pickup_date
        FROM orders_purchase_orders po
        JOIN orders_producers pr ON pr.id = po.producer_id
        JOIN orders_cycles c ON c.id = po.cycle_id
        """

    static func purchaseOrder(_ row: Row, in db: Connection) throws -> PurchaseOrder {
        let lines = try db.query("""
            SELECT i.code, i.name, p.unit, l.quantity_thousandths, l.order_count, l.amount_cents
            FROM orders_purchase_order_lines l JOIN inventory_public_items i ON i.id = l.item_id JOIN orders_products p ON p.item_id = l.item_id
            WHERE l.purchase_order_id = ? ORDER BY i.code
            """, [try row.get("id") as Int64]).map { row in
            PurchaseOrderLine(product: try row.get("code"), name: try row.get("name"), unit: SaleUnit(rawValue: try row.get("unit")) ?? .unit,
                              quantity: try row.get("quantity_thousandths"), orders: try row.get("order_count"), amount: try row.get("amount_cents"))
        }
        return try PurchaseOrder(row: row, lines: lines)
    }
}
