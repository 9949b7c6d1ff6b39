import CoopCore

/// The item steps Orders composes into its OWN write transactions. A product of Orders is an Inventory
/// item: its stock is the item's quantity, a reserved unit is a unit out (`checkOut` when a line is
/// added, `checkIn` when it is removed or the order cancelled), and a unit sold at pickup leaves the
/// stock for good (`consume`). Like the rest of the ledger, each step checks its bounds, appends a
/// movement and returns the item's state after the change.
extension InventoryLedger {
    /// Adds an item inside the caller's transaction, so that Orders creates a product's item and its
    /// product row together or not at all.
    ///
    /// Refuses a code already taken (`inventory.code_taken`) and fields `InventoryService.addItem`
    /// would refuse. The item is active, uncategorized and has no location.
    /// - Parameters:
    ///   - quantity: units held at the start, recorded on the `created` movement.
    ///   - actor: who adds it; `reason` is recorded on the movement.
    @discardableResult
    public static func addItem(
        code: String, name: String, quantity: Int, actor: String?, reason: String? = nil, at: Instant, in db: Connection
    ) throws -> Snapshot {
        let code = try ItemValidation.code(code)
        let name = try ItemValidation.name(name)
        let quantity = try ItemValidation.quantity(quantity)
        let actor = try ItemValidation.actor(actor)
        let reason = try ItemValidation.reason(reason)
        if try db.scalar("SELECT id FROM inventory_items WHERE code = ?", [code], as: Int64.self) != nil {
            throw CoopError.codeTaken(code)
        }
        let id = try ItemStore.insert(ItemStore.Insert(
            code: code, name: name, description: nil, category: nil, location: nil, home: nil, quantity: quantity,
            tags: [], attributes: [:], photosJSON: "[]", value: .zero, notes: nil, status: .active),
            reason: reason, actor: actor, now: at, in: db)
        try CatalogueVersion.bump(in: db)
        return try item(id: id, in: db)
    }

    /// Sets the units held (a delivery counted in, a stock take) and appends a `quantity` movement.
    /// Refused with `inventory.quantity_below_out` below the units out (reserved or lent).
    @discardableResult
    public static func setQuantity(
        itemID: Int64, to quantity: Int, actor: String?, reason: String? = nil, at: Instant, in db: Connection
    ) throws -> Snapshot {
        let quantity = try ItemValidation.quantity(quantity)
        let actor = try ItemValidation.actor(actor)
        let reason = try ItemValidation.reason(reason)
        let item = try self.item(id: itemID, in: db)
        try ItemStore.setQuantity(itemID, code: item.code, to: quantity, reason: reason, actor: actor, now: at, in: db)
        return try self.item(id: itemID, in: db)
    }

    /// Sold units leave the stock: `units` that were out (reserved by an order) go, and the quantity
    /// goes down with them. Refused with `inventory.units_not_out` beyond the units out.
    ///
    /// The movement is a `writtenOff` (from and to are the quantities), the kind whose bookkeeping this
    /// is; `reason` says it was a sale and which order.
    @discardableResult
    public static func consume(
        itemID: Int64, units: Int, actor: String?, reason: String? = nil, at: Instant, in db: Connection
    ) throws -> Snapshot {
        try writeOffLoanedUnits(itemID: itemID, units: units, actor: actor, reason: reason, at: at, in: db)
    }
}
