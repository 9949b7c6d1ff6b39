import CoopCore

/// Which filter leads a listing query: its index reaches the rows, every other filter is checked on
/// them. `.codeOrder` walks the code index and checks every filter.
enum SearchDriver: Equatable {
    case codeOrder, category, location, status, attribute(Int), tag
}

/// Where a search query starts: the FTS hits (ranked), or items reached through a driver (listing).
enum SearchSource {
    case ranked(String)
    case items(driver: SearchDriver)
}

/// The FROM clause and WHERE conditions of one search query, with arguments in the order they appear.
///
/// Tables are joined with CROSS JOIN, which SQLite never reorders, so each query runs in the order its
/// plan chose whatever statistics the database has (or lacks). The unary `+` on a column likewise stops
/// SQLite from using that column's index: filters that do not lead are checks, never other ways in.
struct SearchSQL {
    private(set) var source: String
    private var joins: [String] = []
    private var joinArguments: [any DatabaseValueConvertible] = []
    private var conditions: [String] = []
    private var conditionArguments: [any DatabaseValueConvertible] = []

    init(source: String) { self.source = source }

    mutating func join(_ sql: String, _ arguments: [any DatabaseValueConvertible]) {
        source += " CROSS JOIN " + sql
        joinArguments += arguments
    }

    mutating func condition(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) {
        conditions.append(sql)
        conditionArguments += arguments
    }

    var conditionsText: String { conditions.isEmpty ? "1" : conditions.joined(separator: " AND ") }
    var arguments: [any DatabaseValueConvertible] { joinArguments + conditionArguments }
}

extension SearchPlan {
    /// The query for this plan's filters, starting from `source`.
    func sql(_ source: SearchSource) -> SearchSQL {
        var driver = SearchDriver.codeOrder
        var query: SearchSQL
        // The column that names the item in attribute and tag checks.
        var item = "i.id"
        switch source {
        case .ranked(let match):
            // Each hit's filter columns come from `inventory_items_facets`, a narrow copy of them:
            // reading the wide rows (descriptions, notes, photos) instead costs twice as much.
            query = SearchSQL(source: "inventory_search")
            if hasItemFilters {
                query.join("inventory_items i INDEXED BY inventory_items_facets ON i.id = inventory_search.rowid", [])
            } else {
                item = "inventory_search.rowid"
            }
            query.condition("inventory_search MATCH ?", [match])
        case .items(let chosen):
            driver = chosen
            switch chosen {
            case .attribute(let n):
                query = SearchSQL(source: "inventory_item_attributes d")
                query.join("inventory_items i ON i.id = d.item_id", [])
                query.condition("d.key_folded = ? AND d.value_folded = ?", [attributes[n].key.folded, attributes[n].value.folded])
            case .tag:
                query = SearchSQL(source: "inventory_item_tags d")
                query.join("inventory_items i ON i.id = d.item_id", [])
                query.condition("d.tag = ?", [tag ?? ""])
            default:
                query = SearchSQL(source: "inventory_items i")
            }
        }

        for (tree, path, leads) in [(Tree.category, category, driver == .category), (Tree.location, location, driver == .location)] {
            guard let path else { continue }
            query.condition(tree.subtreeCondition(column: (leads ? "" : "+") + "i." + tree.itemColumn), tree.subtreeArguments(path))
        }
        if let status {
            if driver == .status {
                query.condition("i." + status.literalCondition + " AND i.status <> 'active'")
            } else {
                query.condition("+i." + status.literalCondition)
            }
        }
        if available { query.condition(Availability.availableCondition) }
        // A check of an attribute or tag is a join on a unique key (item, folded key or tag): one probe
        // per row, where a correlated EXISTS subquery costs several times more.
        for (n, filter) in attributes.enumerated() where driver != .attribute(n) {
            query.join("inventory_item_attributes a\(n) ON a\(n).item_id = \(item) AND a\(n).key_folded = ? AND a\(n).value_folded = ?",
                       [filter.key.folded, filter.value.folded])
        }
        if let tag, driver != .tag {
            query.join("inventory_item_tags t ON t.item_id = \(item) AND t.tag = ?", [tag])
        }
        return query
    }
}
