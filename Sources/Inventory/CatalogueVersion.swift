import CoopCore

/// A number that changes with every write to what a search can match, rank or show other than units:
/// items (text, category, location, status, tags, attributes, photos, value), categories and
/// locations. Check-outs, check-ins and maintenance (the ledger's units) leave it alone, so search
/// results keyed by it survive a busy desk; see `SearchSnapshot`.
///
/// It lives in the database (`inventory_catalogue`, one row), so a write by another process (`coopctl
/// item import` while coop-api serves) is seen by the next read, in the same snapshot as the data.
/// Each catalogue verb bumps it once, at the end of its transaction: an import of 100,000 rows bumps it
/// once, not per row.
///
/// The rule that keeps caches right: every Inventory write that is not a units change goes through
/// `InventoryService.catalogueWrite` (or calls `bump` itself inside its transaction, as
/// `InventoryLedger.addItem` does). Units, free or not, are never cached by it: columns the ledger
/// writes (`quantity`, `units_out`, `maintenance_units`, `updated_at`) are read fresh for each page.
enum CatalogueVersion {
    /// The version in this transaction's snapshot.
    static func current(in db: Connection) throws -> Int64 {
        try db.scalar("SELECT version FROM inventory_catalogue WHERE id = 1", as: Int64.self) ?? 0
    }

    /// Marks the catalogue changed; call inside the write transaction that changed it.
    static func bump(in db: Connection) throws {
        try db.execute("UPDATE inventory_catalogue SET version = version + 1 WHERE id = 1", [])
    }
}
