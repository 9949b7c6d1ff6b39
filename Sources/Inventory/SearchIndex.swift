import CoopCore
import Foundation

/// The FTS5 table `inventory_search` (rowid = item id): code, name, description, category path, tags
/// and attribute values, folded by `unicode61 remove_diacritics 2` so `robe epoque` finds `Robe d'époque`.
///
/// Why the service keeps it in sync rather than triggers (ARCHITECTURE.md says triggers): an item's
/// document spans four tables (the item, its category's path, its tags, its attributes). Triggers on
/// each would rebuild the document once per tag and per attribute written (five or six times for a
/// typical item on import), and a trigger on the tags table cannot know the item is about to get more
/// tags. Instead every write path of this library ends with `reindex(itemID)` in the same transaction,
/// and the bulk import writes each document once from values it already holds. The rule that keeps
/// this safe: only `ItemStore` and `InventoryLedger` write `inventory_items`, and ledger changes (units)
/// touch no indexed column. A category rename, if one is ever added, must reindex its subtree.
enum SearchIndex {
    /// Column weights for bm25, in table order: a code hit outranks a name hit, which outranks the rest.
    static let bm25 = "bm25(inventory_search, 10.0, 5.0, 1.0, 2.0, 3.0, 2.0)"

    /// The text of one item as the index sees it.
    struct Document {
        var code: String
        var name: String
        var description: String?
        var category: String?
        var tags: [String]
        var attributeValues: [String]
    }

    static let insertSQL = """
        INSERT INTO inventory_search (rowid, code, name, description, category, tags, attributes)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes the document of a new item (no old row to remove).
    static func insert(_ itemID: Int64, _ document: Document, in db: Connection) throws {
        try db.execute(insertSQL, [itemID, document.code, document.name, document.description ?? "", document.category ?? "",
                  document.tags.joined(separator: " "), document.attributeValues.joined(separator: " ")])
    }

    /// Replaces the document of an existing item.
    static func replace(_ itemID: Int64, _ document: Document, in db: Connection) throws {
        try db.execute("DELETE FROM inventory_search WHERE rowid = ?", [itemID])
        try insert(itemID, document, in: db)
    }

    /// Rebuilds one item's document from the tables; call at the end of any write that changed the
    /// item's text, category, tags or attributes, inside the same transaction.
    static func reindex(_ itemID: Int64, in db: Connection) throws {
        guard let row = try db.queryOne("""
            SELECT i.code, i.name, i.description, c.path FROM inventory_items i
            LEFT JOIN inventory_categories c ON c.id = i.category_id WHERE i.id = ?
            """, [itemID]) else { return }
        let tags = try db.query("SELECT tag FROM inventory_item_tags WHERE item_id = ? ORDER BY tag", [itemID]).map { try $0.get(0) as String }
        let values = try db.query("SELECT value FROM inventory_item_attributes WHERE item_id = ? ORDER BY key", [itemID]).map { try $0.get(0) as String }
        try replace(itemID, Document(code: try row.get("code"), name: try row.get("name"), description: try row.get("description"),
                                     category: try row.get("path"), tags: tags, attributeValues: values), in: db)
    }

    /// Turns what a person typed into an FTS5 expression that can never be a syntax error.
    ///
    /// Each whitespace-separated word becomes a quoted phrase (`"` doubled), so `"`, `*`, `-`, `(`,
    /// `:`, `^`, `NEAR`, `AND`, `OR` and `NOT` are plain text; phrases are ANDed. The last word gets `*`
    /// for prefix matching, so a search box finds while typing, unless its last token is a single
    /// character: `r*` would expand to most of the vocabulary and rank most of the catalogue (100 ms
    /// at 100,000 items) for a result nobody reads, so one letter is matched as a whole token. Words
    /// with no letter or digit (which the tokenizer would reduce to nothing) are dropped; nil when
    /// nothing is left to search for.
    static func matchExpression(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace })
            .filter { $0.unicodeScalars.contains(where: isTokenCharacter) }
        guard let lastWord = words.last else { return nil }
        let phrases = words.map { word in
            let cleaned = String(String.UnicodeScalarView(word.unicodeScalars.filter { $0.properties.generalCategory != .control }))
            return "\"" + cleaned.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let lastToken = lastWord.unicodeScalars.reversed().drop { !isTokenCharacter($0) }.prefix { isTokenCharacter($0) }
        return phrases.joined(separator: " ") + (lastToken.count >= 2 ? "*" : "")
    }

    /// Letters, digits and private-use characters: what unicode61 keeps in tokens.
    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }
}
