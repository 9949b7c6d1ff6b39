import CoopCore
import Foundation

/// The steps every item write and read shares, run inside the caller's transaction. Only this type
/// and `InventoryLedger` write `inventory_items`, which is what keeps the search index in step.
enum ItemStore {
    /// An item's code as looked up: trimmed and in NFC, like stored codes.
    static func lookupCode(_ code: String) -> String {
        code.trimmed.nfc
    }

    /// The row id of the item with this code (case-insensitive); refuses an unknown code, naming it.
    static func id(_ code: String, in db: Connection) throws -> Int64 {
        guard let id = try db.scalar("SELECT id FROM inventory_items WHERE code = ?", [lookupCode(code)], as: Int64.self) else {
            throw CoopError.itemNotFound(code)
        }
        return id
    }

    static func fetch(id: Int64, in db: Connection) throws -> Item {
        guard let row = try db.queryOne(Item.selectSQL + " WHERE i.id = ?", [id]) else {
            throw CoopError.itemNotFound("#\(id)")
        }
        return try item(row, in: db)
    }

    static func fetch(code: String, in db: Connection) throws -> Item {
        guard let row = try db.queryOne(Item.selectSQL + " WHERE i.code = ?", [lookupCode(code)]) else {
            throw CoopError.itemNotFound(code)
        }
        return try item(row, in: db)
    }

    /// The items with these ids, in the order given, read in three queries whatever their number
    /// (a search page): the rows, then all their tags, then all their attributes.
    static func fetch(ids: [Int64], in db: Connection) throws -> [Item] {
        guard !ids.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        var rows: [Int64: Row] = [:]
        try db.forEach(Item.selectSQL + " WHERE i.id IN (\(marks))", ids) { rows[try $0.get("id")] = $0 }
        var tags: [Int64: [String]] = [:]
        try db.forEach("SELECT item_id, tag FROM inventory_item_tags WHERE item_id IN (\(marks)) ORDER BY item_id, tag COLLATE french", ids) {
            tags[try $0.get(0), default: []].append(try $0.get(1))
        }
        var attributes: [Int64: [String: String]] = [:]
        try db.forEach("SELECT item_id, key, value FROM inventory_item_attributes WHERE item_id IN (\(marks))", ids) {
            attributes[try $0.get(0), default: [:]][try $0.get(1)] = try $0.get(2)
        }
        return try ids.map { id in
            guard let row = rows[id] else { throw CoopError.itemNotFound("#\(id)") }
            return try Item(row: row, tags: tags[id] ?? [], attributes: attributes[id] ?? [:])
        }
    }

    /// Completes a row of `Item.selectSQL` with its tags and attributes (two indexed lookups).
    static func item(_ row: Row, in db: Connection) throws -> Item {
        let id: Int64 = try row.get("id")
        return try Item(row: row, tags: try tags(id, in: db), attributes: try attributes(id, in: db))
    }

    static func tags(_ id: Int64, in db: Connection) throws -> [String] {
        try db.query("SELECT tag FROM inventory_item_tags WHERE item_id = ? ORDER BY tag COLLATE french", [id]).map { try $0.get(0) }
    }

    static func attributes(_ id: Int64, in db: Connection) throws -> [String: String] {
        var attributes: [String: String] = [:]
        try db.forEach("SELECT key, value FROM inventory_item_attributes WHERE item_id = ?", [id]) {
            attributes[try $0.get(0)] = try $0.get(1)
        }
        return attributes
    }

    /// A new item's fields once checked and its paths resolved.
    struct Insert {
        var code: String
        var name: String
        var description: String?
        var category: (id: Int64, path: String)?
        var location: (id: Int64, path: String)?
        var home: (id: Int64, path: String)?
        var quantity: Int
        var tags: [String]
        var attributes: [String: String]
        var photosJSON: String
        var value: Money
        var notes: String?
        var status: ItemStatus
    }

    static let insertItemSQL = """
        INSERT INTO inventory_items (code, name, description, category_id, home_location_id, location_id, quantity,
                                     status, value_cents, notes, photos, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertTagSQL = "INSERT INTO inventory_item_tags (item_id, tag) VALUES (?, ?)"
    static let insertAttributeSQL = "INSERT INTO inventory_item_attributes (item_id, key, value, key_folded, value_folded) VALUES (?, ?, ?, ?, ?)"

    /// Inserts the item, its tags, attributes, `created` movement and search document; returns its id.
    /// The caller has checked that the code is free.
    static func insert(_ new: Insert, reason: String?, actor: String?, now: Instant, in db: Connection) throws -> Int64 {
        try db.execute(insertItemSQL, [new.code, new.name, new.description, new.category?.id, new.home?.id, new.location?.id, new.quantity,
                                       new.status.rawValue, new.value, new.notes, new.photosJSON, now, now])
        let id = db.lastInsertRowID
        for tag in new.tags { try insertTag(id, tag, in: db) }
        for (key, value) in new.attributes { try insertAttribute(id, key, value, in: db) }
        try MovementLog.append(id, .created, units: new.quantity, from: nil, to: new.location?.path, reason: reason, actor: actor, at: now, in: db)
        try SearchIndex.insert(id, SearchIndex.Document(
            code: new.code, name: new.name, description: new.description, category: new.category?.path,
            tags: new.tags, attributeValues: new.attributes.sorted { $0.key < $1.key }.map(\.value)), in: db)
        return id
    }

    /// `insert` for the many new items of one import: the same rows (item, tags, attributes, `created`
    /// movement, search document), from statements looked up once instead of once per row, with the
    /// instant's text made once and the folded attribute keys and values handed in by the caller.
    struct Inserter {
        /// An attribute of a new item, with its key and value folded (`String.folded`).
        struct Attribute {
            var key: String
            var value: String
            var keyFolded: String
            var valueFolded: String
        }

        private let db: Connection
        private let item: Statement, tag: Statement, attribute: Statement, movement: Statement, search: Statement
        private let nowText: String
        private let reason: String?, actor: String?

        init(reason: String?, actor: String?, now: Instant, in db: Connection) throws {
            self.db = db
            item = try db.cachedStatement(ItemStore.insertItemSQL)
            tag = try db.cachedStatement(ItemStore.insertTagSQL)
            attribute = try db.cachedStatement(ItemStore.insertAttributeSQL)
            movement = try db.cachedStatement(MovementLog.appendSQL)
            search = try db.cachedStatement(SearchIndex.insertSQL)
            // What binding `now` writes (`Instant.databaseValue`), made once.
            guard case .text(let text) = now.databaseValue else { preconditionFailure("an instant is stored as text") }
            nowText = text
            self.reason = reason
            self.actor = actor
        }

        /// Inserts an active item whose home is its location, without notes or photos; `tags` as
        /// `ItemValidation.tags` returns them, `attributes` sorted by key. Returns its id.
        func insert(code: String, name: String, description: String?, category: (id: Int64, path: String)?,
                    location: (id: Int64, path: String)?, quantity: Int, tags: [String], attributes: [Attribute],
                    value: Money) throws -> Int64 {
            try item.execute([code, name, description, category?.id, location?.id, location?.id, quantity,
                              ItemStatus.active.rawValue, value, nil as String?, "[]", nowText, nowText])
            let id = db.lastInsertRowID
            for text in tags { try tag.execute([id, text]) }
            for a in attributes { try attribute.execute([id, a.key, a.value, a.keyFolded, a.valueFolded]) }
            try movement.execute([id, nowText, actor, MovementKind.created.rawValue, quantity, nil as String?, location?.path, reason])
            try search.execute([id, code, name, description ?? "", category?.path ?? "",
                                tags.joined(separator: " "), attributes.map(\.value).joined(separator: " ")])
            return id
        }
    }

    static func insertTag(_ id: Int64, _ tag: String, in db: Connection) throws {
        try db.execute(insertTagSQL, [id, tag])
    }

    static func replaceTags(_ id: Int64, _ tags: [String], in db: Connection) throws {
        try db.execute("DELETE FROM inventory_item_tags WHERE item_id = ?", [id])
        for tag in tags { try insertTag(id, tag, in: db) }
    }

    /// Sets one attribute; an existing key (without regard to case or accents: `epoque` for `Époque`)
    /// keeps its spelling and gets the value.
    static func setAttribute(_ id: Int64, _ key: String, _ value: String, in db: Connection) throws {
        try db.execute("UPDATE inventory_item_attributes SET value = ?, value_folded = ? WHERE item_id = ? AND key_folded = ?",
                       [value, value.folded, id, key.folded])
        guard db.changes == 0 else { return }
        try insertAttribute(id, key, value, in: db)
    }

    /// Adds an attribute the item does not have yet (a new item's, checked by `ItemValidation.attributes`).
    static func insertAttribute(_ id: Int64, _ key: String, _ value: String, in db: Connection) throws {
        try db.execute(insertAttributeSQL, [id, key, value, key.folded, value.folded])
    }

    /// Removes the attribute whose key folds as `key` does.
    static func removeAttribute(_ id: Int64, _ key: String, in db: Connection) throws {
        try db.execute("DELETE FROM inventory_item_attributes WHERE item_id = ? AND key_folded = ?", [id, key.folded])
    }

    /// Changes the quantity after checking it against the units out; appends a `quantity` movement.
    static func setQuantity(_ id: Int64, code: String, to quantity: Int, reason: String?, actor: String?, now: Instant, in db: Connection) throws {
        guard let row = try db.queryOne("SELECT quantity, units_out, maintenance_units FROM inventory_items WHERE id = ?", [id]) else {
            throw CoopError.itemNotFound(code)
        }
        let current: Int = try row.get("quantity")
        guard quantity != current else { return }
        let unitsOut: Int = try row.get("units_out"), maintenance: Int = try row.get("maintenance_units")
        let out = unitsOut + maintenance
        guard quantity >= out else { throw CoopError.quantityBelowOut(code, quantity: quantity, out: out) }
        try db.execute("UPDATE inventory_items SET quantity = ?, updated_at = ? WHERE id = ?", [quantity, now, id])
        try MovementLog.append(id, .quantity, from: String(current), to: String(quantity), reason: reason, actor: actor, at: now, in: db)
    }

    /// Moves the item to a location; appends a `moved` movement. Nothing happens when it is already there.
    /// Returns whether it moved.
    @discardableResult
    static func move(_ id: Int64, to target: (id: Int64, path: String), reason: String?, actor: String?, now: Instant, in db: Connection) throws -> Bool {
        guard let row = try db.queryOne("""
            SELECT i.location_id, l.path FROM inventory_items i LEFT JOIN inventory_locations l ON l.id = i.location_id WHERE i.id = ?
            """, [id]) else { return false }
        let currentID: Int64? = try row.get("location_id")
        guard currentID != target.id else { return false }
        try db.execute("UPDATE inventory_items SET location_id = ?, updated_at = ? WHERE id = ?", [target.id, now, id])
        try MovementLog.append(id, .moved, from: try row.get("path"), to: target.path, reason: reason, actor: actor, at: now, in: db)
        return true
    }
}
