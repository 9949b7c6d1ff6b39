import CoopCore
import Foundation

/// One category or location, as the faces list them.
public struct TreeNode: Sendable, Codable, Equatable {
    /// The full path, as first spelled (`Costumes/Robes/1920`).
    public let path: String
    /// The last segment (`1920`).
    public let name: String
    /// The parent's path; nil for a root.
    public let parent: String?
    /// Items filed directly here (their category, or their current location).
    public let items: Int
    /// Items here and in every descendant.
    public let totalItems: Int

    enum CodingKeys: String, CodingKey { case path, name, parent, items, totalItems }

    /// Absent values are written as `null`, so every node has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(name, forKey: .name)
        try c.encode(parent, forKey: .parent)
        try c.encode(items, forKey: .items)
        try c.encode(totalItems, forKey: .totalItems)
    }
}

/// The two trees Inventory keeps. They share one shape, so they share this code.
enum Tree: Sendable {
    case category
    case location

    var table: String {
        switch self {
        case .category: "inventory_categories"
        case .location: "inventory_locations"
        }
    }

    /// The column of `inventory_items` that files an item in this tree (current location for locations).
    var itemColumn: String {
        switch self {
        case .category: "category_id"
        case .location: "location_id"
        }
    }

    var field: String {
        switch self {
        case .category: "category"
        case .location: "location"
        }
    }

    func notFound(_ path: String, closest: [String] = []) -> CoopError {
        switch self {
        case .category: CoopError.categoryNotFound(path, closest: closest)
        case .location: CoopError.locationNotFound(path, closest: closest)
        }
    }

    /// Refuses `path`, naming up to three existing paths closest to it by edit distance on the folded
    /// text (`Outils/Echeles` says "Closest: Outils/Échelles"); a one-segment path is also compared
    /// with each node's own name (`Perceuses` finds `Outils/Perceuses`).
    func notFound(_ path: TreePath, in db: Connection) throws -> CoopError {
        let typed = path.text.folded, single = path.segments.count == 1
        let scored = try db.query("SELECT path, name FROM \(table)").map { row -> (Int, String) in
            let stored: String = try row.get("path"), name: String = try row.get("name")
            let whole = TreeMatch.distance(typed, stored.folded)
            return (single ? min(whole, TreeMatch.distance(typed, name.folded)) : whole, stored)
        }
        let limit = max(2, typed.count / 4)
        let closest = scored.filter { $0.0 <= limit }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
        return notFound(path.text, closest: Array(closest))
    }

    func exists(_ path: String) -> CoopError {
        switch self {
        case .category: CoopError.categoryExists(path)
        case .location: CoopError.locationExists(path)
        }
    }

    /// The SQL condition "`column` is this node or one of its descendants"; arguments from `subtreeArguments`.
    ///
    /// Written as an equality OR a range on the NOCASE path index (never `LIKE`, which would need
    /// escaping and, with NOCASE, may not use the index), so SQLite answers it with two index probes.
    func subtreeCondition(column: String) -> String {
        "\(column) IN (SELECT id FROM \(table) WHERE path = ? OR (path >= ? AND path < ?))"
    }

    func subtreeArguments(_ path: TreePath) -> [any DatabaseValueConvertible] {
        let text = path.text
        let range = TreePath.descendantRange(of: text)
        return [text, range.lower, range.upper]
    }

    // MARK: Reading and creating nodes (inside a transaction)

    /// The node with this path, ignoring case and accents as text search does (`echelles` finds
    /// `Échelles`), as stored.
    func find(_ path: TreePath, in db: Connection) throws -> (id: Int64, path: String)? {
        // The NOCASE index answers exact spellings; only a miss reads the (small) tree to fold accents.
        if let found = try exact(path, in: db) { return found }
        let typed = path.text.folded
        var found: (id: Int64, path: String)?
        try forEachNode(in: db) { node in
            if found == nil, node.path.folded == typed { found = node }
        }
        return found
    }

    /// The node spelled like this, without regard to ASCII case (the path index).
    func exact(_ path: TreePath, in db: Connection) throws -> (id: Int64, path: String)? {
        guard let row = try db.queryOne("SELECT id, path FROM \(table) WHERE path = ?", [path.text]) else { return nil }
        return (try row.get("id"), try row.get("path"))
    }

    /// Every node, in the order `find` compares them.
    func forEachNode(in db: Connection, _ body: ((id: Int64, path: String)) throws -> Void) throws {
        try db.forEach("SELECT id, path FROM \(table)") { row in try body((try row.get("id"), try row.get("path"))) }
    }

    /// The node with this path; when missing, created with its missing ancestors if `create`, else
    /// refused with the closest existing paths.
    func resolve(_ path: TreePath, create: Bool, now: Instant, in db: Connection) throws -> (id: Int64, path: String) {
        if let found = try find(path, in: db) { return found }
        guard create else { throw try notFound(path, in: db) }
        return try self.create(path, now: now, in: db).node
    }

    /// Creates the node and any missing ancestor (like `mkdir -p`): an existing ancestor keeps its
    /// spelling, so `costumes/Robes` under `Costumes` becomes `Costumes/Robes`. Returns the node and how
    /// many nodes were made.
    @discardableResult
    func create(_ path: TreePath, now: Instant, in db: Connection) throws -> (node: (id: Int64, path: String), created: Int) {
        try create(path, now: now, in: db, finding: { try find($0, in: db) }, made: { _ in })
    }

    /// `create`, finding existing ancestors with `finding` (an import's `FoldedNodes`) and telling
    /// `made` of each node it inserts.
    func create(
        _ path: TreePath, now: Instant, in db: Connection, finding: (TreePath) throws -> (id: Int64, path: String)?,
        made: ((id: Int64, path: String)) -> Void
    ) throws -> (node: (id: Int64, path: String), created: Int) {
        var parent: (id: Int64, path: String)?
        var created = 0
        for prefix in path.prefixes {
            let spelled = parent.map { $0.path + "/" + prefix.name } ?? prefix.name
            if let found = try finding(prefix) {
                parent = found
                continue
            }
            try db.execute("INSERT INTO \(table) (path, name, parent_id, created_at) VALUES (?, ?, ?, ?)",
                           [spelled, prefix.name, parent?.id, now])
            parent = (db.lastInsertRowID, spelled)
            made((db.lastInsertRowID, spelled))
            created += 1
        }
        // A path has at least one segment, so the loop ran.
        return (parent!, created)
    }

    /// Every node (or those under `root`), in tree order, with their item counts.
    func list(under root: TreePath?, in db: Connection) throws -> [TreeNode] {
        var sql = "SELECT n.id, n.path, n.name, n.parent_id, p.path AS parent_path FROM \(table) n LEFT JOIN \(table) p ON p.id = n.parent_id"
        var arguments: [any DatabaseValueConvertible] = []
        if let root {
            sql += " WHERE " + subtreeCondition(column: "n.id")
            arguments = subtreeArguments(root)
        }
        struct Raw { let id: Int64; let path: String; let name: String; let parentID: Int64?; let parentPath: String? }
        let nodes = try db.query(sql, arguments).map {
            Raw(id: try $0.get("id"), path: try $0.get("path"), name: try $0.get("name"),
                parentID: try $0.get("parent_id"), parentPath: try $0.get("parent_path"))
        }
        var direct: [Int64: Int] = [:]
        try db.forEach("SELECT \(itemColumn) AS id, count(*) AS n FROM inventory_items WHERE \(itemColumn) IS NOT NULL GROUP BY \(itemColumn)") {
            direct[try $0.get("id")] = try $0.get("n")
        }
        // Parents are read for every node so that totals climb past the listed subtree's root.
        var parents: [Int64: Int64] = [:]
        try db.forEach("SELECT id, parent_id FROM \(table) WHERE parent_id IS NOT NULL") {
            parents[try $0.get("id")] = try $0.get("parent_id")
        }
        var total: [Int64: Int] = [:]
        for (id, count) in direct {
            var node: Int64? = id
            while let current = node {
                total[current, default: 0] += count
                node = parents[current]
            }
        }
        return nodes
            .map { TreeNode(path: $0.path, name: $0.name, parent: $0.parentPath, items: direct[$0.id] ?? 0, totalItems: total[$0.id] ?? 0) }
            .sorted { Self.treeOrder($0.path, $1.path) }
    }

    /// Parents before children, siblings in reading order (`ReadingOrder`: `Échelles` with the E's).
    static func treeOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: "/"), right = b.split(separator: "/")
        for (x, y) in zip(left, right) {
            let order = ReadingOrder.compare(String(x), String(y))
            if order != 0 { return order < 0 }
        }
        return left.count < right.count
    }
}

/// A tree's nodes by folded path, read once for a bulk import and kept up to date as it creates nodes:
/// `Tree.find` folds every node on each miss, and an import into a new catalogue misses on each of its
/// 1,400 paths and their ancestors (1.4 s of a 100,000-row import). Finds what `Tree.find` finds.
final class FoldedNodes {
    let tree: Tree
    private var nodes: [String: (id: Int64, path: String)]?

    init(_ tree: Tree) { self.tree = tree }

    func find(_ path: TreePath, in db: Connection) throws -> (id: Int64, path: String)? {
        if let found = try tree.exact(path, in: db) { return found }
        if nodes == nil {
            var read: [String: (id: Int64, path: String)] = [:]
            // The first node of each folded spelling, in the order `Tree.find` compares them.
            try tree.forEachNode(in: db) { node in
                let key = node.path.folded
                if read[key] == nil { read[key] = node }
            }
            nodes = read
        }
        return nodes?[path.text.folded]
    }

    /// A node just inserted (none folded alike existed, or `find` would have found it).
    func add(_ node: (id: Int64, path: String)) {
        let key = node.path.folded
        if nodes?[key] == nil { nodes?[key] = node }
    }
}

/// Node ids by path for a bulk import, so that 100,000 rows naming 200 categories cost 200 lookups.
struct TreeCache {
    let tree: Tree
    private let folded: FoldedNodes
    private var ids: [String: (id: Int64, path: String)] = [:]
    /// By the cell's text as read, before parsing: a file names the same few paths over and over.
    private var cells: [String: (id: Int64, path: String)?] = [:]
    private(set) var created = 0

    init(_ tree: Tree) {
        self.tree = tree
        folded = FoldedNodes(tree)
    }

    /// The node a CSV cell names, created if missing; nil for a blank cell.
    mutating func resolve(cell: String, now: Instant, in db: Connection) throws -> (id: Int64, path: String)? {
        if let hit = cells[cell] { return hit }
        let node = try cell.isBlank ? nil : resolve(TreePath(parsing: cell, field: tree.field), now: now, in: db)
        cells[cell] = .some(node)
        return node
    }

    /// The node, created with its ancestors if missing.
    mutating func resolve(_ path: TreePath, now: Instant, in db: Connection) throws -> (id: Int64, path: String) {
        let key = Self.key(path.text)
        if let hit = ids[key] { return hit }
        let node: (id: Int64, path: String)
        if let found = try folded.find(path, in: db) {
            node = found
        } else {
            let folded = folded
            let made = try tree.create(path, now: now, in: db, finding: { try folded.find($0, in: db) }, made: folded.add)
            node = made.node
            created += made.created
        }
        ids[key] = node
        return node
    }

    /// SQLite's NOCASE folds ASCII letters only; the cache key must fold exactly as much.
    static func key(_ text: String) -> String {
        String(decoding: text.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}

/// How typed paths are compared with stored ones for suggestions: by edit distance on folded text.
enum TreeMatch {
    /// Levenshtein distance over characters (paths are short: a few dozen characters).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
