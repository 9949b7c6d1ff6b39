import CoopCore
import Foundation

extension InventoryService {
    /// Searches the catalogue: text and filters combined, one page at a time.
    ///
    /// With text, results are ranked by relevance (bm25, code and name hits first) and the cursor
    /// continues in that order; without text (or with text that holds no letter or digit), everything
    /// matching the filters is listed by code. A filter naming a path that does not exist matches nothing.
    public func search(_ query: ItemQuery = ItemQuery(), page: PageRequest = PageRequest()) async throws -> Page<Item> {
        let plan = try SearchPlan(query)
        let cursor = try SearchCursor(page.after, ranked: plan.match != nil)
        let limit = page.limit
        return try await database.read { db in try plan.run(after: cursor, limit: limit, in: db) }
    }
}

/// A checked query, ready to become SQL inside the read closure (bound values are not Sendable, so
/// the SQL and its arguments are built there).
struct SearchPlan: Sendable {
    static let maxTextLength = 200
    static let maxAttributeFilters = 10

    let match: String?
    let category: TreePath?
    let location: TreePath?
    let status: ItemStatus?
    let available: Bool
    let attributes: [AttributeFilter]
    let tag: String?

    init(_ query: ItemQuery) throws {
        if let text = query.text {
            guard text.count <= Self.maxTextLength else { throw CoopError.tooLong("q", max: Self.maxTextLength) }
            match = SearchIndex.matchExpression(text)
        } else {
            match = nil
        }
        category = try InventoryService.optionalPath(query.category, field: "category")
        location = try InventoryService.optionalPath(query.location, field: "location")
        status = query.status
        available = query.available
        guard query.attributes.count <= Self.maxAttributeFilters else { throw CoopError.tooManyAttributeFilters(query.attributes.count) }
        attributes = try query.attributes.map {
            AttributeFilter(key: try ItemValidation.attributeKey($0.key), value: $0.value.trimmed.nfc)
        }
        let tag = query.tag?.trimmed.nfc
        self.tag = tag?.isEmpty == false ? tag : nil
    }

    /// How the filters are written: as checks on rows reached another way (`probe`: the FTS hits, or a
    /// walk along the code index), or as the way in (`drive`: through the category, location, status,
    /// attribute and tag indexes). The unary `+` stops SQLite from using a column's index, which is how
    /// each strategy is held to its plan whatever statistics the database has (or lacks).
    enum FilterMode { case probe, drive }

    /// The filters as SQL conditions on `inventory_items i`, with their arguments in order.
    func filters(_ mode: FilterMode) -> (conditions: [String], arguments: [any DatabaseValueConvertible]) {
        let plus = mode == .probe ? "+" : ""
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let category {
            conditions.append(Tree.category.subtreeCondition(column: plus + "i.category_id"))
            arguments += Tree.category.subtreeArguments(category)
        }
        if let location {
            conditions.append(Tree.location.subtreeCondition(column: plus + "i.location_id"))
            arguments += Tree.location.subtreeArguments(location)
        }
        if let status {
            // A literal (from the enum, never user text). SQLite uses a partial index only when the
            // query repeats the index's own condition, hence the second term for the other statuses.
            conditions.append("\(plus)i.status = '\(status.rawValue)'")
            if status != .active && mode == .drive { conditions.append("i.status <> 'active'") }
        }
        if available { conditions.append(Availability.availableCondition) }
        for filter in attributes {
            switch mode {
            case .probe: conditions.append("EXISTS (SELECT 1 FROM inventory_item_attributes a WHERE a.item_id = i.id AND a.key = ? AND a.value = ?)")
            case .drive: conditions.append("i.id IN (SELECT item_id FROM inventory_item_attributes WHERE key = ? AND value = ?)")
            }
            arguments += [filter.key, filter.value]
        }
        if let tag {
            switch mode {
            case .probe: conditions.append("EXISTS (SELECT 1 FROM inventory_item_tags t WHERE t.item_id = i.id AND t.tag = ?)")
            case .drive: conditions.append("i.id IN (SELECT item_id FROM inventory_item_tags WHERE tag = ?)")
            }
            arguments.append(tag)
        }
        return (conditions, arguments)
    }

    var hasFilters: Bool { category != nil || location != nil || status != nil || available || !attributes.isEmpty || tag != nil }

    /// One page: the keys of `limit + 1` rows are found on narrow rows first (ids and sort keys only),
    /// then the page's items are read whole, so that sorting never carries descriptions and photos.
    func run(after cursor: SearchCursor?, limit: Int, in db: Connection) throws -> Page<Item> {
        let keys: [(id: Int64, next: SearchCursor)]
        if let match {
            keys = try ranked(match, after: cursor, limit: limit + 1, in: db)
        } else {
            var after = ""
            if case .code(let code) = cursor { after = code }
            keys = try listing(after: after, limit: limit + 1, in: db)
        }
        let items = try keys.prefix(limit).map { try ItemStore.fetch(id: $0.id, in: db) }
        let next = keys.count > limit ? keys[limit - 1].next.encoded : nil
        return Page(items: items, next: next)
    }

    /// Ranked by bm25, from the FTS hits; filters are checked on each hit.
    private func ranked(_ match: String, after cursor: SearchCursor?, limit: Int, in db: Connection) throws -> [(id: Int64, next: SearchCursor)] {
        var (conditions, arguments) = hasFilters ? filters(.probe) : ([], [])
        conditions.insert("inventory_search MATCH ?", at: 0)
        arguments.insert(match, at: 0)
        if case .ranked(let score, let id) = cursor {
            conditions.append("(score > ? OR (score = ? AND inventory_search.rowid > ?))")
            arguments += [score, score, id]
        }
        arguments.append(limit)
        let join = hasFilters ? "JOIN inventory_items i ON i.id = inventory_search.rowid" : ""
        return try db.query("""
            SELECT inventory_search.rowid AS id, \(SearchIndex.bm25) AS score FROM inventory_search \(join)
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY score, id LIMIT ?
            """, arguments).map {
            let id: Int64 = try $0.get("id")
            return (id, .ranked(score: try $0.get("score"), id: id))
        }
    }

    /// How many codes the first pass of a filtered listing looks at.
    static func window(for limit: Int) -> Int { max(2_000, limit * 20) }

    /// In code order. Unfiltered, a walk along the code index. Filtered, in two passes that together
    /// stay fast whatever the filters' selectivity: first the next `window` codes are walked and
    /// checked (enough when matches are common); when that does not fill the page, matches are rare,
    /// so the rest is reached through the filters' own indexes and only those few rows are sorted.
    private func listing(after: String, limit: Int, in db: Connection) throws -> [(id: Int64, next: SearchCursor)] {
        func keys(_ rows: [Row]) throws -> [(id: Int64, next: SearchCursor)] {
            try rows.map { (try $0.get("id"), .code(try $0.get("code"))) }
        }
        guard hasFilters else {
            return try keys(db.query("SELECT i.id, i.code FROM inventory_items i WHERE i.code > ? ORDER BY i.code LIMIT ?", [after, limit]))
        }
        let window = Self.window(for: limit)
        let windowEnd = try db.scalar("SELECT code FROM inventory_items WHERE code > ? ORDER BY code LIMIT 1 OFFSET ?",
                                      [after, window - 1], as: String.self)
        var (conditions, arguments) = filters(.probe)
        conditions.append("i.code > ?")
        arguments.append(after)
        if let windowEnd {
            conditions.append("i.code <= ?")
            arguments.append(windowEnd)
        }
        arguments.append(limit)
        let first = try keys(db.query("""
            SELECT i.id, i.code FROM inventory_items i WHERE \(conditions.joined(separator: " AND ")) ORDER BY i.code LIMIT ?
            """, arguments))
        guard let windowEnd, first.count < limit else { return first }

        var (driven, drivenArguments) = filters(.drive)
        driven.append("+i.code > ?")
        drivenArguments += [windowEnd, limit - first.count]
        return try first + keys(db.query("""
            SELECT i.id, i.code FROM inventory_items i WHERE \(driven.joined(separator: " AND ")) ORDER BY +i.code LIMIT ?
            """, drivenArguments))
    }
}

/// Where a search page starts: after a code (listing) or after a score and id (ranked search).
enum SearchCursor: Sendable, Equatable {
    case code(String)
    /// The score's exact bits are kept, so the next page starts exactly after the last row.
    case ranked(score: Double, id: Int64)

    /// Reads the key inside a `PageRequest`; a cursor of the other kind, or one we did not make, is refused.
    init?(_ key: String?, ranked: Bool) throws {
        guard let key else { return nil }
        if !ranked, key.hasPrefix("c:") {
            self = .code(String(key.dropFirst(2)))
            return
        }
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        if ranked, parts.count == 3, parts[0] == "r", let bits = UInt64(parts[1], radix: 16), let id = Int64(parts[2]) {
            self = .ranked(score: Double(bitPattern: bits), id: id)
            return
        }
        throw CoopError.invalidCursor()
    }

    /// The opaque text handed to clients.
    var encoded: String {
        switch self {
        case .code(let code): PageRequest.cursor(for: "c:" + code)
        case .ranked(let score, let id): PageRequest.cursor(for: "r:\(String(score.bitPattern, radix: 16)):\(id)")
        }
    }
}
