import CoopCore

/// The Inventory tables, all prefixed `inventory_`. Forward-only: a change is a new numbered migration.
///
/// Register after Membership's migrations (`Sequences`, `MembershipSchema`, then this), so that a later
/// Inventory migration may refer to members.
public enum InventorySchema {
    /// Adds Inventory's migrations to `migrator`.
    public static func register(in migrator: inout Migrator) {
        migrator.register("inventory.1", sql: """
            -- Categories and locations are trees addressed by their full path ("Costumes/Robes/1920").
            -- The path is stored whole and indexed (NOCASE, like codes), so a subtree is one index range:
            -- path = 'X' OR (path >= 'X/' AND path < 'X0'), '0' being the character after '/'.
            CREATE TABLE inventory_categories (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL,
                parent_id INTEGER REFERENCES inventory_categories(id),
                created_at TEXT NOT NULL
            );
            CREATE INDEX inventory_categories_parent ON inventory_categories(parent_id);
            CREATE TABLE inventory_locations (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL,
                parent_id INTEGER REFERENCES inventory_locations(id),
                created_at TEXT NOT NULL
            );
            CREATE INDEX inventory_locations_parent ON inventory_locations(parent_id);

            -- units_out is maintained by Lending through InventoryLedger; availability is never stored:
            -- quantity - units_out - maintenance_units when active, else 0.
            CREATE TABLE inventory_items (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE COLLATE NOCASE,
                name TEXT NOT NULL,
                description TEXT,
                category_id INTEGER REFERENCES inventory_categories(id),
                home_location_id INTEGER REFERENCES inventory_locations(id),
                location_id INTEGER REFERENCES inventory_locations(id),
                quantity INTEGER NOT NULL CHECK (quantity >= 0),
                units_out INTEGER NOT NULL DEFAULT 0 CHECK (units_out >= 0),
                maintenance_units INTEGER NOT NULL DEFAULT 0 CHECK (maintenance_units >= 0),
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'retired', 'lost')),
                value_cents INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
                notes TEXT,
                photos TEXT NOT NULL DEFAULT '[]',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK (units_out + maintenance_units <= quantity)
            );
            CREATE INDEX inventory_items_category ON inventory_items(category_id);
            CREATE INDEX inventory_items_location ON inventory_items(location_id);
            CREATE INDEX inventory_items_home_location ON inventory_items(home_location_id);
            -- Few items are not active: a partial index finds them without a scan, and costs active
            -- items nothing. Search writes the status as a literal so that SQLite may use it.
            CREATE INDEX inventory_items_not_active ON inventory_items(status, code) WHERE status <> 'active';

            CREATE TABLE inventory_item_tags (
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                tag TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (item_id, tag)
            ) WITHOUT ROWID;
            CREATE INDEX inventory_item_tags_tag ON inventory_item_tags(tag);

            CREATE TABLE inventory_item_attributes (
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                key TEXT NOT NULL COLLATE NOCASE,
                value TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (item_id, key)
            ) WITHOUT ROWID;
            CREATE INDEX inventory_item_attributes_key_value ON inventory_item_attributes(key, value);

            -- The history of every item: appended, never rewritten (the triggers refuse it).
            -- from_value / to_value hold paths, statuses or counts as text, by kind.
            CREATE TABLE inventory_movements (
                id INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                at TEXT NOT NULL,
                actor TEXT,
                kind TEXT NOT NULL,
                units INTEGER,
                from_value TEXT,
                to_value TEXT,
                reason TEXT
            );
            CREATE INDEX inventory_movements_item ON inventory_movements(item_id, id);
            CREATE TRIGGER inventory_movements_no_update BEFORE UPDATE ON inventory_movements
            BEGIN SELECT RAISE(ABORT, 'inventory movements are append-only'); END;
            CREATE TRIGGER inventory_movements_no_delete BEFORE DELETE ON inventory_movements
            BEGIN SELECT RAISE(ABORT, 'inventory movements are append-only'); END;

            -- Full-text search, rowid = inventory_items.id. Kept in sync by SearchIndex inside each
            -- write transaction rather than by triggers: see SearchIndex.swift for why.
            CREATE VIRTUAL TABLE inventory_search USING fts5(
                code, name, description, category, tags, attributes,
                tokenize = "unicode61 remove_diacritics 2"
            );
            """)
        migrator.register("inventory.2", sql: """
            -- A narrow copy of the columns search filters read, by item id: a ranked search checks its
            -- filters on every text hit (18,000 for a common word at 100,000 items), and reading them
            -- here instead of from the wide rows (descriptions, notes, photos) halves that cost.
            CREATE INDEX inventory_items_facets
                ON inventory_items(id, category_id, location_id, status, quantity, units_out, maintenance_units);
            """)
        // Attribute keys and values are matched as text search matches words, case and accents ignored
        // (`Époque=1920` finds `epoque = 1920`): each row carries its key and value folded
        // (`String.folded`), written by the service with the row, and an item has one value per folded
        // key. Two keys of one item that fold alike (possible before) are kept apart by renaming the
        // later one `key (2)`, so that no value is lost.
        migrator.register("inventory.3") { db in
            try db.execute("""
                ALTER TABLE inventory_item_attributes ADD COLUMN key_folded TEXT NOT NULL DEFAULT '';
                ALTER TABLE inventory_item_attributes ADD COLUMN value_folded TEXT NOT NULL DEFAULT '';
                """)
            struct Attribute { let key: String; let value: String }
            var items: [Int64: [Attribute]] = [:]
            for row in try db.query("SELECT item_id, key, value FROM inventory_item_attributes ORDER BY item_id, key") {
                items[try row.get("item_id"), default: []].append(Attribute(key: try row.get("key"), value: try row.get("value")))
            }
            for (item, attributes) in items {
                let existing = Set(attributes.map(\.key.folded))
                var taken = Set<String>()
                for attribute in attributes {
                    var kept = attribute.key, n = 1
                    while taken.contains(kept.folded) || (kept != attribute.key && existing.contains(kept.folded)) {
                        n += 1
                        kept = "\(attribute.key) (\(n))"
                    }
                    taken.insert(kept.folded)
                    try db.execute("""
                        UPDATE inventory_item_attributes SET key = ?, key_folded = ?, value_folded = ? WHERE item_id = ? AND key = ?
                        """, [kept, kept.folded, attribute.value.folded, item, attribute.key])
                }
            }
            try db.execute("""
                CREATE UNIQUE INDEX inventory_item_attributes_item_folded ON inventory_item_attributes(item_id, key_folded);
                DROP INDEX inventory_item_attributes_key_value;
                CREATE INDEX inventory_item_attributes_folded ON inventory_item_attributes(key_folded, value_folded);
                """)
        }
        migrator.register("inventory.4", sql: """
            -- The catalogue's version (CatalogueVersion.swift): every write to what a search matches, ranks
            -- or shows, except units, adds one; check-outs and check-ins do not. Cached search results are
            -- keyed by it, and units free now are read fresh for each page.
            CREATE TABLE inventory_catalogue (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            );
            INSERT INTO inventory_catalogue (id, version) VALUES (1, 0);
            """)
        // What other domains may read of items in their list joins (Orders' products, order and invoice
        // lines, Lending's never-borrowed report), so that only Inventory names its tables in SQL (see
        // `DomainBoundaryTests`); single items inside a write go through `InventoryLedger`. Plain views
        // over one table each, which SQLite inlines into the query: `code` keeps its NOCASE collation and
        // its index, and the plans are those of the tables. The category is a second view rather than a
        // join inside the first, which an aggregate query (the picking list) would pay for every row.
        migrator.register("inventory.5", sql: """
            CREATE VIEW inventory_public_items AS
                SELECT id, code, name, category_id, status, quantity, units_out, maintenance_units, created_at
                FROM inventory_items;
            CREATE VIEW inventory_public_categories AS
                SELECT id, path FROM inventory_categories;
            """)
    }
}
