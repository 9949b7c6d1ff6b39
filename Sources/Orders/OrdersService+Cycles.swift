import CoopCore
import Foundation

extension OrdersService {
    /// Creates a planned cycle. Empty `pickupPoints` or `products` mean every active one, as they are
    /// when members order.
    ///
    /// Refused: `closes` not after `opens`, or a pickup date before the closing day
    /// (`orders.invalid_cycle_dates`, 422); an unknown pickup point (404) or product (422).
    public func createCycle(_ input: NewCycle) async throws -> Cycle {
        try caller.check(OrdersVerb.createCycle)
        let name = try OrdersValidation.name(input.name)
        guard input.closes > input.opens else {
            throw CoopError.invalidCycleDates(LocalizedText(fr: "la fermeture doit suivre l’ouverture.", en: "closing must come after opening."))
        }
        guard input.pickupDate >= input.closes.localDate(in: context.timeZone) else {
            throw CoopError.invalidCycleDates(LocalizedText(fr: "la cueillette ne peut pas précéder la fermeture.",
                                                            en: "pickup cannot come before closing."))
        }
        let now = context.now()
        return try await database.write { db in
            var pickupIDs = Set<Int64>()
            for name in input.pickupPoints { pickupIDs.insert(try Self.pickupPointID(name, in: db)) }
            var itemIDs = Set<Int64>()
            for code in input.products {
                guard let product = try Self.findProduct(code, in: db) else { throw CoopError.unknownProduct(code) }
                itemIDs.insert(product.itemID)
            }
            try db.execute("""
                INSERT INTO orders_cycles (name, opens_at, closes_at, pickup_date, state, all_products, all_pickup_points, created_at)
                VALUES (?, ?, ?, ?, 'planned', ?, ?, ?)
                """, [name, input.opens, input.closes, input.pickupDate, itemIDs.isEmpty, pickupIDs.isEmpty, now])
            let id = db.lastInsertRowID
            for itemID in itemIDs.sorted() {
                try db.execute("INSERT INTO orders_cycle_products (cycle_id, item_id) VALUES (?, ?)", [id, itemID])
            }
            for pickupID in pickupIDs.sorted() {
                try db.execute("INSERT INTO orders_cycle_pickup_points (cycle_id, pickup_point_id) VALUES (?, ?)", [id, pickupID])
            }
            return try Self.fetchCycle(id, in: db)
        }
    }

    /// Opens a planned cycle to orders (refused otherwise with `orders.cycle_not_planned`, 409).
    /// Members may then order until `closes`, even if it is opened before `opens`.
    public func openCycle(_ id: Int64) async throws -> Cycle {
        try caller.check(OrdersVerb.openCycle)
        let now = context.now(), zone = context.timeZone
        return try await database.write { db in
            let cycle = try Self.cycleRow(id, in: db)
            guard cycle.state == .planned else { throw CoopError.cycleNotPlanned(id, state: cycle.state) }
            try db.execute("UPDATE orders_cycles SET state = 'open', opened_at = ? WHERE id = ?", [now, id])
            try OrdersNotices.cycleOpened(id, at: now, timeZone: zone, in: db)
            return try Self.fetchCycle(id, in: db)
        }
    }

    /// Closes an open cycle, in ONE transaction: open orders become confirmed (those without a line are
    /// cancelled), one purchase order is made per producer, one invoice per confirmed order with
    /// gapless numbers of the current year, each posted to the member's account.
    ///
    /// A second close (two staff pressing the button at once) waits for the write lock, then finds the
    /// cycle closed and is refused with `orders.cycle_closed` (409): one set of invoices, no gap. A
    /// planned cycle is refused with `orders.cycle_not_open`; one whose closing time has not come, with
    /// `orders.cycle_not_yet_closable`, unless `early` (the coordinator chose to close it now).
    public func closeCycle(_ id: Int64, early: Bool = false) async throws -> CycleClosing {
        try caller.check(OrdersVerb.closeCycle)
        let now = context.now(), today = context.today(), rates = self.rates, zone = context.timeZone
        return try await database.write { db in
            let cycle = try Self.cycleRow(id, in: db)
            switch cycle.state {
            case .planned: throw CoopError.cycleNotOpen(id)
            case .closed, .delivered: throw CoopError.cycleClosed(id)
            case .open: break
            }
            guard early || now >= cycle.closes else { throw CoopError.cycleNotYetClosable(id, closes: cycle.closes, now: now, timeZone: zone) }
            try db.execute("""
                UPDATE orders_orders SET status = 'cancelled', cancelled_at = ?, updated_at = ?
                WHERE cycle_id = ? AND status = 'open'
                  AND NOT EXISTS (SELECT 1 FROM orders_order_lines l WHERE l.order_id = orders_orders.id)
                """, [now, now, id])
            let cancelled = db.changes
            try db.execute("""
                UPDATE orders_orders SET status = 'confirmed', confirmed_at = ?, updated_at = ? WHERE cycle_id = ? AND status = 'open'
                """, [now, now, id])
            let confirmed = db.changes
            let purchaseOrders = try Self.makePurchaseOrders(cycle: id, now: now, in: db)
            let invoices = try Self.invoiceConfirmedOrders(cycle: id, rates: rates, now: now, today: today, in: db)
            try db.execute("UPDATE orders_cycles SET state = 'closed', closed_at = ? WHERE id = ?", [now, id])
            return CycleClosing(cycle: try Self.fetchCycle(id, in: db), confirmedOrders: confirmed, cancelledEmptyOrders: cancelled,
                                purchaseOrders: purchaseOrders, invoices: invoices.numbers, invoicedTotal: invoices.total)
        }
    }

    /// Marks a closed cycle delivered: its baskets are handed out. Refused unless closed
    /// (`orders.cycle_not_closed`, 409). Orders not picked up stay confirmed and may still be picked
    /// up or cancelled.
    public func markDelivered(_ id: Int64) async throws -> Cycle {
        try caller.check(OrdersVerb.markDelivered)
        let now = context.now()
        return try await database.write { db in
            let cycle = try Self.cycleRow(id, in: db)
            guard cycle.state == .closed else { throw CoopError.cycleNotClosed(id, state: cycle.state) }
            try db.execute("UPDATE orders_cycles SET state = 'delivered', delivered_at = ? WHERE id = ?", [now, id])
            return try Self.fetchCycle(id, in: db)
        }
    }

    /// The cycle with this id.
    public func cycle(_ id: Int64) async throws -> Cycle {
        try caller.check(OrdersVerb.cycle)
        return try await database.read { db in try Self.fetchCycle(id, in: db) }
    }

    /// Cycles, newest first, one page at a time; only those in `state` when given.
    public func cycles(state: CycleState? = nil, page: PageRequest = PageRequest()) async throws -> Page<Cycle> {
        try caller.check(OrdersVerb.cycles)
        let before = try page.after.map { try Self.cursorID($0) } ?? Int64.max
        return try await database.read { db in
            var sql = "SELECT id FROM orders_cycles WHERE id < ?"
            var arguments: [any DatabaseValueConvertible] = [before]
            if let state { sql += " AND state = ?"; arguments.append(state.rawValue) }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments.append(page.limit + 1)
            let (cycles, next) = try Self.page(try db.query(sql, arguments), limit: page.limit) { row in
                try Self.fetchCycle(try row.get("id"), in: db)
            }
            return Page(items: cycles, next: next)
        }
    }

    // MARK: Shared steps (inside a transaction)

    /// What a transaction needs to know about a cycle.
    struct CycleRow {
        let id: Int64
        let state: CycleState
        let closes: Instant
        let allProducts: Bool
        let allPickupPoints: Bool
    }

    static func cycleRow(_ id: Int64, in db: Connection) throws -> CycleRow {
        guard let row = try db.queryOne("SELECT id, state, closes_at, all_products, all_pickup_points FROM orders_cycles WHERE id = ?", [id]) else {
            throw CoopError.cycleNotFound(id)
        }
        return CycleRow(id: id, state: CycleState(rawValue: try row.get("state")) ?? .planned, closes: try row.get("closes_at"),
                        allProducts: try row.get("all_products"), allPickupPoints: try row.get("all_pickup_points"))
    }

    /// Orders change only while the cycle is open and its closing time has not come.
    static func requireTakingOrders(_ cycle: CycleRow, now: Instant) throws {
        switch cycle.state {
        case .planned: throw CoopError.cycleNotOpen(cycle.id)
        case .closed, .delivered: throw CoopError.cycleClosed(cycle.id)
        case .open: if now >= cycle.closes { throw CoopError.cycleClosed(cycle.id) }
        }
    }

    /// An active product the cycle offers (all active products, or those in its list).
    static func isOffered(_ product: ProductRef, in cycle: CycleRow, db: Connection) throws -> Bool {
        guard product.active else { return false }
        if cycle.allProducts { return true }
        return try db.scalar("SELECT 1 FROM orders_cycle_products WHERE cycle_id = ? AND item_id = ?",
                             [cycle.id, product.itemID], as: Int64.self) != nil
    }

    /// An active pickup point the cycle serves (all active points, or those in its list).
    static func isServed(pickupID: Int64, in cycle: CycleRow, db: Connection) throws -> Bool {
        guard try db.scalar("SELECT active FROM orders_pickup_points WHERE id = ?", [pickupID], as: Bool.self) == true else { return false }
        if cycle.allPickupPoints { return true }
        return try db.scalar("SELECT 1 FROM orders_cycle_pickup_points WHERE cycle_id = ? AND pickup_point_id = ?",
                             [cycle.id, pickupID], as: Int64.self) != nil
    }

    static func fetchCycle(_ id: Int64, in db: Connection) throws -> Cycle {
        guard let row = try db.queryOne("SELECT * FROM orders_cycles WHERE id = ?", [id]) else {
            throw CoopError.cycleNotFound(id)
        }
        let products: [String]? = try row.get("all_products") as Bool ? nil : try db.query("""
            SELECT i.code FROM orders_cycle_products c JOIN inventory_public_items i ON i.id = c.item_id WHERE c.cycle_id = ? ORDER BY i.code
            """, [id]).map { try $0.get(0) }
        let pickupPoints: [String]? = try row.get("all_pickup_points") as Bool ? nil : try db.query("""
            SELECT p.name FROM orders_cycle_pickup_points c JOIN orders_pickup_points p ON p.id = c.pickup_point_id
            WHERE c.cycle_id = ? ORDER BY p.name COLLATE french
            """, [id]).map { try $0.get(0) }
        let orderCount = try db.scalar("SELECT count(*) FROM orders_orders WHERE cycle_id = ? AND status <> 'cancelled'", [id], as: Int.self) ?? 0
        return try Cycle(row: row, products: products, pickupPoints: pickupPoints, orderCount: orderCount)
    }
}
