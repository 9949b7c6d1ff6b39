import CoopCore
import Foundation

/// A checked query, ready to become SQL inside the read closure (bound values are not Sendable, so
/// the SQL and its arguments are built there).
struct SearchPlan: Sendable {
    static let maxTextLength = 200
    static let maxAttributeFilters = 10

    let match: String?
    private(set) var category: TreePath?
    private(set) var location: TreePath?
    let status: ItemStatus?
    /// Settable so that `SearchSnapshot` can find the candidates of an `available` search without it.
    var available: Bool
    let attributes: [AttributeFilter]
    let tag: String?
    /// How many codes the first pass of a filtered listing walks; nil for `window(for:)`.
    var window: Int?

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

    var hasFilters: Bool { hasItemFilters || !attributes.isEmpty || tag != nil }

    /// Filters on columns of `inventory_items` itself (the others live in the attribute and tag tables).
    var hasItemFilters: Bool { category != nil || location != nil || status != nil || available }

    typealias Key = (id: Int64, next: SearchCursor)

    /// One page: the keys of `limit + 1` rows are found on narrow rows first (ids and sort keys only),
    /// then the page's items are read whole in one batch, so that sorting never carries descriptions.
    /// The plan with its category and location as stored, found ignoring case and accents
    /// (`outils/echelles` filters on `Outils/Échelles`); a filter naming no node is refused with the
    /// closest ones rather than answering an empty list the searcher cannot explain.
    func resolvingPaths(in db: Connection) throws -> SearchPlan {
        var plan = self
        for tree in [Tree.category, Tree.location] {
            guard let typed = tree == .category ? category : location else { continue }
            guard let found = try tree.find(typed, in: db) else { throw try tree.notFound(typed, in: db) }
            let stored = try TreePath(parsing: found.path, field: tree.field)
            if tree == .category { plan.category = stored } else { plan.location = stored }
        }
        return plan
    }

    func run(after cursor: SearchCursor?, limit: Int, in db: Connection) throws -> Page<Item> {
        let keys = try self.keys(after: cursor, limit: limit + 1, in: db)
        let items = try ItemStore.fetch(ids: keys.prefix(limit).map(\.id), in: db)
        let next = keys.count > limit ? keys[limit - 1].next.encoded : nil
        return Page(items: items, next: next)
    }

    /// The ids and cursors of the first `limit` matches after `cursor`, in the plan's order.
    func keys(after cursor: SearchCursor?, limit: Int, in db: Connection) throws -> [Key] {
        if let match { return try ranked(match, after: cursor, limit: limit, in: db) }
        var after = ""
        if case .code(let code) = cursor { after = code }
        return try listing(after: after, limit: limit, in: db)
    }

    /// Ranked by bm25, from the FTS hits; the filters are checked on each hit.
    private func ranked(_ match: String, after cursor: SearchCursor?, limit: Int, in db: Connection) throws -> [Key] {
        var query = sql(.ranked(match))
        if case .ranked(let score, let id) = cursor {
            query.condition("(score > ? OR (score = ? AND inventory_search.rowid > ?))", [score, score, id])
        }
        return try db.query("""
            SELECT inventory_search.rowid AS id, \(SearchIndex.bm25) AS score FROM \(query.source)
            WHERE \(query.conditionsText) ORDER BY score, id LIMIT ?
            """, query.arguments + [limit]).map {
            let id: Int64 = try $0.get("id")
            return (id, .ranked(score: try $0.get("score"), id: id))
        }
    }

    /// How many codes the first pass of a filtered listing walks: checking a row there costs about
    /// 0.1 µs, so this bounds the pass near a millisecond.
    static func window(for limit: Int) -> Int { max(10_000, limit * 40) }

    /// In code order. Unfiltered, a walk along the code index. Filtered, in two passes that together
    /// stay fast whatever the filters' selectivity: first the next `window` codes are walked and
    /// checked (enough when matches are common); when that does not fill the page, matches are rare,
    /// so the rest is reached through the most selective filter's index and only those rows are sorted.
    private func listing(after: String, limit: Int, in db: Connection) throws -> [Key] {
        func keys(_ rows: [Row]) throws -> [Key] {
            try rows.map { (try $0.get("id"), .code(try $0.get("code"))) }
        }
        guard hasFilters else {
            return try keys(db.query("SELECT i.id, i.code FROM inventory_items i WHERE i.code > ? ORDER BY i.code LIMIT ?", [after, limit]))
        }
        let window = self.window ?? Self.window(for: limit)
        let windowEnd = try db.scalar("SELECT code FROM inventory_items WHERE code > ? ORDER BY code LIMIT 1 OFFSET ?",
                                      [after, window - 1], as: String.self)
        var walk = sql(.items(driver: .codeOrder))
        walk.condition("i.code > ?", [after])
        if let windowEnd { walk.condition("i.code <= ?", [windowEnd]) }
        let first = try keys(db.query("""
            SELECT i.id, i.code FROM \(walk.source) WHERE \(walk.conditionsText) ORDER BY i.code LIMIT ?
            """, walk.arguments + [limit]))
        guard let windowEnd, first.count < limit else { return first }

        let driver = try mostSelectiveDriver(in: db)
        var driven = sql(.items(driver: driver))
        let order = driver == .codeOrder ? "i.code" : "+i.code"
        driven.condition("\(order) > ?", [windowEnd])
        return try first + keys(db.query("""
            SELECT i.id, i.code FROM \(driven.source) WHERE \(driven.conditionsText) ORDER BY \(order) LIMIT ?
            """, driven.arguments + [limit - first.count]))
    }

    /// The filter with the fewest rows, counted on its own index (a fraction of a millisecond each):
    /// SQLite has no statistics on subtree sizes or attribute values, so it cannot choose this itself.
    /// `.codeOrder` when no filter has an index worth leading with (only `available`, or `active`).
    func mostSelectiveDriver(in db: Connection) throws -> SearchDriver {
        var best: (driver: SearchDriver, rows: Int)?
        func consider(_ driver: SearchDriver, _ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
            let rows = try db.scalar(sql, arguments, as: Int.self) ?? 0
            if rows < best?.rows ?? .max { best = (driver, rows) }
        }
        for (tree, path) in [(Tree.category, category), (Tree.location, location)] {
            guard let path else { continue }
            try consider(tree == .category ? .category : .location,
                         "SELECT count(*) FROM inventory_items WHERE \(tree.subtreeCondition(column: tree.itemColumn))",
                         tree.subtreeArguments(path))
        }
        if let status, status != .active {
            try consider(.status, "SELECT count(*) FROM inventory_items WHERE \(status.literalCondition) AND status <> 'active'", [])
        }
        for (n, filter) in attributes.enumerated() {
            try consider(.attribute(n), "SELECT count(*) FROM inventory_item_attributes WHERE key_folded = ? AND value_folded = ?",
                         [filter.key.folded, filter.value.folded])
        }
        if let tag {
            try consider(.tag, "SELECT count(*) FROM inventory_item_tags WHERE tag = ?", [tag])
        }
        return best?.driver ?? .codeOrder
    }
}

extension ItemStatus {
    /// `status = 'retired'`: a literal from the enum (never user text), because SQLite uses a partial
    /// index only when the query repeats the index's own condition.
    var literalCondition: String { "status = '\(rawValue)'" }
}
