import CoopCore
import CoopTestSupport
import Foundation
import Membership
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("Search: text, accents, prefixes, FTS syntax, filters, pagination")
struct InventorySearchTests {
    /// A small costume house and tool library.
    static func catalogue() async throws -> TestInventory {
        let db = try await TestInventory()
        try await db.add("GC-004512", "Robe d'époque", description: "Soie, dentelle", category: "Costumes/Robes/1920",
                         location: "Entrepôt/Étage 2/Allée R", tags: ["bal"], attributes: ["taille": "M", "couleur": "Rouge"])
        try await db.add("GC-004513", "Robe de mariée", category: "Costumes/Robes/1950", location: "Entrepôt/Étage 2/Allée S",
                         attributes: ["taille": "S", "couleur": "blanc"])
        try await db.add("GC-000001", "Chapeau melon", category: "Costumes/Accessoires", location: "Entrepôt/Étage 1",
                         tags: ["époque"], attributes: ["couleur": "noir"])
        try await db.add("T-0001", "Perceuse sans fil", description: "Makita 18 V", category: "Outils/Perceuses",
                         location: "Succursale Plateau", quantity: 2, attributes: ["marque": "Makita"])
        try await db.add("T-0002", "Scie sauteuse", category: "Outils/Scies", location: "Succursale Plateau")
        try await db.add("T-0003", "Rabot", description: "Pour robe de bois? non: pour le bois", category: "Outils", location: "Entrepôt-Annexe")
        return db
    }

    // MARK: Text

    @Test func accentsAndCaseAreFolded() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(text: "robe epoque")).first == "GC-004512")
        #expect(try await db.codes(ItemQuery(text: "ROBE ÉPOQUE")).first == "GC-004512")
        #expect(try await db.codes(ItemQuery(text: "mariee")) == ["GC-004513"])
        #expect(try await db.codes(ItemQuery(text: "Entrepot")).isEmpty, "locations are filters, not text")
    }

    @Test func theLastWordMatchesAsAPrefix() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(text: "perc")) == ["T-0001"])
        #expect(try await db.codes(ItemQuery(text: "robe ma")) == ["GC-004513"])
        // Only the last word is a prefix: "rob" alone is not a word of any item.
        #expect(try await db.codes(ItemQuery(text: "rob mariee")).isEmpty)
        #expect(try await db.codes(ItemQuery(text: "gc-0045")).count == 2)
    }

    @Test func everyIndexedFieldIsSearched() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(text: "GC-004513")) == ["GC-004513"], "code")
        #expect(try await db.codes(ItemQuery(text: "dentelle")) == ["GC-004512"], "description")
        #expect(try await db.codes(ItemQuery(text: "accessoires")) == ["GC-000001"], "category path")
        #expect(try await db.codes(ItemQuery(text: "bal")) == ["GC-004512"], "tag")
        #expect(try await db.codes(ItemQuery(text: "noir")) == ["GC-000001"], "attribute value")
    }

    @Test func resultsAreRankedByRelevance() async throws {
        let db = try await Self.catalogue()
        // "époque" is in GC-004512's name and only in GC-000001's tags; the name weighs more.
        #expect(try await db.codes(ItemQuery(text: "epoque")) == ["GC-004512", "GC-000001"])
        // "robe" is in two names and one description.
        #expect(try await db.codes(ItemQuery(text: "robe")).last == "T-0003")
    }

    @Test(arguments: [
        "\"", "\"robe", "robe\"", "*", "robe*", "-robe", "robe -mariee", "NEAR", "NEAR(robe epoque)", "robe AND",
        "AND", "OR", "NOT robe", "(", "robe)", "^robe", "taille:M", "name:robe", "{robe}", "'", "\\", "+", "robe ** \"\"",
        "\u{0}", "a\u{7}b", "😀", "robe 😀",
    ])
    func ftsSyntaxInUserTextIsNeverAnError(text: String) async throws {
        let db = try await Self.catalogue()
        _ = try await db.service.search(ItemQuery(text: text))
        _ = try await db.service.search(ItemQuery(text: text, category: "Costumes", available: true))
    }

    @Test func syntaxCharactersAreSearchedAsText() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(text: "\"robe\" NEAR (epoque")).isEmpty, "NEAR is a word here, and no item has it")
        #expect(try await db.codes(ItemQuery(text: "-robe epoque*")) == ["GC-004512"])
        #expect(try await db.codes(ItemQuery(text: "robe AND")).isEmpty)
    }

    @Test func textWithNothingToSearchListsByCode() async throws {
        let db = try await Self.catalogue()
        let all = try await db.codes(ItemQuery())
        #expect(all == ["GC-000001", "GC-004512", "GC-004513", "T-0001", "T-0002", "T-0003"])
        #expect(try await db.codes(ItemQuery(text: "  ")) == all)
        #expect(try await db.codes(ItemQuery(text: "* - \"")) == all)
    }

    @Test func overlongTextIsRefused() async throws {
        let db = try await TestInventory()
        try await expectRefusal("common.too_long") { try await db.service.search(ItemQuery(text: String(repeating: "a ", count: 101))) }
    }

    // MARK: Filters

    @Test func categoryFilterTakesTheWholeSubtreeAndNothingBeside() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(category: "Costumes")) == ["GC-000001", "GC-004512", "GC-004513"])
        #expect(try await db.codes(ItemQuery(category: "costumes/robes")) == ["GC-004512", "GC-004513"])
        #expect(try await db.codes(ItemQuery(category: "Costumes/Robes/1920")) == ["GC-004512"])
        #expect(try await db.codes(ItemQuery(category: "Outils")) == ["T-0001", "T-0002", "T-0003"])
        // A path is not a text prefix: an unknown one is refused with the closest, never an empty list.
        let unknown = try await expectRefusal("inventory.category_not_found") { try await db.codes(ItemQuery(category: "Costumes/Rob")) }
        #expect(unknown.message(.en) == "Category not found: \"Costumes/Rob\". Closest: Costumes/Robes.")
        // Accents and case are ignored, as in text search.
        #expect(try await db.codes(ItemQuery(category: "COSTUMES/ROBES")) == ["GC-004512", "GC-004513"])
        try await expectRefusal("inventory.category_not_found") { try await db.codes(ItemQuery(category: "Nowhere")) }
    }

    @Test func locationFilterTakesTheSubtreeButNotASiblingSharingItsPrefix() async throws {
        let db = try await Self.catalogue()
        // "Entrepôt-Annexe" starts with "Entrepôt" but is not under it.
        #expect(try await db.codes(ItemQuery(location: "Entrepôt")) == ["GC-000001", "GC-004512", "GC-004513"])
        #expect(try await db.codes(ItemQuery(location: "Entrepôt/Étage 2")) == ["GC-004512", "GC-004513"])
        #expect(try await db.codes(ItemQuery(location: "Entrepôt-Annexe")) == ["T-0003"])
        _ = try await db.service.move("T-0002", to: "Entrepôt/Étage 1")
        #expect(try await db.codes(ItemQuery(location: "Entrepôt/Étage 1")) == ["GC-000001", "T-0002"])
    }

    @Test func filtersCombineWithTextAndWithEachOther() async throws {
        let db = try await Self.catalogue()
        #expect(Set(try await db.codes(ItemQuery(text: "robe", category: "Costumes"))) == ["GC-004512", "GC-004513"])
        #expect(try await db.codes(ItemQuery(text: "robe", category: "Outils")) == ["T-0003"])
        #expect(try await db.codes(ItemQuery(text: "robe", location: "Entrepôt/Étage 2/Allée S")) == ["GC-004513"])
        #expect(try await db.codes(ItemQuery(category: "Costumes", attributes: [AttributeFilter(key: "taille", value: "m")])) == ["GC-004512"])
        #expect(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "Couleur", value: "rouge"), AttributeFilter(key: "taille", value: "M")])) == ["GC-004512"])
        #expect(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "couleur", value: "rouge"), AttributeFilter(key: "taille", value: "S")])).isEmpty)
        #expect(try await db.codes(ItemQuery(tag: "BAL")) == ["GC-004512"])
    }

    @Test func availableFilterFollowsLoansMaintenanceAndStatus() async throws {
        let db = try await Self.catalogue()
        let all = try await db.codes(ItemQuery(available: true))
        #expect(all.count == 6)
        let drill = try await db.pool.read { db in try InventoryLedger.item(code: "T-0001", in: db).id }
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: drill, units: 1, actor: nil, at: now, in: db) }
        #expect(try await db.codes(ItemQuery(category: "Outils/Perceuses", available: true)) == ["T-0001"], "one of two is still free")
        try await db.ledger { db, now in try InventoryLedger.sendToMaintenance(itemID: drill, units: 1, actor: nil, at: now, in: db) }
        #expect(try await db.codes(ItemQuery(category: "Outils/Perceuses", available: true)).isEmpty)
        _ = try await db.service.setStatus("T-0002", .retired)
        #expect(try await db.codes(ItemQuery(category: "Outils", available: true)) == ["T-0003"])
        #expect(try await db.codes(ItemQuery(status: .retired)) == ["T-0002"])
        #expect(try await db.codes(ItemQuery(text: "scie", available: true)).isEmpty)
    }

    @Test func attributeFilterParsesKeyEqualsValue() throws {
        #expect(try AttributeFilter(parsing: " époque = 1920 ") == AttributeFilter(key: "époque", value: "1920"))
        #expect(try AttributeFilter(parsing: "formule=a=b") == AttributeFilter(key: "formule", value: "a=b"))
        #expect(throws: CoopError.self) { try AttributeFilter(parsing: "taille") }
        #expect(throws: CoopError.self) { try AttributeFilter(parsing: "=M") }
    }

    /// `Époque=1920` finds an item whose key is `epoque`, as text search finds `robe epoque`: keys and
    /// values compare without regard to case or accents, whichever filter leads the query.
    @Test func attributeKeysAndValuesMatchIgnoringCaseAndAccents() async throws {
        let db = try await Self.catalogue()
        try await db.add("GC-009001", "Robe charleston", category: "Costumes/Robes/1920", attributes: ["epoque": "Années folles", "taille": "M"])
        try await db.add("GC-009002", "Veston", attributes: ["Époque": "1950", "Taille": "L"])
        let folles = AttributeFilter(key: "Époque", value: "annees FOLLES")
        #expect(try await db.codes(ItemQuery(attributes: [folles])) == ["GC-009001"], "the attribute leads")
        #expect(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "EPOQUE", value: "1950")])) == ["GC-009002"])
        #expect(try await db.codes(ItemQuery(category: "Costumes", attributes: [folles])) == ["GC-009001"], "the tree leads")
        #expect(try await db.codes(ItemQuery(attributes: [folles, AttributeFilter(key: "taille", value: "m")])) == ["GC-009001"], "a join")
        #expect(try await db.codes(ItemQuery(text: "robe", attributes: [AttributeFilter(key: "époque", value: "Années Folles")])) == ["GC-009001"],
                "a ranked search")
        #expect(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "époque", value: "1920")])).isEmpty)

        // One value per key as people read it: a change of `ÉPOQUE` replaces `epoque` and keeps its spelling.
        let changed = try await db.service.updateItem("GC-009001", ItemChanges(attributes: ["ÉPOQUE": "1925"]))
        #expect(changed.attributes == ["epoque": "1925", "taille": "M"])
        let removed = try await db.service.updateItem("GC-009001", ItemChanges(attributes: ["Epoque": nil]))
        #expect(removed.attributes == ["taille": "M"])
        try await expectRefusal("inventory.invalid_attribute") {
            try await db.add("GC-009003", "Gilet", attributes: ["epoque": "1920", "Époque": "1930"])
        }
    }

    /// Before `inventory.3` an item could hold `epoque` and `Époque` side by side: the upgrade keeps both
    /// values, renaming the second key, and fills the folded columns of every row.
    @Test func theUpgradeFoldsExistingAttributesAndKeepsKeysThatFoldAlike() async throws {
        let storage = try await TemporaryDatabase("inventory-upgrade", schemas: [Sequences.register, MembershipSchema.register, { migrator in
            var all = Migrator()
            InventorySchema.register(in: &all)
            for migration in all.migrations where migration.name != "inventory.3" { migrator.register(migration.name, apply: migration.apply) }
        }])
        try await storage.pool.write { db in
            try db.execute("INSERT INTO inventory_items (id, code, name, quantity, created_at, updated_at) VALUES (1, 'GC-1', 'Robe', 1, '2026-03-15T12:00:00.000Z', '2026-03-15T12:00:00.000Z')")
            try db.execute("INSERT INTO inventory_item_attributes (item_id, key, value) VALUES (1, 'epoque', '1920'), (1, 'Époque', 'Années folles'), (1, 'Taille', 'M')")
        }
        var migrator = Migrator()
        for register in [Sequences.register, MembershipSchema.register, InventorySchema.register] { register(&migrator) }
        #expect(try await migrator.migrate(storage.pool) == ["inventory.3"])
        let rows = try await storage.pool.read { db in
            try db.query("SELECT key, key_folded, value_folded FROM inventory_item_attributes ORDER BY key_folded").map {
                [try $0.get(0) as String, try $0.get(1) as String, try $0.get(2) as String]
            }
        }
        #expect(rows == [["epoque", "epoque", "1920"], ["Époque (2)", "epoque (2)", "annees folles"], ["Taille", "taille", "m"]])
        let service = InventoryService(context: CoopContext(database: storage.pool, timeZone: TestInventory.timeZone), caller: .localOperator("test"))
        let found = try await service.search(ItemQuery(attributes: [AttributeFilter(key: "TAILLE", value: "m")])).items.map(\.code)
        #expect(found == ["GC-1"])
    }

    @Test func tooManyAttributeFiltersAreRefused() async throws {
        let db = try await TestInventory()
        let filters = (0..<11).map { AttributeFilter(key: "k\($0)", value: "v") }
        try await expectRefusal("inventory.too_many_filters") { try await db.service.search(ItemQuery(attributes: filters)) }
    }

    @Test func oneLetterIsAWholeWordNotAPrefix() async throws {
        let db = try await Self.catalogue()
        #expect(try await db.codes(ItemQuery(text: "r")).isEmpty)
        #expect(try await db.codes(ItemQuery(text: "ra")) == ["T-0003"])
        try await db.add("T-0004", "Vitamine C")
        #expect(try await db.codes(ItemQuery(text: "vitamine c")) == ["T-0004"])
    }

    /// Filtered listings run in two passes (a walk of the next codes, then, when matches are rare, a
    /// query led by the most selective filter), and ranked searches check filters on a narrow index;
    /// every plan must give exactly the matches, in order, page after page. A window of 100 codes makes
    /// 600 items exercise both passes and every kind of leading filter.
    @Test func filteredSearchesAreExactWhateverPlanRunsThem() async throws {
        let db = try await TestInventory()
        struct Generated { var code: String; var rare, red, small, upstairs, fragile, silk: Bool }
        var all: [Generated] = []
        var csv = "code,name,category,location,quantity,tags,attr:couleur,attr:taille\n"
        for n in 0..<600 {
            let item = Generated(code: String(format: "K-%05d", n), rare: n % 37 == 7, red: n % 2 == 0, small: n % 3 == 0,
                                 upstairs: n % 5 == 0, fragile: n % 11 == 0, silk: n % 4 == 0)
            all.append(item)
            csv += "\(item.code),Objet \(n)\(item.silk ? " en soie" : ""),\(item.rare ? "Rare/Fragile" : "Commun"),"
            csv += "\(item.upstairs ? "Entrepôt/Étage 2/Allée \(n % 4)" : "Entrepôt/Étage 1"),1,\(item.fragile ? "fragile|bal" : "bal"),"
            csv += "\(item.red ? "rouge" : "bleu"),\(item.small ? "S" : "M")\n"
        }
        _ = try await db.service.importCSV(utf8(csv), source: "k.csv")
        let retired = all.filter(\.rare)[3].code
        _ = try await db.service.setStatus(retired, .retired)
        func codes(_ include: (Generated) -> Bool) -> [String] { all.filter(include).map(\.code) }
        let red = AttributeFilter(key: "couleur", value: "Rouge"), blue = AttributeFilter(key: "couleur", value: "bleu")
        let small = AttributeFilter(key: "TAILLE", value: "s")
        let cases: [(ItemQuery, [String])] = [
            (ItemQuery(category: "Rare"), codes(\.rare)),
            (ItemQuery(category: "Rare", available: true), codes { $0.rare && $0.code != retired }),
            (ItemQuery(status: .retired), [retired]),
            (ItemQuery(status: .active, attributes: [small]), codes { $0.small && $0.code != retired }),
            (ItemQuery(attributes: [red]), codes(\.red)),
            (ItemQuery(category: "Rare", attributes: [red]), codes { $0.rare && $0.red }),
            (ItemQuery(location: "Entrepôt/Étage 2", attributes: [small]), codes { $0.upstairs && $0.small }),
            (ItemQuery(attributes: [blue], tag: "FRAGILE"), codes { !$0.red && $0.fragile }),
            (ItemQuery(available: true, attributes: [red, small]), codes { $0.red && $0.small && $0.code != retired }),
            (ItemQuery(location: "Entrepôt", status: .active, tag: "fragile"), codes { $0.fragile && $0.code != retired }),
            (ItemQuery(category: "Commun", location: "Entrepôt/Étage 2", attributes: [red, small], tag: "fragile"),
             codes { !$0.rare && $0.upstairs && $0.red && $0.small && $0.fragile }),
        ]
        try await expectRefusal("inventory.category_not_found") { try await db.service.search(ItemQuery(category: "Nulle/Part")) }
        try await expectRefusal("inventory.location_not_found") { try await db.service.search(ItemQuery(location: "Nulle/Part")) }
        for (query, expected) in cases {
            for window in [nil, 100] {
                for limit in [3, 50, 500] {
                    var seen: [String] = []
                    var cursor: String?
                    repeat {
                        let page = try await db.service.search(query, page: try PageRequest(limit: String(limit), cursor: cursor), window: window)
                        seen += page.items.map(\.code)
                        cursor = page.next
                    } while cursor != nil
                    #expect(seen == expected, "\(query) window \(window ?? 0) limit \(limit)")
                }
            }
        }
        // Ranked: the same filters checked on each text hit.
        let ranked: [(ItemQuery, [String])] = [
            (ItemQuery(text: "soie", location: "Entrepôt/Étage 2", available: true, attributes: [red], tag: "fragile"),
             codes { $0.silk && $0.upstairs && $0.red && $0.fragile && $0.code != retired }),
            (ItemQuery(text: "soie", category: "Rare", status: .active), codes { $0.silk && $0.rare && $0.code != retired }),
            (ItemQuery(text: "soie", attributes: [small, red]), codes { $0.silk && $0.red && $0.small }),
        ]
        for (query, expected) in ranked {
            #expect(expected.count > 0)
            #expect(try await db.codes(query, limit: 500).sorted() == expected, "\(query)")
        }
        // The second pass leads with the filter that has the fewest rows.
        let drivers: [(ItemQuery, SearchDriver)] = [
            (ItemQuery(category: "Rare", attributes: [red]), .category),
            (ItemQuery(category: "Commun", attributes: [red, small], tag: "fragile"), .tag),
            (ItemQuery(location: "Entrepôt", attributes: [small]), .attribute(0)),
            (ItemQuery(status: .retired, tag: "bal"), .status),
            (ItemQuery(status: .active, available: true), .codeOrder),
        ]
        for (query, expected) in drivers {
            let plan = try SearchPlan(query)
            #expect(try await db.pool.read { try plan.mostSelectiveDriver(in: $0) } == expected, "\(query)")
        }
    }

    // MARK: Pagination

    @Test func pagesWalkEveryResultExactlyOnce() async throws {
        let db = try await TestInventory()
        // 120 items, half of them robes, with varied text so that scores differ and tie.
        for n in 0..<120 {
            let robe = n.isMultiple(of: 2)
            try await db.add(String(format: "C-%04d", n), robe ? "Robe \(n % 7 == 0 ? "robe " : "")n°\(n)" : "Veste n°\(n)",
                             description: n % 3 == 0 ? "robe longue" : nil, category: robe ? "Costumes/Robes" : "Costumes/Vestes")
        }
        for query in [ItemQuery(), ItemQuery(text: "robe"), ItemQuery(category: "Costumes/Robes"), ItemQuery(text: "robe", category: "Costumes/Vestes")] {
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await db.service.search(query, page: try PageRequest(limit: "7", cursor: cursor))
                seen += page.items.map(\.code)
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < 100
            let all = try await db.service.search(query, page: PageRequest(limit: 500)).items.map(\.code)
            #expect(seen == all, "\(query)")
            #expect(Set(seen).count == seen.count)
        }
        #expect(try await db.service.search(ItemQuery(), page: PageRequest(limit: 500)).items.count == 120)
        #expect(try await db.service.search(ItemQuery(text: "robe"), page: PageRequest(limit: 500)).items.count == 60 + 20)
        #expect(try await db.service.search(ItemQuery(text: "robe", category: "Costumes/Vestes"), page: PageRequest(limit: 500)).items.count == 20)
    }

    @Test func lastPageHasNoNext() async throws {
        let db = try await Self.catalogue()
        let page = try await db.service.search(ItemQuery(), page: PageRequest(limit: 6))
        #expect(page.items.count == 6)
        #expect(page.next == nil)
        let first = try await db.service.search(ItemQuery(), page: PageRequest(limit: 5))
        #expect(first.next != nil)
    }

    @Test func foreignOrMismatchedCursorsAreRefused() async throws {
        let db = try await Self.catalogue()
        let listing = try await db.service.search(ItemQuery(), page: PageRequest(limit: 1))
        let ranked = try await db.service.search(ItemQuery(text: "robe"), page: PageRequest(limit: 1))
        try await expectRefusal("common.invalid_cursor") {
            try await db.service.search(ItemQuery(text: "robe"), page: try PageRequest(limit: nil, cursor: listing.next))
        }
        try await expectRefusal("common.invalid_cursor") {
            try await db.service.search(ItemQuery(), page: try PageRequest(limit: nil, cursor: ranked.next))
        }
        try await expectRefusal("common.invalid_cursor") {
            try await db.service.search(ItemQuery(), page: PageRequest(limit: 5, after: "garbage"))
        }
    }

    // MARK: The SQL

    @Test func subtreeFilterUsesThePathIndex() async throws {
        let db = try await Self.catalogue()
        let plan = try await db.pool.read { db in
            try db.query("EXPLAIN QUERY PLAN SELECT id FROM inventory_categories WHERE path = ? OR (path >= ? AND path < ?)",
                         ["Costumes", "Costumes/", "Costumes0"]).map { try $0.get("detail") as String }
        }
        #expect(plan.allSatisfy { !$0.hasPrefix("SCAN") }, "\(plan)")
        #expect(plan.contains { $0.contains("sqlite_autoindex_inventory_categories") }, "\(plan)")
    }

    @Test func matchExpressionQuotesEveryWordAndPrefixesTheLast() {
        #expect(SearchIndex.matchExpression("robe epoque") == "\"robe\" \"epoque\"*")
        #expect(SearchIndex.matchExpression("say \"hi\"") == "\"say\" \"\"\"hi\"\"\"*")
        #expect(SearchIndex.matchExpression("NEAR(ab cd)") == "\"NEAR(ab\" \"cd)\"*")
        // A single character is matched whole: as a prefix it would match nearly everything.
        #expect(SearchIndex.matchExpression("robe r") == "\"robe\" \"r\"")
        #expect(SearchIndex.matchExpression("T-1") == "\"T-1\"")
        #expect(SearchIndex.matchExpression("T-10") == "\"T-10\"*")
        #expect(SearchIndex.matchExpression("* - \"") == nil)
        #expect(SearchIndex.matchExpression("") == nil)
    }
}

extension Array where Element == UInt8 {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
