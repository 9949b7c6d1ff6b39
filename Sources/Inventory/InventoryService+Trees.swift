import CoopCore
import Membership

extension InventoryService {
    /// Adds a category, with any missing ancestor (`Costumes/Robes/1920` also makes `Costumes` and
    /// `Costumes/Robes`). An existing path is refused with `inventory.category_exists`.
    @discardableResult
    public func addCategory(_ path: String) async throws -> TreeNode {
        try caller.check(InventoryVerb.addCategory)
        return try await addNode(.category, path)
    }

    /// Categories in tree order (parents first), or only the subtree under `under`, with item counts.
    public func categories(under: String? = nil) async throws -> [TreeNode] {
        try caller.check(InventoryVerb.categories)
        return try await nodes(.category, under: under)
    }

    /// Adds a location, with any missing ancestor. An existing path is refused with `inventory.location_exists`.
    @discardableResult
    public func addLocation(_ path: String) async throws -> TreeNode {
        try caller.check(InventoryVerb.addLocation)
        return try await addNode(.location, path)
    }

    /// Locations in tree order, or only the subtree under `under`; counts are of items currently there.
    public func locations(under: String? = nil) async throws -> [TreeNode] {
        try caller.check(InventoryVerb.locations)
        return try await nodes(.location, under: under)
    }

    private func addNode(_ tree: Tree, _ text: String) async throws -> TreeNode {
        let path = try TreePath(parsing: text, field: "path")
        let now = context.now()
        return try await catalogueWrite { db in
            if let existing = try tree.find(path, in: db) { throw tree.exists(existing.path) }
            let node = try tree.create(path, now: now, in: db).node
            let parent = path.segments.count > 1 ? try tree.find(TreePath(segments: path.segments.dropLast()), in: db)?.path : nil
            return TreeNode(path: node.path, name: path.name, parent: parent, items: 0, totalItems: 0)
        }
    }

    private func nodes(_ tree: Tree, under text: String?) async throws -> [TreeNode] {
        let root = try Self.optionalPath(text, field: tree.field)
        return try await database.read { db in try tree.list(under: root, in: db) }
    }
}
