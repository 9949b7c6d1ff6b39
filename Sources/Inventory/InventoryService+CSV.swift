import CoopCore
import Membership
import Foundation

/// What an import did.
public struct ImportSummary: Sendable, Codable, Equatable {
    /// Data rows read (blank lines are not rows).
    public let rows: Int
    /// New items.
    public let created: Int
    /// Existing items that changed.
    public let updated: Int
    /// Existing items the file left as they were.
    public let unchanged: Int
    public let categoriesCreated: Int
    public let locationsCreated: Int
}

extension InventoryService {
    /// The columns of an item file, in the order `exportCSV` writes them; `attr:NAME` columns follow.
    public static let csvColumns = ["code", "name", "description", "category", "location", "quantity", "tags", "value"]
    /// The prefix of an attribute column (`attr:taille`).
    public static let attributeColumnPrefix = "attr:"

    /// Imports items from CSV (RFC 4180, UTF-8, Excel's BOM allowed), all or nothing: the first bad row
    /// (missing code, negative quantity, bad number, non-UTF-8…) or an unknown column rejects the whole
    /// file with its line number and reason, and nothing changes.
    ///
    /// Only `code` is required in the header. A row whose code exists updates that item, any other
    /// creates one (its `name` is then required). A column present in the header sets its field on
    /// every row: an empty cell clears description, category, tags and attributes; an empty
    /// `quantity` or `value` keeps the current one (1 and 0.00 for a new item); an empty `location`
    /// keeps an existing item where it is (a new item then has none). A new item's location is also
    /// its home; a changed location moves the item. `tags` are separated by `|`. Categories and
    /// locations named are created as needed. Changes of location and quantity are recorded as
    /// movements whose reason is `source`.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - source: the file's name, for messages and movements.
    ///   - actor: who imports.
    ///   - progress: called with (rows done, rows in file) every 1,000 rows and at the end, on the
    ///     database's queue: hand the numbers over, do not block.
    public func importCSV(
        _ data: Data, source: String, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> ImportSummary {
        try caller.check(InventoryVerb.importCSV)
        let file: CSVFile
        do {
            file = try CSVFile(data: data, source: source)
        } catch let error as CoopError where error.code == CoopError.notUTF8(source).code {
            // CSVFile only says the file is not UTF-8; the person fixing it needs the line.
            throw CoopError.csvLine(source, line: UTF8Check.firstInvalidLine([UInt8](data)) ?? 1, error)
        }
        let layout = try CSVLayout(file: file, source: source)
        let actor = try ItemValidation.actor(caller.label)
        let now = context.now()
        return try await catalogueWrite { db in
            // A big import touches every index of an 80 MB database at random: with SQLite's default
            // 2 MB page cache, dirty pages spill to the WAL and are read back many times over during
            // the transaction. The writer gets up to 256 MB for the import only.
            let cacheSize = try db.scalar("PRAGMA cache_size", as: Int64.self) ?? -2_000
            try db.execute("PRAGMA cache_size = -262144")
            defer { try? db.execute("PRAGMA cache_size = \(cacheSize)") }
            let total = file.records.count
            let empty = try db.scalar("SELECT NOT EXISTS (SELECT 1 FROM inventory_items)", as: Bool.self) ?? false
            let deferred = empty && total >= DeferredIndexes.minimumRows ? try DeferredIndexes.drop(in: db) : nil
            var importer = try CSVImporter(layout: layout, source: source, actor: actor, now: now, catalogueEmpty: empty, in: db)
            for (index, record) in file.records.enumerated() {
                do {
                    try importer.apply(record, in: db)
                } catch let error as CoopError {
                    throw CoopError.csvLine(source, line: record.line, error)
                }
                if (index + 1) % 1_000 == 0 { progress(index + 1, total) }
            }
            try deferred?.create(in: db)
            progress(total, total)
            return importer.summary(rows: total)
        }
    }

    /// Every item as CSV in the import format (`code,name,description,category,location,quantity,tags,
    /// value` then one `attr:NAME` column per attribute name in use, sorted), by code, so that export →
    /// import is a round trip. Status, notes, photos and home locations are not part of the format.
    public func exportCSV() async throws -> String {
        try caller.check(InventoryVerb.exportCSV)
        return try await database.read { db in
            // Three passes instead of two lookups per item: 100,000 items stay three statements.
            var tags: [Int64: [String]] = [:]
            try db.forEach("SELECT item_id, tag FROM inventory_item_tags ORDER BY item_id, tag") {
                tags[try $0.get(0), default: []].append(try $0.get(1))
            }
            var attributes: [Int64: [String: String]] = [:]
            var keys: [String: String] = [:]
            try db.forEach("SELECT item_id, key, value FROM inventory_item_attributes") {
                let key: String = try $0.get(1)
                let folded = TreeCache.key(key)
                if keys[folded] == nil { keys[folded] = key }
                attributes[try $0.get(0), default: [:]][folded] = try $0.get(2)
            }
            // Sorted as SQLite's NOCASE sorts (ASCII case folded, then bytes): the same on every platform.
            let attributeColumns = keys.sorted { $0.key < $1.key }
            var csv = CSVWriterBuffer()
            csv.append(Self.csvColumns + attributeColumns.map { Self.attributeColumnPrefix + $0.value })
            try db.forEach("""
                SELECT i.id, i.code, i.name, i.description, c.path AS category, l.path AS location, i.quantity, i.value_cents
                FROM inventory_items i
                LEFT JOIN inventory_categories c ON c.id = i.category_id
                LEFT JOIN inventory_locations l ON l.id = i.location_id
                ORDER BY i.code
                """) { row in
                let id: Int64 = try row.get("id")
                let itemAttributes = attributes[id] ?? [:]
                csv.append([
                    try row.get("code"), try row.get("name"), try row.get("description") ?? "",
                    try row.get("category") ?? "", try row.get("location") ?? "",
                    String(try row.get("quantity") as Int), (tags[id] ?? []).joined(separator: "|"),
                    (try row.get("value_cents") as Money).decimalString,
                ] + attributeColumns.map { itemAttributes[$0.key] ?? "" })
            }
            return csv.text
        }
    }
}

/// Which column holds what, checked once from the header.
struct CSVLayout: Sendable {
    let width: Int
    let columns: [String: Int]
    /// (attribute name, column) for each `attr:NAME` column.
    let attributes: [(key: String, column: Int)]
    /// The positions of the named columns, looked up once rather than by name on every row.
    let code: Int
    let name: Int?, description: Int?, category: Int?, location: Int?, quantity: Int?, tags: Int?, value: Int?

    init(file: CSVFile, source: String) throws {
        width = file.header.count
        columns = try file.columns(required: ["code"], optional: Array(InventoryService.csvColumns.dropFirst()),
                                   allowPrefixes: [InventoryService.attributeColumnPrefix], source: source)
        var attributes: [(String, Int)] = []
        var seen = Set<String>()
        for (name, column) in columns.sorted(by: { $0.value < $1.value }) where name.hasPrefix(InventoryService.attributeColumnPrefix) {
            let key: String
            do {
                key = try ItemValidation.attributeKey(String(name.dropFirst(InventoryService.attributeColumnPrefix.count)))
            } catch let error as CoopError {
                throw CoopError.csvLine(source, line: 1, error)
            }
            guard seen.insert(TreeCache.key(key)).inserted else { throw CoopError.csvDuplicateColumn(source, name) }
            attributes.append((key, column))
        }
        self.attributes = attributes
        // `columns` requires `code`.
        code = columns["code"]!
        name = columns["name"]
        description = columns["description"]
        category = columns["category"]
        location = columns["location"]
        quantity = columns["quantity"]
        tags = columns["tags"]
        value = columns["value"]
    }
}

/// The secondary indexes of the tables an import fills, dropped at the start of a big import into an
/// empty catalogue and created again, from the very SQL that made them, after its last row.
///
/// Each row written otherwise updates eight more B-trees one entry at a time: items by category,
/// location, home, status and facets, tags by tag, attributes by folded key and value, movements by
/// item. Sorting each index once at the end costs less (a 100,000-row import: about a fifth of
/// SQLite's time, measured with the same statements in C). Only indexes made by `CREATE INDEX` without
/// `UNIQUE` are dropped: the unique ones (codes, one value per folded attribute key) keep checking
/// every row as it is written. It all happens inside the import's transaction, so a refused file
/// rolls the indexes back with the rows, and other connections never see the tables without them;
/// within the transaction nothing reads through them (the codes' lookup is skipped into an empty
/// catalogue, and paths are looked up in their own tables). Not done when `ANALYZE` has left
/// statistics, which dropping an index would lose.
struct DeferredIndexes {
    /// Below this, the import is too small for the difference to matter, and the schema is left as is.
    static let minimumRows = 5_000
    static let tables = ["inventory_items", "inventory_item_tags", "inventory_item_attributes", "inventory_movements"]

    /// The `CREATE INDEX` statements of the dropped indexes.
    let definitions: [String]

    /// Drops the indexes; nil (nothing dropped) when there are statistics to keep.
    static func drop(in db: Connection) throws -> DeferredIndexes? {
        let statistics = try db.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite\\_stat%' ESCAPE '\\'", as: Int.self) ?? 0
        guard statistics == 0 else { return nil }
        var indexes: [(name: String, sql: String)] = []
        for table in tables {
            try db.forEach("""
                SELECT l.name, m.sql FROM pragma_index_list(?) l JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
                WHERE l.origin = 'c' AND NOT l."unique" AND m.sql IS NOT NULL ORDER BY l.name
                """, [table]) { indexes.append((try $0.get(0), try $0.get(1))) }
        }
        for index in indexes { try db.execute("DROP INDEX \"\(index.name.replacingOccurrences(of: "\"", with: "\"\""))\"") }
        return DeferredIndexes(definitions: indexes.map(\.sql))
    }

    func create(in db: Connection) throws {
        for sql in definitions { try db.execute(sql) }
    }
}

/// One import's state inside its transaction: the path caches, the codes seen and the counts.
///
/// A file names the same few tags, attribute values and paths over and over, so each cell's checked
/// form is kept by its text (only cells that passed: a bad one is refused again, on its own line).
/// When the catalogue was empty as the import began (the transaction holds the write lock, and the
/// file's own codes are checked against each other), no row can match an existing item, and the
/// lookup by code is skipped.
struct CSVImporter {
    let layout: CSVLayout
    let source: String
    let actor: String?
    let now: Instant
    private var categories = TreeCache(.category)
    private var locations = TreeCache(.location)
    private var seen: [String: Int] = [:]
    private var created = 0, updated = 0, unchanged = 0
    private let inserter: ItemStore.Inserter
    private let lookup: Statement?
    /// The attribute columns' indexes into `layout.attributes`, by key (the search document's order).
    private let attributesByKey: [Int]
    /// `String.folded` of each attribute column's key, in `layout.attributes` order.
    private let foldedKeys: [String]
    private var tagCells: [String: [String]] = [:]
    private var attributeCells: [String: String?] = [:]
    private var foldedValues: [String: String] = [:]

    /// `catalogueEmpty`: whether `inventory_items` had no row as the import's transaction began.
    init(layout: CSVLayout, source: String, actor: String?, now: Instant, catalogueEmpty: Bool, in db: Connection) throws {
        self.layout = layout
        self.source = source
        self.actor = actor
        self.now = now
        inserter = try ItemStore.Inserter(reason: source, actor: actor, now: now, in: db)
        lookup = catalogueEmpty ? nil : try db.cachedStatement("""
            SELECT id, code, name, description, category_id, location_id, quantity, value_cents
            FROM inventory_items WHERE code = ?
            """)
        attributesByKey = layout.attributes.indices.sorted { layout.attributes[$0].key < layout.attributes[$1].key }
        foldedKeys = layout.attributes.map(\.key.folded)
    }

    func summary(rows: Int) -> ImportSummary {
        ImportSummary(rows: rows, created: created, updated: updated, unchanged: unchanged,
                      categoriesCreated: categories.created, locationsCreated: locations.created)
    }

    /// Creates or updates the item of one record; any refusal is a `CoopError` the caller puts a line on.
    mutating func apply(_ record: CSVFile.Record, in db: Connection) throws {
        let fields = record.fields
        guard fields.count == layout.width else {
            throw CoopError.csvFieldCount(expected: layout.width, got: fields.count)
        }
        func nonEmpty(_ column: Int?) -> String? {
            column.flatMap { fields[$0].isBlank ? nil : fields[$0] }
        }

        let code = try ItemValidation.code(fields[layout.code])
        if let first = seen.updateValue(record.line, forKey: TreeCache.key(code)) {
            throw CoopError.duplicateCodeInFile(code, firstLine: first)
        }
        let name = try layout.name.map { try ItemValidation.name(fields[$0]) }
        let description = try layout.description.map { try ItemValidation.text(fields[$0], field: "description") }
        let quantity = try nonEmpty(layout.quantity).map(Self.quantity)
        let value = try nonEmpty(layout.value).map(Self.value)
        let tags = try layout.tags.map { try self.tags(fields[$0]) }
        var attributes: [(String, String?)] = []
        attributes.reserveCapacity(layout.attributes.count)
        for attribute in layout.attributes {
            attributes.append((attribute.key, try attributeValue(fields[attribute.column], key: attribute.key)))
        }

        let categoryNode = try layout.category.map { try categories.resolve(cell: fields[$0], now: now, in: db) }
        let locationNode = try nonEmpty(layout.location).flatMap { try locations.resolve(cell: $0, now: now, in: db) }

        var existing: Row?
        if let lookup { try lookup.forEach([code]) { row in if existing == nil { existing = row } } }
        guard let existing else {
            guard let name else { throw CoopError.required("name") }
            var new: [ItemStore.Inserter.Attribute] = []
            new.reserveCapacity(attributesByKey.count)
            for i in attributesByKey {
                guard let value = attributes[i].1 else { continue }
                new.append(.init(key: attributes[i].0, value: value, keyFolded: foldedKeys[i], valueFolded: folded(value)))
            }
            _ = try inserter.insert(code: code, name: name, description: description ?? nil, category: categoryNode ?? nil,
                                    location: locationNode, quantity: quantity ?? 1, tags: tags ?? [], attributes: new,
                                    value: value ?? .zero)
            created += 1
            return
        }
        if try update(existing, name: name, description: description, category: categoryNode, location: locationNode,
                      quantity: quantity, value: value, tags: tags, attributes: attributes, in: db) {
            updated += 1
        } else {
            unchanged += 1
        }
    }

    /// A `tags` cell checked (`ItemValidation.tags` of its `|`-separated parts, blank ones dropped).
    private mutating func tags(_ cell: String) throws -> [String] {
        if let known = tagCells[cell] { return known }
        let tags = try ItemValidation.tags(cell.split(separator: "|").map(String.init).filter { !$0.isBlank })
        tagCells[cell] = tags
        return tags
    }

    /// An attribute cell checked (`ItemValidation.attributeValue`).
    private mutating func attributeValue(_ cell: String, key: String) throws -> String? {
        if let known = attributeCells[cell] { return known }
        let value = try ItemValidation.attributeValue(cell, key: key)
        attributeCells[cell] = .some(value)
        return value
    }

    private mutating func folded(_ value: String) -> String {
        if let known = foldedValues[value] { return known }
        let folded = value.folded
        foldedValues[value] = folded
        return folded
    }

    /// Applies what differs; returns whether anything did.
    private func update(
        _ row: Row, name: String?, description: String??, category: (id: Int64, path: String)??, location: (id: Int64, path: String)?,
        quantity: Int?, value: Money?, tags: [String]?, attributes: [(String, String?)], in db: Connection
    ) throws -> Bool {
        let id: Int64 = try row.get("id")
        let code: String = try row.get("code")
        var sets: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        var textChanged = false
        if let name, name != (try row.get("name") as String) {
            sets.append("name = ?"); arguments.append(name); textChanged = true
        }
        if let description, description != (try row.get("description") as String?) {
            sets.append("description = ?"); arguments.append(description); textChanged = true
        }
        if let category, category?.id != (try row.get("category_id") as Int64?) {
            sets.append("category_id = ?"); arguments.append(category?.id); textChanged = true
        }
        if let value, value != (try row.get("value_cents") as Money) {
            sets.append("value_cents = ?"); arguments.append(value)
        }
        var changed = !sets.isEmpty
        if let tags {
            let current = try ItemStore.tags(id, in: db)
            if Set(current) != Set(tags) {
                try ItemStore.replaceTags(id, tags, in: db)
                changed = true; textChanged = true
            }
        }
        if !attributes.isEmpty {
            var current: [String: String] = [:]
            for (key, value) in try ItemStore.attributes(id, in: db) { current[TreeCache.key(key)] = value }
            for (key, value) in attributes where current[TreeCache.key(key)] != value {
                if let value { try ItemStore.setAttribute(id, key, value, in: db) } else { try ItemStore.removeAttribute(id, key, in: db) }
                changed = true; textChanged = true
            }
        }
        if changed {
            try db.execute("UPDATE inventory_items SET \((sets + ["updated_at = ?"]).joined(separator: ", ")) WHERE id = ?", arguments + [now, id])
        }
        if let quantity, quantity != (try row.get("quantity") as Int) {
            try ItemStore.setQuantity(id, code: code, to: quantity, reason: source, actor: actor, now: now, in: db)
            changed = true
        }
        if let location, try ItemStore.move(id, to: location, reason: source, actor: actor, now: now, in: db) {
            changed = true
        }
        if textChanged { try SearchIndex.reindex(id, in: db) }
        return changed
    }

    /// A whole number of units: `-2` is refused as negative, `2.5` or `deux` as not a number.
    static func quantity(_ text: String) throws -> Int {
        let trimmed = text.trimmed
        guard let n = Int(trimmed) else { throw CoopError.invalidQuantity(text) }
        return try ItemValidation.quantity(n)
    }

    /// `120.00`, `120,5`, `120`: at most two decimals, not negative.
    static func value(_ text: String) throws -> Money {
        guard let money = plainAmount(text) ?? Money(parsing: text) else { throw CoopError.invalidAmount("value", text) }
        return try ItemValidation.value(money)
    }

    /// `120`, `120.5` or `120,50` (1–15 digits, then 1–2 decimals): what `Money(parsing:)` reads them
    /// as, read from the bytes; nil for anything else, which `Money(parsing:)` then reads.
    static func plainAmount(_ text: String) -> Money? {
        var units: Int64 = 0, cents: Int64 = 0
        var digits = 0, decimals = 0, separator = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                if separator {
                    decimals += 1
                    cents = cents * 10 + Int64(byte - 0x30)
                } else {
                    digits += 1
                    units = units &* 10 &+ Int64(byte - 0x30)
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !separator else { return nil }
                separator = true
            default:
                return nil
            }
            guard digits <= 15, decimals <= 2 else { return nil }
        }
        guard digits >= 1, !separator || decimals >= 1 else { return nil }
        return Money(cents: units * 100 + (decimals == 1 ? cents * 10 : cents))
    }
}
