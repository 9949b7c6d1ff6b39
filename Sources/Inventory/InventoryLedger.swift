import CoopCore

/// The units of items, for Lending (and Orders) to compose inside their OWN write transaction:
/// `LendingService.checkOut` opens one `database.write`, checks the member, calls
/// `InventoryLedger.checkOut(...)` and inserts its loan, so the availability check and the loan commit
/// together and double-lending is impossible. Other domains never touch `inventory_` tables directly:
/// single items come from here, list joins read the `inventory_public_items` and
/// `inventory_public_categories` views (`inventory.5`).
///
/// Every function takes the caller's `Connection` (call it only inside `DatabasePool.write`), checks
/// its bounds, appends a movement and returns the item's state after the change.
public enum InventoryLedger {
    /// An item's units as the ledger sees them: a Sendable value safe to return from a transaction.
    public struct Snapshot: Sendable, Equatable {
        /// The row id, stable for the item's life: what a loan refers to.
        public let id: Int64
        public let code: String
        public let name: String
        public let quantity: Int
        public let unitsOut: Int
        public let maintenanceUnits: Int
        public let status: ItemStatus
        /// The category's path, for policies by category (loan length, fees).
        public let category: String?
        /// Replacement value, for lost-item fees.
        public let value: Money

        /// Units free to lend now: `quantity − unitsOut − maintenanceUnits` when active, else 0.
        public var available: Int {
            Availability.units(quantity: quantity, unitsOut: unitsOut, maintenanceUnits: maintenanceUnits, status: status)
        }
    }

    private static let snapshotSQL = """
        SELECT i.id, i.code, i.name, i.quantity, i.units_out, i.maintenance_units, i.status, i.value_cents, c.path
        FROM inventory_items i LEFT JOIN inventory_categories c ON c.id = i.category_id
        """

    /// The item with this code (case-insensitive); refuses an unknown code with `inventory.item_not_found`.
    public static func item(code: String, in db: Connection) throws -> Snapshot {
        guard let row = try db.queryOne(snapshotSQL + " WHERE i.code = ?", [ItemStore.lookupCode(code)]) else {
            throw CoopError.itemNotFound(code)
        }
        return try snapshot(row)
    }

    /// The item with this code (case-insensitive), or nil when there is none: for a domain that treats
    /// an unknown code in its own words (Orders: "no such product").
    public static func findItem(code: String, in db: Connection) throws -> Snapshot? {
        try db.queryOne(snapshotSQL + " WHERE i.code = ?", [ItemStore.lookupCode(code)]).map(snapshot)
    }

    /// The item with this row id, or nil when there is none.
    public static func findItem(id: Int64, in db: Connection) throws -> Snapshot? {
        try db.queryOne(snapshotSQL + " WHERE i.id = ?", [id]).map(snapshot)
    }

    /// The category `text` names, as stored (case and accents ignored: `outils/echelles` is
    /// `Outils/Échelles`); an unknown one is refused with `inventory.category_not_found` and the closest
    /// existing paths. For other domains that file rules under a category (Lending's policies).
    public static func categoryPath(_ text: String, in db: Connection) throws -> String {
        let path = try TreePath(parsing: text, field: "category")
        guard let found = try Tree.category.find(path, in: db) else { throw try Tree.category.notFound(path, in: db) }
        return found.path
    }

    /// The item with this row id.
    public static func item(id: Int64, in db: Connection) throws -> Snapshot {
        guard let row = try db.queryOne(snapshotSQL + " WHERE i.id = ?", [id]) else {
            throw CoopError.itemNotFound("#\(id)")
        }
        return try snapshot(row)
    }

    /// Takes `units` out on loan. Refused with `inventory.units_unavailable` (naming both numbers) when
    /// fewer are available, which includes any item that is not active.
    /// - Parameters:
    ///   - actor: who lends (recorded in the movement); `reason` may name the loan or the borrower.
    ///   - at: the instant of the loan, from the caller's clock.
    @discardableResult
    public static func checkOut(itemID: Int64, units: Int = 1, actor: String?, reason: String? = nil, at: Instant, in db: Connection) throws -> Snapshot {
        let units = try ItemValidation.units(units)
        let item = try self.item(id: itemID, in: db)
        guard units <= item.available else {
            throw CoopError.unitsUnavailable(item.code, requested: units, available: item.available)
        }
        try db.execute("UPDATE inventory_items SET units_out = units_out + ? WHERE id = ?", [units, itemID])
        try MovementLog.append(itemID, .checkOut, units: units, from: String(item.unitsOut), to: String(item.unitsOut + units),
                               reason: reason, actor: actor, at: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    /// Brings `units` back from loan, whatever the item's status (a unit lent before the item was
    /// declared lost still comes back). Refused with `inventory.units_not_out` beyond the units out.
    @discardableResult
    public static func checkIn(itemID: Int64, units: Int = 1, actor: String?, reason: String? = nil, at: Instant, in db: Connection) throws -> Snapshot {
        let units = try ItemValidation.units(units)
        let item = try self.item(id: itemID, in: db)
        guard units <= item.unitsOut else {
            throw CoopError.unitsNotOut(item.code, requested: units, out: item.unitsOut)
        }
        try db.execute("UPDATE inventory_items SET units_out = units_out - ? WHERE id = ?", [units, itemID])
        try MovementLog.append(itemID, .checkIn, units: units, from: String(item.unitsOut), to: String(item.unitsOut - units),
                               reason: reason, actor: actor, at: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    /// Puts `units` that are neither out nor already in maintenance into maintenance (a unit returned
    /// damaged: `checkIn` then this, in one transaction). Allowed whatever the status.
    @discardableResult
    public static func sendToMaintenance(itemID: Int64, units: Int = 1, actor: String?, reason: String? = nil, at: Instant, in db: Connection) throws -> Snapshot {
        let units = try ItemValidation.units(units)
        let item = try self.item(id: itemID, in: db)
        let free = item.quantity - item.unitsOut - item.maintenanceUnits
        guard units <= free else { throw CoopError.unitsUnavailable(item.code, requested: units, available: max(0, free)) }
        try db.execute("UPDATE inventory_items SET maintenance_units = maintenance_units + ? WHERE id = ?", [units, itemID])
        try MovementLog.append(itemID, .maintenance, units: units, from: String(item.maintenanceUnits), to: String(item.maintenanceUnits + units),
                               reason: reason, actor: actor, at: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    /// Brings `units` back from maintenance. Refused with `inventory.units_not_out` beyond those in it.
    @discardableResult
    public static func returnFromMaintenance(itemID: Int64, units: Int = 1, actor: String?, reason: String? = nil, at: Instant, in db: Connection) throws -> Snapshot {
        let units = try ItemValidation.units(units)
        let item = try self.item(id: itemID, in: db)
        guard units <= item.maintenanceUnits else {
            throw CoopError.unitsNotOut(item.code, requested: units, out: item.maintenanceUnits)
        }
        try db.execute("UPDATE inventory_items SET maintenance_units = maintenance_units - ? WHERE id = ?", [units, itemID])
        try MovementLog.append(itemID, .repaired, units: units, from: String(item.maintenanceUnits), to: String(item.maintenanceUnits - units),
                               reason: reason, actor: actor, at: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    /// Writes off `units` that are on loan and will not come back (the borrower lost them): both the
    /// units out and the quantity go down, and a `writtenOff` movement records the quantities.
    @discardableResult
    public static func writeOffLoanedUnits(itemID: Int64, units: Int = 1, actor: String?, reason: String? = nil, at: Instant, in db: Connection) throws -> Snapshot {
        let units = try ItemValidation.units(units)
        let item = try self.item(id: itemID, in: db)
        guard units <= item.unitsOut else {
            throw CoopError.unitsNotOut(item.code, requested: units, out: item.unitsOut)
        }
        try db.execute("UPDATE inventory_items SET units_out = units_out - ?, quantity = quantity - ?, updated_at = ? WHERE id = ?",
                       [units, units, at, itemID])
        try MovementLog.append(itemID, .writtenOff, units: units, from: String(item.quantity), to: String(item.quantity - units),
                               reason: reason, actor: actor, at: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    private static func snapshot(_ row: Row) throws -> Snapshot {
        Snapshot(id: try row.get("id"), code: try row.get("code"), name: try row.get("name"), quantity: try row.get("quantity"),
                 unitsOut: try row.get("units_out"), maintenanceUnits: try row.get("maintenance_units"),
                 status: ItemStatus(rawValue: try row.get("status")) ?? .active, category: try row.get("path"),
                 value: try row.get("value_cents"))
    }
}
