import CoopCore
import Membership
import Foundation
import Inventory

extension OrdersService {
    /// Creates or changes a member's order for an open cycle, in one transaction.
    ///
    /// Each line sets a product's quantity in its sale unit; 0 removes the line. With `replace`, the
    /// lines given are the whole basket and any other line is removed (the API's POST, whose body is
    /// the basket); without, lines not named stay as they are (the CLI's `order set CODE=QTY…`).
    /// A new line takes the product's current price and tax class, frozen from then on.
    ///
    /// Stock is reserved line by line in the same transaction (an Inventory unit out per unit, per
    /// gram for kg products; on-demand products reserve nothing), so 50 members racing for the last 10
    /// units get exactly 10. A cancelled order of the same cycle is reopened with the new lines.
    ///
    /// Refused, changing nothing: the cycle not open (`orders.cycle_not_open`) or closed, or past its
    /// closing time (`orders.cycle_closed`), 409; more than the stock left (`orders.insufficient_stock`,
    /// 409, naming how much this line can hold); a product not offered or unknown, a pickup point not
    /// served, a quantity not positive or not allowed by the unit (`2.5 douzaine`), 422; no pickup point
    /// for a new order (`common.required`, 422); an unknown member (404) or one who cannot order (409).
    /// - Parameters:
    ///   - pickup: the pickup point's name; needed for a new order, optional after (nil keeps it).
    ///   - member: whose basket; a member's own when nil (the desk must name one).
    public func setOrder(
        cycle cycleID: Int64, member asked: String?, pickup: String?, lines: [OrderLineInput],
        replace: Bool = false
    ) async throws -> OrderUpdate {
        try caller.check(OrdersVerb.setOrder)
        // A member orders for themself; the desk names the member.
        guard let requested = asked ?? caller.memberNumber else { throw CoopError.required("member") }
        let memberNumber = MembershipService.normalizedNumber(requested)
        try caller.requireAccess(toMember: memberNumber)
        let actor = caller.label
        for line in lines { try OrdersValidation.notNegative(line.quantity, product: line.product) }
        let pickup = pickup.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let now = context.now(), rates = self.rates
        return try await database.write { db in
            let cycle = try Self.cycleRow(cycleID, in: db)
            try Self.requireTakingOrders(cycle, now: now)
            let member = try Self.member(memberNumber, in: db)
            guard member.canOrder else { throw CoopError.memberCannotOrder(member.number) }
            let actor = actor ?? member.number
            let existing = try db.queryOne("SELECT id, status, pickup_point_id FROM orders_orders WHERE cycle_id = ? AND member_id = ?",
                                           [cycleID, member.id])

            var pickupID: Int64
            if let pickup {
                pickupID = try Self.pickupPointID(pickup, in: db)
                guard try Self.isServed(pickupID: pickupID, in: cycle, db: db) else { throw CoopError.pickupNotServed(pickup, cycle: cycleID) }
            } else if let existing {
                pickupID = try existing.get("pickup_point_id")
            } else {
                throw CoopError.required("pickup")
            }

            let orderID: Int64
            if let existing {
                orderID = try existing.get("id")
                let status = OrderStatus(rawValue: try existing.get("status")) ?? .open
                switch status {
                case .open: break
                case .cancelled:
                    // Reopened: the cancelled lines released their stock; the basket starts again.
                    try db.execute("DELETE FROM orders_order_lines WHERE order_id = ?", [orderID])
                    try db.execute("UPDATE orders_orders SET status = 'open', cancelled_at = NULL WHERE id = ?", [orderID])
                case .confirmed, .picked_up: throw CoopError.cycleClosed(cycleID)
                }
                try db.execute("UPDATE orders_orders SET pickup_point_id = ?, updated_at = ? WHERE id = ?", [pickupID, now, orderID])
            } else {
                try db.execute("""
                    INSERT INTO orders_orders (cycle_id, member_id, pickup_point_id, status, created_at, updated_at)
                    VALUES (?, ?, ?, 'open', ?, ?)
                    """, [cycleID, member.id, pickupID, now, now])
                orderID = db.lastInsertRowID
            }

            let current = try Self.lineStates(orderID, in: db)
            var targets: [Int64: (product: ProductRef, quantity: Quantity)] = [:]
            for input in lines {
                guard let product = try Self.findProduct(input.product, in: db) else { throw CoopError.unknownProduct(input.product) }
                guard targets[product.itemID] == nil else { throw CoopError.duplicateLine(product.code) }
                let quantity = try OrdersValidation.lineQuantity(input.quantity, product: product.code, unit: product.unit, allowZero: true)
                // Lowering or removing a line is always allowed; adding to it needs the product offered.
                if quantity > (current[product.itemID]?.quantity ?? .zero), !(try Self.isOffered(product, in: cycle, db: db)) {
                    throw CoopError.productNotOffered(product.code, cycle: cycleID)
                }
                targets[product.itemID] = (product, quantity)
            }
            if replace {
                for (itemID, _) in current where targets[itemID] == nil {
                    targets[itemID] = (try Self.productRef(itemID: itemID, in: db), .zero)
                }
            }
            // In code order, so that which line is refused first does not depend on the input's order.
            for (product, quantity) in targets.values.sorted(by: { $0.product.code < $1.product.code }) {
                try Self.setLine(orderID: orderID, product: product, quantity: quantity, current: current[product.itemID],
                                 actor: actor, now: now, in: db)
            }
            return OrderUpdate(order: try Self.fetchOrder(orderID, rates: rates, in: db), created: existing == nil)
        }
    }

    /// Cancels an order and releases the stock it holds. An open order can be cancelled until the
    /// cycle's closing time; a confirmed one (already invoiced) at any time, and its invoice is then
    /// credited in full in the same transaction. Refused for an order picked up or already cancelled
    /// (`orders.order_not_cancellable`, 409), and for an open order past the closing time
    /// (`orders.cycle_closed`: close the cycle, then cancel, so the invoice is credited).
    public func cancelOrder(_ id: Int64) async throws -> Order {
        try caller.check(OrdersVerb.cancelOrder)
        let actor = caller.label
        let now = context.now(), today = context.today(), rates = self.rates
        return try await database.write { db in
            let (status, cycleID) = try Self.orderStatus(id, in: db)
            switch status {
            case .open: try Self.requireTakingOrders(try Self.cycleRow(cycleID, in: db), now: now)
            case .confirmed: break
            case .picked_up, .cancelled: throw CoopError.orderNotCancellable(id, status: status)
            }
            let reason = "Commande / Order \(id)"
            for line in try Self.lineStates(id, in: db).values where line.reservedUnits > 0 {
                try InventoryLedger.checkIn(itemID: line.itemID, units: line.reservedUnits, actor: actor,
                                            reason: "Annulation / Cancelled: \(reason)", at: now, in: db)
            }
            try db.execute("UPDATE orders_order_lines SET reserved_units = 0 WHERE order_id = ?", [id])
            try db.execute("UPDATE orders_orders SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?", [now, now, id])
            if status == .confirmed,
               let invoiceID = try db.scalar("SELECT id FROM orders_invoices WHERE order_id = ? AND kind = 'invoice'", [id], as: Int64.self),
               let draft = try Self.creditDraft(invoiceID: invoiceID, reason: Invoice.orderCancelled, requested: [], allowNothing: true, in: db) {
                _ = try Self.issue([draft], now: now, today: today, in: db)
            }
            return try Self.fetchOrder(id, rates: rates, in: db)
        }
    }

    /// Marks a confirmed order picked up: its reserved units leave the stock (Inventory quantity and
    /// units out go down together). Refused unless confirmed (`orders.order_not_confirmed`, 409).
    public func pickUpOrder(_ id: Int64) async throws -> Order {
        try caller.check(OrdersVerb.pickUpOrder)
        let actor = caller.label
        let now = context.now(), rates = self.rates
        return try await database.write { db in
            let (status, _) = try Self.orderStatus(id, in: db)
            guard status == .confirmed else { throw CoopError.orderNotConfirmed(id, status: status) }
            for line in try Self.lineStates(id, in: db).values where line.reservedUnits > 0 {
                try InventoryLedger.consume(itemID: line.itemID, units: line.reservedUnits, actor: actor,
                                            reason: "Vente / Sale: Commande / Order \(id)", at: now, in: db)
            }
            try db.execute("UPDATE orders_order_lines SET reserved_units = 0 WHERE order_id = ?", [id])
            try db.execute("UPDATE orders_orders SET status = 'picked_up', picked_up_at = ?, updated_at = ? WHERE id = ?", [now, now, id])
            return try Self.fetchOrder(id, rates: rates, in: db)
        }
    }

    /// The order with this id.
    public func order(_ id: Int64) async throws -> Order {
        try caller.check(OrdersVerb.order)
        let rates = self.rates
        let order = try await database.read { db in try Self.fetchOrder(id, rates: rates, in: db) }
        try caller.requireAccess(toMember: order.member)
        return order
    }

    /// A member's order for a cycle, or nil when they have none.
    public func order(cycle: Int64, member: String) async throws -> Order? {
        try caller.check(OrdersVerb.order)
        try caller.requireAccess(toMember: member)
        let rates = self.rates
        return try await database.read { db in
            let member = try Self.member(member, in: db)
            guard let id = try db.scalar("SELECT id FROM orders_orders WHERE cycle_id = ? AND member_id = ?", [cycle, member.id], as: Int64.self) else {
                return nil
            }
            return try Self.fetchOrder(id, rates: rates, in: db)
        }
    }

    /// Orders in id order, one page at a time, filtered by cycle, member and status when given.
    public func orders(
        cycle: Int64? = nil, member: String? = nil, status: OrderStatus? = nil, page: PageRequest = PageRequest()
    ) async throws -> Page<Order> {
        try caller.check(OrdersVerb.orders)
        let member = try caller.memberScope(member)
        let after = try Self.cursorID(page.after), rates = self.rates
        return try await database.read { db in
            var sql = "SELECT id FROM orders_orders WHERE id > ?"
            var arguments: [any DatabaseValueConvertible] = [after]
            if let cycle { sql += " AND cycle_id = ?"; arguments.append(cycle) }
            if let member { sql += " AND member_id = ?"; arguments.append(try Self.member(member, in: db).id) }
            if let status { sql += " AND status = ?"; arguments.append(status.rawValue) }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(page.limit + 1)
            let (orders, next) = try Self.page(try db.query(sql, arguments), limit: page.limit) { row in
                try Self.fetchOrder(try row.get("id"), rates: rates, in: db)
            }
            return Page(items: orders, next: next)
        }
    }

    // MARK: Shared steps (inside a transaction)

    /// A line as stored, with what it holds of the stock.
    struct LineState {
        let itemID: Int64
        let quantity: Quantity
        let unitPrice: Money
        let reservedUnits: Int
    }

    static func lineStates(_ orderID: Int64, in db: Connection) throws -> [Int64: LineState] {
        var lines: [Int64: LineState] = [:]
        try db.forEach("SELECT item_id, quantity_thousandths, unit_price_cents, reserved_units FROM orders_order_lines WHERE order_id = ?",
                       [orderID]) { row in
            let itemID: Int64 = try row.get("item_id")
            lines[itemID] = LineState(itemID: itemID, quantity: try row.get("quantity_thousandths"),
                                      unitPrice: try row.get("unit_price_cents"), reservedUnits: try row.get("reserved_units"))
        }
        return lines
    }

    /// Sets one line to `quantity` (0 removes it), reserving or releasing the stock difference.
    static func setLine(
        orderID: Int64, product: ProductRef, quantity: Quantity, current: LineState?, actor: String, now: Instant, in db: Connection
    ) throws {
        let held = current?.reservedUnits ?? 0
        let needed = quantity.isPositive && !product.onDemand ? product.unit.stockUnits(quantity) : 0
        let reason = "Commande / Order \(orderID)"
        if needed > held {
            let item = try InventoryLedger.item(id: product.itemID, in: db)
            guard needed - held <= item.available else {
                throw CoopError.insufficientStock(product.code, requested: quantity,
                                                  available: product.unit.quantity(stockUnits: held + item.available))
            }
            try InventoryLedger.checkOut(itemID: product.itemID, units: needed - held, actor: actor, reason: reason, at: now, in: db)
        } else if needed < held {
            try InventoryLedger.checkIn(itemID: product.itemID, units: held - needed, actor: actor, reason: reason, at: now, in: db)
        }
        switch (current, quantity.isPositive) {
        case (nil, false):
            break
        case (.some, false):
            try db.execute("DELETE FROM orders_order_lines WHERE order_id = ? AND item_id = ?", [orderID, product.itemID])
        case (.some(let line), true):
            guard line.quantity != quantity || needed != held else { return }
            try db.execute("""
                UPDATE orders_order_lines SET quantity_thousandths = ?, amount_cents = ?, reserved_units = ? WHERE order_id = ? AND item_id = ?
                """, [quantity, Pricing.lineAmount(unitPrice: line.unitPrice, quantity: quantity), needed, orderID, product.itemID])
        case (nil, true):
            try db.execute("""
                INSERT INTO orders_order_lines (order_id, item_id, quantity_thousandths, unit_price_cents, tax, amount_cents, reserved_units, added_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [orderID, product.itemID, quantity, product.price, product.tax.rawValue,
                      Pricing.lineAmount(unitPrice: product.price, quantity: quantity), needed, now])
        }
    }

    static func orderStatus(_ id: Int64, in db: Connection) throws -> (OrderStatus, cycle: Int64) {
        guard let row = try db.queryOne("SELECT status, cycle_id FROM orders_orders WHERE id = ?", [id]) else {
            throw CoopError.orderNotFound(id)
        }
        return (OrderStatus(rawValue: try row.get("status")) ?? .open, try row.get("cycle_id"))
    }

    static func productRef(itemID: Int64, in db: Connection) throws -> ProductRef {
        guard let code = try InventoryLedger.findItem(id: itemID, in: db)?.code else {
            throw CoopError.productNotFound("#\(itemID)")
        }
        return try productRef(code, in: db)
    }

    static let orderSelectSQL = """
        SELECT o.id, o.cycle_id, o.status, o.created_at, o.updated_at, m.number AS member_number, pp.name AS pickup_name,
               (SELECT v.number FROM orders_invoices v WHERE v.order_id = o.id AND v.kind = 'invoice') AS invoice_number
        FROM orders_orders o
        JOIN membership_public_members m ON m.id = o.member_id
        JOIN orders_pickup_points pp ON pp.id = o.pickup_point_id
        WHERE o.id = ?
        """

    static func fetchOrder(_ id: Int64, rates: TaxRates, in db: Connection) throws -> Order {
        guard let row = try db.queryOne(orderSelectSQL, [id]) else { throw CoopError.orderNotFound(id) }
        let lines = try db.query("""
            SELECT i.code, i.name, p.unit, l.quantity_thousandths, l.unit_price_cents, l.tax, l.amount_cents
            FROM orders_order_lines l JOIN inventory_public_items i ON i.id = l.item_id JOIN orders_products p ON p.item_id = l.item_id
            WHERE l.order_id = ? ORDER BY i.code
            """, [id]).map { row in
            OrderLine(product: try row.get("code"), name: try row.get("name"), unit: SaleUnit(rawValue: try row.get("unit")) ?? .unit,
                      quantity: try row.get("quantity_thousandths"), unitPrice: try row.get("unit_price_cents"),
                      tax: TaxClass(rawValue: try row.get("tax")) ?? .taxable, amount: try row.get("amount_cents"))
        }
        return try Order(row: row, lines: lines, invoice: try row.get("invoice_number"), rates: rates)
    }
}
