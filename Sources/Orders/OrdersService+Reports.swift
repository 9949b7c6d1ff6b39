import CoopCore

extension OrdersService {
    /// The packing list: one slip per order that is not cancelled, by pickup point then member number;
    /// one pickup point's only when `pickup` is given. Before close it shows the open orders as they are.
    public func packingList(cycle: Int64, pickup: String? = nil) async throws -> [PackingSlip] {
        try caller.check(OrdersVerb.packingList)
        return try await database.read { db in
            _ = try Self.cycleRow(cycle, in: db)
            var sql = """
                SELECT o.id, o.status, pp.name AS pickup_name, m.number, m.first_name, m.last_name,
                       i.code, i.name, p.unit, l.quantity_thousandths
                FROM orders_orders o
                JOIN orders_pickup_points pp ON pp.id = o.pickup_point_id
                JOIN membership_public_members m ON m.id = o.member_id
                JOIN orders_order_lines l ON l.order_id = o.id
                JOIN inventory_public_items i ON i.id = l.item_id
                JOIN orders_products p ON p.item_id = l.item_id
                WHERE o.cycle_id = ? AND o.status <> 'cancelled'
                """
            var arguments: [any DatabaseValueConvertible] = [cycle]
            if let pickup { sql += " AND o.pickup_point_id = ?"; arguments.append(try Self.pickupPointID(pickup, in: db)) }
            sql += " ORDER BY pp.name COLLATE french, m.id, i.code"
            var slips: [(slip: PackingSlipBuilder, id: Int64)] = []
            try db.forEach(sql, arguments) { row in
                let id: Int64 = try row.get("id")
                let line = PackingLine(product: try row.get("code"), name: try row.get("name"),
                                       unit: SaleUnit(rawValue: try row.get("unit")) ?? .unit, quantity: try row.get("quantity_thousandths"))
                if slips.last?.id == id {
                    slips[slips.count - 1].slip.lines.append(line)
                } else {
                    let first: String = try row.get("first_name"), last: String = try row.get("last_name")
                    slips.append((PackingSlipBuilder(pickup: try row.get("pickup_name"), member: try row.get("number"),
                                                     memberName: "\(first) \(last)", order: id,
                                                     status: OrderStatus(rawValue: try row.get("status")) ?? .open, lines: [line]), id))
                }
            }
            return slips.map { $0.slip.build() }
        }
    }

    /// The picking list: each product ordered in the cycle (orders not cancelled), with the total to
    /// gather and its split by pickup point, in product code order.
    public func pickingList(cycle: Int64) async throws -> [PickingRow] {
        try caller.check(OrdersVerb.pickingList)
        return try await database.read { db in
            _ = try Self.cycleRow(cycle, in: db)
            var rows: [PickingRow] = []
            var current: (code: String, name: String, producer: String, unit: SaleUnit, total: Int64, orders: Int, pickups: [PickupQuantity])?
            func flush() {
                if let c = current {
                    rows.append(PickingRow(product: c.code, name: c.name, producer: c.producer, unit: c.unit,
                                           quantity: Quantity(thousandths: c.total), orders: c.orders, pickups: c.pickups))
                }
            }
            try db.forEach("""
                SELECT i.code, i.name, pr.name AS producer_name, p.unit, pp.name AS pickup_name,
                       sum(l.quantity_thousandths) AS quantity, count(*) AS orders
                FROM orders_orders o
                JOIN orders_order_lines l ON l.order_id = o.id
                JOIN orders_pickup_points pp ON pp.id = o.pickup_point_id
                JOIN inventory_public_items i ON i.id = l.item_id
                JOIN orders_products p ON p.item_id = l.item_id
                JOIN orders_producers pr ON pr.id = p.producer_id
                WHERE o.cycle_id = ? AND o.status <> 'cancelled'
                GROUP BY l.item_id, pp.id
                ORDER BY i.code, pp.name COLLATE french
                """, [cycle]) { row in
                let code: String = try row.get("code")
                let quantity: Int64 = try row.get("quantity"), orders: Int = try row.get("orders")
                let split = PickupQuantity(pickup: try row.get("pickup_name"), quantity: Quantity(thousandths: quantity))
                if current?.code == code {
                    current!.total += quantity
                    current!.orders += orders
                    current!.pickups.append(split)
                } else {
                    flush()
                    current = (code, try row.get("name"), try row.get("producer_name"), SaleUnit(rawValue: try row.get("unit")) ?? .unit,
                               quantity, orders, [split])
                }
            }
            flush()
            return rows
        }
    }

    /// Sales by producer, before taxes, from the invoices and credit notes of a cycle or issued in a
    /// month (in the co-op's time zone).
    public func salesByProducer(_ period: SalesPeriod) async throws -> SalesReport {
        try caller.check(OrdersVerb.salesByProducer)
        return try await database.read { db in
            let condition: String, arguments: [any DatabaseValueConvertible], label: String
            switch period {
            case .cycle(let id):
                _ = try Self.cycleRow(id, in: db)
                condition = "v.cycle_id = ?"; arguments = [id]; label = "cycle \(id)"
            case .month(let month):
                condition = "v.issued_on BETWEEN ? AND ?"; arguments = [month.firstDay, month.lastDay]; label = month.description
            }
            var sums: [String: (invoiced: Int64, credited: Int64)] = [:]
            try db.forEach("""
                SELECT pr.name AS producer_name, v.kind, sum(l.amount_cents) AS amount
                FROM orders_invoice_lines l
                JOIN orders_invoices v ON v.id = l.invoice_id
                JOIN orders_products p ON p.item_id = l.item_id
                JOIN orders_producers pr ON pr.id = p.producer_id
                WHERE \(condition)
                GROUP BY pr.id, v.kind
                """, arguments) { row in
                let name: String = try row.get("producer_name"), amount: Int64 = try row.get("amount")
                var sum = sums[name] ?? (0, 0)
                if try row.get("kind") as String == InvoiceKind.invoice.rawValue { sum.invoiced += amount } else { sum.credited += amount }
                sums[name] = sum
            }
            let rows = sums.sorted { ReadingOrder.less($0.key, $1.key) }.map { name, sum in
                SalesRow(producer: name, invoiced: Money(cents: sum.invoiced), credited: Money(cents: sum.credited),
                         net: Money(cents: sum.invoiced - sum.credited))
            }
            let invoiced = rows.reduce(Money.zero) { $0 + $1.invoiced }, credited = rows.reduce(Money.zero) { $0 + $1.credited }
            return SalesReport(period: label, rows: rows, invoiced: invoiced, credited: credited, net: invoiced - credited)
        }
    }

    /// GST and QST of the documents issued from `from` to `to` (local dates, both included): collected
    /// on invoices, given back on credit notes, and the net.
    public func taxReport(from: LocalDate, to: LocalDate) async throws -> TaxReport {
        try caller.check(OrdersVerb.taxReport)
        guard from <= to else { throw CoopError.invalidPeriod(from: from, to: to) }
        return try await database.read { db in
            var sums: [TaxKind: (base: Int64, collected: Int64, refunded: Int64)] = [.gst: (0, 0, 0), .qst: (0, 0, 0)]
            try db.forEach("""
                SELECT v.kind, t.tax, sum(t.base_cents) AS base, sum(t.amount_cents) AS amount
                FROM orders_invoice_taxes t JOIN orders_invoices v ON v.id = t.invoice_id
                WHERE v.issued_on BETWEEN ? AND ?
                GROUP BY v.kind, t.tax
                """, [from, to]) { row in
                guard let tax = TaxKind(rawValue: try row.get("tax")) else { return }
                let base: Int64 = try row.get("base"), amount: Int64 = try row.get("amount")
                var sum = sums[tax] ?? (0, 0, 0)
                if try row.get("kind") as String == InvoiceKind.invoice.rawValue {
                    sum.base += base; sum.collected += amount
                } else {
                    sum.base -= base; sum.refunded += amount
                }
                sums[tax] = sum
            }
            var counts: [String: Int] = [:]
            try db.forEach("SELECT kind, count(*) AS n FROM orders_invoices WHERE issued_on BETWEEN ? AND ? GROUP BY kind", [from, to]) { row in
                counts[try row.get("kind")] = try row.get("n")
            }
            let rows = TaxKind.allCases.map { tax in
                let s = sums[tax] ?? (0, 0, 0)
                return TaxReportRow(tax: tax, base: Money(cents: s.base), collected: Money(cents: s.collected),
                                    refunded: Money(cents: s.refunded), net: Money(cents: s.collected - s.refunded))
            }
            return TaxReport(from: from, to: to, invoiceCount: counts[InvoiceKind.invoice.rawValue] ?? 0,
                             creditNoteCount: counts[InvoiceKind.creditNote.rawValue] ?? 0, rows: rows)
        }
    }
}

/// A packing slip while its lines are gathered.
struct PackingSlipBuilder {
    var pickup: String
    var member: String
    var memberName: String
    var order: Int64
    var status: OrderStatus
    var lines: [PackingLine]

    func build() -> PackingSlip {
        PackingSlip(pickup: pickup, member: member, memberName: memberName, order: order, status: status, lines: lines)
    }
}
