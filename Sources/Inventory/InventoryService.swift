import CoopCore
import Membership
import Foundation

/// The verbs of Inventory, for both faces: items, their location, status and history, the category and
/// location trees, search, and CSV import/export. Each write validates, runs as one transaction,
/// appends the item's movements and returns the item as it now stands.
///
/// The caller's label (a token, `coopctl:marie`) is recorded in movements as who acted.
public struct InventoryService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `InventoryVerb`

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }


    // MARK: Items

    /// Adds an item to the catalogue and records its `created` movement.
    ///
    /// With only a `location`, that is also its home; with only a `homeLocation`, it starts at home.
    /// - Parameters:
    ///   - input: the item; its code must be free (without regard to case).
    ///   - createPaths: create the category and locations named when they do not exist yet; otherwise
    ///     an unknown path is refused.
    ///   - actor: who adds it.
    public func addItem(_ input: NewItem, createPaths: Bool = false) async throws -> Item {
        try caller.check(InventoryVerb.addItem)
        let code = try ItemValidation.code(input.code)
        let name = try ItemValidation.name(input.name)
        let description = try ItemValidation.text(input.description, field: "description")
        let notes = try ItemValidation.text(input.notes, field: "notes")
        let quantity = try ItemValidation.quantity(input.quantity)
        let value = try ItemValidation.value(input.value)
        let tags = try ItemValidation.tags(input.tags)
        let attributes = try ItemValidation.attributes(input.attributes)
        let photos = try ItemValidation.photosJSON(try ItemValidation.photos(input.photos))
        let category = try Self.optionalPath(input.category, field: "category")
        let location = try Self.optionalPath(input.location, field: "location")
        let home = try Self.optionalPath(input.homeLocation, field: "homeLocation")
        let actor = try ItemValidation.actor(caller.label)
        let status = input.status
        let now = context.now()
        return try await catalogueWrite { db in
            if try db.scalar("SELECT id FROM inventory_items WHERE code = ?", [code], as: Int64.self) != nil {
                throw CoopError.codeTaken(code)
            }
            let categoryNode = try category.map { try Tree.category.resolve($0, create: createPaths, now: now, in: db) }
            let locationNode = try location.map { try Tree.location.resolve($0, create: createPaths, now: now, in: db) }
            let homeNode = try home.map { try Tree.location.resolve($0, create: createPaths, now: now, in: db) }
            let id = try ItemStore.insert(ItemStore.Insert(
                code: code, name: name, description: description, category: categoryNode,
                location: locationNode ?? homeNode, home: homeNode ?? locationNode, quantity: quantity, tags: tags,
                attributes: attributes, photosJSON: photos, value: value, notes: notes, status: status),
                reason: nil, actor: actor, now: now, in: db)
            return try ItemStore.fetch(id: id, in: db)
        }
    }

    /// The item with this code (case-insensitive), with its availability. Its last movements are
    /// `history(code, page: PageRequest(limit: 5))`.
    public func item(_ code: String) async throws -> Item {
        try caller.check(InventoryVerb.item)
        return try await database.read { db in try ItemStore.fetch(code: code, in: db) }
    }

    /// Changes the given fields (see `ItemChanges` for the rules). A new quantity below the units out
    /// (lent or in maintenance) is refused with both numbers; a quantity change appends a movement.
    /// - Parameters:
    ///   - createPaths: create a category or home location that does not exist yet.
    ///   - reason: recorded on the quantity movement.
    public func updateItem(
        _ code: String, _ changes: ItemChanges, createPaths: Bool = false, reason: String? = nil
    ) async throws -> Item {
        try caller.check(InventoryVerb.updateItem)
        let name = try changes.name.map(ItemValidation.name)
        let description = try changes.description.map { try ItemValidation.text($0, field: "description") }
        let notes = try changes.notes.map { try ItemValidation.text($0, field: "notes") }
        let quantity = try changes.quantity.map(ItemValidation.quantity)
        let value = try changes.value.map(ItemValidation.value)
        let tags = try changes.tags.map(ItemValidation.tags)
        let photos = try changes.photos.map { try ItemValidation.photosJSON(try ItemValidation.photos($0)) }
        let category = try changes.category.map { try Self.optionalPath($0, field: "category") }
        let home = try changes.homeLocation.map { try Self.optionalPath($0, field: "homeLocation") }
        let attributes = try changes.attributes.map(Self.attributeChanges)
        let reason = try ItemValidation.reason(reason)
        let actor = try ItemValidation.actor(caller.label)
        let now = context.now()
        return try await catalogueWrite { db in
            let id = try ItemStore.id(code, in: db)
            var sets: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            var textChanged = false
            if let name { sets.append("name = ?"); arguments.append(name); textChanged = true }
            if let description { sets.append("description = ?"); arguments.append(description); textChanged = true }
            if let notes { sets.append("notes = ?"); arguments.append(notes) }
            if let value { sets.append("value_cents = ?"); arguments.append(value) }
            if let photos { sets.append("photos = ?"); arguments.append(photos) }
            if let category {
                sets.append("category_id = ?")
                arguments.append(try category.map { try Tree.category.resolve($0, create: createPaths, now: now, in: db).id })
                textChanged = true
            }
            if let home {
                sets.append("home_location_id = ?")
                arguments.append(try home.map { try Tree.location.resolve($0, create: createPaths, now: now, in: db).id })
            }
            if !sets.isEmpty {
                try db.execute("UPDATE inventory_items SET \(sets.joined(separator: ", ")), updated_at = ? WHERE id = ?", arguments + [now, id])
            }
            if let quantity {
                try ItemStore.setQuantity(id, code: code, to: quantity, reason: reason, actor: actor, now: now, in: db)
            }
            if let tags {
                try ItemStore.replaceTags(id, tags, in: db)
                textChanged = true
            }
            if let attributes {
                for (key, value) in attributes {
                    if let value { try ItemStore.setAttribute(id, key, value, in: db) } else { try ItemStore.removeAttribute(id, key, in: db) }
                }
                let count = try db.scalar("SELECT count(*) FROM inventory_item_attributes WHERE item_id = ?", [id], as: Int.self) ?? 0
                guard count <= 50 else { throw CoopError.invalidAttribute(attributes.keys.sorted().last ?? "") }
                textChanged = true
            }
            if tags != nil || attributes != nil {
                try db.execute("UPDATE inventory_items SET updated_at = ? WHERE id = ?", [now, id])
            }
            if textChanged { try SearchIndex.reindex(id, in: db) }
            return try ItemStore.fetch(id: id, in: db)
        }
    }

    /// Moves the item to the location at `path` and records a `moved` movement. An unknown location is
    /// refused unless `create` (then it is made with its missing ancestors). Moving an item to where it
    /// already is changes nothing and records nothing.
    public func move(_ code: String, to path: String, create: Bool = false, reason: String? = nil) async throws -> Item {
        try caller.check(InventoryVerb.move)
        let target = try TreePath(parsing: path, field: "location")
        let reason = try ItemValidation.reason(reason)
        let actor = try ItemValidation.actor(caller.label)
        let now = context.now()
        return try await catalogueWrite { db in
            let id = try ItemStore.id(code, in: db)
            let node = try Tree.location.resolve(target, create: create, now: now, in: db)
            try ItemStore.move(id, to: node, reason: reason, actor: actor, now: now, in: db)
            return try ItemStore.fetch(id: id, in: db)
        }
    }

    /// Changes the item's status and records a `status` movement; setting the status it already has
    /// records nothing. An item with units on loan cannot be retired (it can be declared lost).
    public func setStatus(_ code: String, _ status: ItemStatus, reason: String? = nil) async throws -> Item {
        try caller.check(InventoryVerb.setStatus)
        let reason = try ItemValidation.reason(reason)
        let actor = try ItemValidation.actor(caller.label)
        let now = context.now()
        return try await catalogueWrite { db in
            let id = try ItemStore.id(code, in: db)
            guard let row = try db.queryOne("SELECT code, status, units_out FROM inventory_items WHERE id = ?", [id]) else {
                throw CoopError.itemNotFound(code)
            }
            let current: String = try row.get("status")
            if current != status.rawValue {
                let out: Int = try row.get("units_out")
                if status == .retired && out > 0 { throw CoopError.itemOnLoan(try row.get("code"), out: out) }
                try db.execute("UPDATE inventory_items SET status = ?, updated_at = ? WHERE id = ?", [status.rawValue, now, id])
                try MovementLog.append(id, .status, from: current, to: status.rawValue, reason: reason, actor: actor, at: now, in: db)
            }
            return try ItemStore.fetch(id: id, in: db)
        }
    }

    /// Sends `units` free units of an active item to maintenance (a torn costume out of ten); they stop
    /// being available until `returnFromMaintenance`. To take the whole item out, use `setStatus`.
    public func sendToMaintenance(_ code: String, units: Int = 1, reason: String? = nil) async throws -> Item {
        try caller.check(InventoryVerb.sendToMaintenance)
        return try await moveUnits(code, units: units, reason: reason, step: InventoryLedger.sendToMaintenance)
    }

    /// Brings `units` back from maintenance.
    public func returnFromMaintenance(_ code: String, units: Int = 1, reason: String? = nil) async throws -> Item {
        try caller.check(InventoryVerb.returnFromMaintenance)
        return try await moveUnits(code, units: units, reason: reason, step: InventoryLedger.returnFromMaintenance)
    }

    /// One ledger step on `units` of an item (to or from maintenance), recorded with the caller's label.
    private func moveUnits(
        _ code: String, units: Int, reason: String?,
        step: @escaping @Sendable (Int64, Int, String?, String?, Instant, Connection) throws -> InventoryLedger.Snapshot
    ) async throws -> Item {
        let reason = try ItemValidation.reason(reason)
        let actor = try ItemValidation.actor(caller.label)
        let now = context.now()
        return try await database.write { db in
            let id = try ItemStore.id(code, in: db)
            _ = try step(id, units, actor, reason, now, db)
            return try ItemStore.fetch(id: id, in: db)
        }
    }

    /// The item's movements, newest first, one page at a time. History is never rewritten.
    public func history(_ code: String, page: PageRequest = PageRequest()) async throws -> Page<Movement> {
        try caller.check(InventoryVerb.history)
        return try await database.read { db in
            guard let row = try db.queryOne("SELECT id, code FROM inventory_items WHERE code = ?", [ItemStore.lookupCode(code)]) else {
                throw CoopError.itemNotFound(code)
            }
            return try MovementLog.page(try row.get("id"), code: try row.get("code"), page, in: db)
        }
    }

    // MARK: Helpers

    /// Runs a catalogue edit in one write transaction and bumps the catalogue version in it (once, at
    /// the end), so cached search results made before it are not used after it. Units changes
    /// (maintenance, the ledger) use `database.write`: searches read units fresh.
    func catalogueWrite<T: Sendable>(_ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        try await database.write { db in
            let result = try body(db)
            try CatalogueVersion.bump(in: db)
            return result
        }
    }

    /// nil for nil or blank text (which clears the field in an update), else a parsed path.
    static func optionalPath(_ text: String?, field: String) throws -> TreePath? {
        guard let text, !text.isBlank else { return nil }
        return try TreePath(parsing: text, field: field)
    }

    /// Checked attribute changes: a nil (or blank) value removes the key.
    static func attributeChanges(_ changes: [String: String?]) throws -> [String: String?] {
        var result: [String: String?] = [:]
        var seen = Set<String>()
        for (rawKey, rawValue) in changes {
            let key = try ItemValidation.attributeKey(rawKey)
            guard seen.insert(TreeCache.key(key)).inserted else { throw CoopError.invalidAttribute(rawKey) }
            result[key] = .some(try rawValue.flatMap { try ItemValidation.attributeValue($0, key: key) })
        }
        return result
    }
}
