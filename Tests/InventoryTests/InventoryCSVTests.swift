import CoopCore
import Foundation
import Synchronization
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("Item CSV import and export")
struct InventoryCSVTests {
    static let header = "code,name,description,category,location,quantity,tags,value,attr:taille,attr:époque\r\n"

    // MARK: Good files

    @Test func excelFileWithBOMQuotesAndNewlinesCreatesItemsAndPaths() async throws {
        let db = try await TestInventory()
        let csv = "\u{FEFF}" + Self.header
            + "GC-004512,Robe d'époque,\"Soie, dentelle\r\nboutons nacre\",Costumes/Robes/1920,Entrepôt/Étage 2/Allée R,1,bal|soirée,350.00,M,1920\r\n"
            + "V-1,\"Costume de marin \"\"Popeye\"\"\",,Costumes/Marins,Entrepôt/Étage 2/Allée S,10,,\"45,50\",L,\r\n"
            + "T-0001,Perceuse,,Outils,Succursale Plateau,,,,,\r\n"
        let summary = try await db.service.acting(as: .staff("staff")).importCSV(utf8(csv), source: "items.csv")
        #expect(summary == ImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0, categoriesCreated: 5, locationsCreated: 5))

        let robe = try await db.service.item("GC-004512")
        #expect(robe.name == "Robe d'époque")
        #expect(robe.description == "Soie, dentelle\r\nboutons nacre")
        #expect(robe.category == "Costumes/Robes/1920")
        #expect(robe.location == "Entrepôt/Étage 2/Allée R")
        #expect(robe.homeLocation == "Entrepôt/Étage 2/Allée R")
        #expect(robe.tags == ["bal", "soirée"])
        #expect(robe.value == Money(cents: 35_000))
        #expect(robe.attributes == ["taille": "M", "époque": "1920"])
        let marin = try await db.service.item("V-1")
        #expect(marin.name == "Costume de marin \"Popeye\"")
        #expect(marin.quantity == 10)
        #expect(marin.value == Money(cents: 4_550))
        #expect(marin.attributes == ["taille": "L"])
        let drill = try await db.service.item("T-0001")
        #expect(drill.quantity == 1, "an empty quantity is one unit for a new item")
        #expect(drill.value == .zero)
        // Imported items are searchable at once, and their creation is in their history.
        #expect(try await db.codes(ItemQuery(text: "robe epoque")) == ["GC-004512"])
        #expect(try await db.codes(ItemQuery(text: "soiree")) == ["GC-004512"])
        let created = try #require(try await db.service.history("GC-004512").items.first)
        #expect(created.kind == .created && created.reason == "items.csv" && created.actor == "staff")
    }

    @Test func existingCodesAreUpdatedAndChangesBecomeMovements() async throws {
        let db = try await TestInventory()
        try await db.add("T-0001", "Perceuse", description: "Vieille", category: "Outils", location: "Atelier", quantity: 2,
                         tags: ["bleu"], attributes: ["marque": "Bosch", "taille": "S"])
        try await db.add("T-0002", "Scie", category: "Outils", location: "Atelier")
        db.clock.advance(seconds: 60)
        let csv = "code,name,quantity,location,tags,attr:marque\n"
            + "t-0001,Perceuse à percussion,4,Succursale Plateau,rouge|bleu,Makita\n"
            + "T-0002,Scie,,,,\n"
            + "T-0003,Rabot,1,Atelier,,\n"
        let summary = try await db.service.importCSV(utf8(csv), source: "maj.csv")
        #expect(summary == ImportSummary(rows: 3, created: 1, updated: 1, unchanged: 1, categoriesCreated: 0, locationsCreated: 1))
        let drill = try await db.service.item("T-0001")
        #expect(drill.name == "Perceuse à percussion")
        #expect(drill.description == "Vieille", "a column absent from the file is left alone")
        #expect(drill.quantity == 4)
        #expect(drill.location == "Succursale Plateau")
        #expect(drill.homeLocation == "Atelier")
        #expect(drill.tags == ["bleu", "rouge"])
        #expect(drill.attributes == ["marque": "Makita", "taille": "S"])
        #expect(drill.updatedAt == TestInventory.start.adding(seconds: 60))
        let history = try await db.service.history("T-0001").items
        #expect(history.map(\.kind) == [.moved, .quantity, .created])
        #expect(history[0].from == "Atelier" && history[0].to == "Succursale Plateau" && history[0].reason == "maj.csv")
        #expect(history[1].from == "2" && history[1].to == "4")
        let saw = try await db.service.item("T-0002")
        #expect(saw.location == "Atelier", "an empty location keeps the item where it is")
        #expect(saw.updatedAt == TestInventory.start)
        #expect(try await db.codes(ItemQuery(text: "percussion")) == ["T-0001"])
        #expect(try await db.codes(ItemQuery(text: "makita")) == ["T-0001"])
        #expect(try await db.codes(ItemQuery(text: "bosch")).isEmpty)
    }

    @Test func progressIsReportedUpToTheTotal() async throws {
        let db = try await TestInventory()
        var csv = "code,name\n"
        for n in 0..<2_500 { csv += "P-\(n),Pièce \(n)\n" }
        let calls = Mutex<[Int]>([])
        _ = try await db.service.importCSV(utf8(csv), source: "p.csv") { done, total in
            #expect(total == 2_500)
            calls.withLock { $0.append(done) }
        }
        #expect(calls.withLock { $0 } == [1_000, 2_000, 2_500])
    }

    /// Into an empty catalogue the import skips the lookup by code and writes each item with statements
    /// looked up once (`ItemStore.Inserter`), its tags, attribute values and folded forms kept by cell:
    /// the rows must be those `addItem` writes, an import into a catalogue that already has items must
    /// give the same items, and every kind of search must find them at once.
    @Test func importIntoAnEmptyCatalogueWritesWhatAddItemWrites() async throws {
        let csv = "code,name,description,category,location,quantity,tags,value,attr:taille,attr:Époque,attr:couleur\n"
            + "GC-1,Robe de bal,\"Soie, dentelle\",Costumes/Robes/1920,Entrepôt/Étage 2,2,soirée|bal,350.00,M,1920,Rouge\n"
            + "GC-2,Chapeau melon,,Costumes/Chapeaux,Entrepôt/Étage 3,,feutre| bal ,\"12,5\",,1900,noir\n"
            + "T-1,Perceuse,Sans fil,Outils,,3,,,,,Rouge\n"
        let imported = try await TestInventory()
        let summary = try await imported.service.acting(as: .staff("staff")).importCSV(utf8(csv), source: "items.csv")
        #expect(summary == ImportSummary(rows: 3, created: 3, updated: 0, unchanged: 0, categoriesCreated: 5, locationsCreated: 3))

        let added = try await TestInventory()
        try await added.add("GC-1", "Robe de bal", description: "Soie, dentelle", category: "Costumes/Robes/1920", location: "Entrepôt/Étage 2",
                            quantity: 2, tags: ["soirée", "bal"], attributes: ["taille": "M", "Époque": "1920", "couleur": "Rouge"], value: 35_000)
        try await added.add("GC-2", "Chapeau melon", category: "Costumes/Chapeaux", location: "Entrepôt/Étage 3", quantity: 1,
                            tags: ["feutre", "bal"], attributes: ["Époque": "1900", "couleur": "noir"], value: 1_250)
        try await added.add("T-1", "Perceuse", description: "Sans fil", category: "Outils", quantity: 3, attributes: ["couleur": "Rouge"])
        var rows = try await imported.snapshot(), expected = try await added.snapshot()
        // The one difference: an imported item's `created` movement gives the file as its reason.
        let reason = 8
        #expect(rows["inventory_movements"]?.map { $0[reason] } == [.text("items.csv"), .text("items.csv"), .text("items.csv")])
        rows["inventory_movements"] = rows["inventory_movements"]?.map { Array($0[..<reason]) }
        expected["inventory_movements"] = expected["inventory_movements"]?.map { Array($0[..<reason]) }
        rows["inventory_catalogue"] = nil
        expected["inventory_catalogue"] = nil
        #expect(rows == expected)
        let documents = "SELECT rowid, code, name, description, category, tags, attributes FROM inventory_search ORDER BY rowid"
        #expect(try await imported.pool.read { try $0.query(documents).map(\.values) } == (try await added.pool.read { try $0.query(documents).map(\.values) }))

        // Into a catalogue that has an item already, each row is looked up by code: the same items.
        let nonEmpty = try await TestInventory()
        try await nonEmpty.add("A-0", "Déjà là")
        _ = try await nonEmpty.service.acting(as: .staff("staff")).importCSV(utf8(csv), source: "items.csv")
        for code in ["GC-1", "GC-2", "T-1"] {
            let item = try await imported.service.item(code)
            #expect(try await nonEmpty.service.item(code) == item)
            #expect(try await added.service.item(code) == item)
        }

        for db in [imported, nonEmpty] {
            #expect(try await db.codes(ItemQuery(text: "robe")) == ["GC-1"], "name")
            #expect(try await db.codes(ItemQuery(text: "dentelle")) == ["GC-1"], "description")
            #expect(try await db.codes(ItemQuery(text: "soiree")) == ["GC-1"], "tag, accents ignored")
            #expect(Set(try await db.codes(ItemQuery(text: "bal"))) == ["GC-1", "GC-2"], "name and tag")
            #expect(try await db.codes(ItemQuery(text: "1900")) == ["GC-2"], "attribute value")
            #expect(Set(try await db.codes(ItemQuery(text: "rouge"))) == ["GC-1", "T-1"], "attribute value")
            #expect(try await db.codes(ItemQuery(text: "chapeaux")) == ["GC-2"], "category")
            #expect(try await db.codes(ItemQuery(text: "gc-2")) == ["GC-2"], "code")
            #expect(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "epoque", value: "1920")])) == ["GC-1"])
            #expect(Set(try await db.codes(ItemQuery(attributes: [AttributeFilter(key: "COULEUR", value: "rouge")]))) == ["GC-1", "T-1"])
            #expect(try await db.codes(ItemQuery(tag: "Feutre")) == ["GC-2"])
            #expect(try await db.codes(ItemQuery(category: "Costumes")) == ["GC-1", "GC-2"])
            #expect(try await db.codes(ItemQuery(location: "Entrepôt/Étage 3")) == ["GC-2"])
            let history = try await db.service.history("GC-2").items
            #expect(history.count == 1 && history[0].kind == .created && history[0].units == 1 && history[0].to == "Entrepôt/Étage 3")
        }
    }

    /// A big import into an empty catalogue drops the secondary indexes of the tables it fills and
    /// creates them again after its last row (`DeferredIndexes`): the schema after is the schema
    /// before, the database is sound, the items are those the row-by-row path writes and every filter
    /// finds the same ones, and a refused file leaves the indexes, like everything else, as they were.
    @Test func bigImportIntoAnEmptyCatalogueCreatesAgainTheIndexesItDropped() async throws {
        let n = DeferredIndexes.minimumRows
        var csv = "code,name,description,category,location,quantity,tags,value,attr:taille,attr:Époque\n"
        for i in 0..<n {
            csv += "B-\(i),Objet \(i),Lot \(i % 7),Cat \(i % 13)/Sous \(i % 5),Entrepôt/Allée \(i % 11),\(i % 4),"
                + "t\(i % 3)|u\(i % 17),\(i % 90).50,\(["S", "M", "L"][i % 3]),\(1900 + i % 10)\n"
        }
        let schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        let bulk = try await TestInventory()
        let before = try await bulk.pool.read { try $0.query(schema).map(\.values) }
        #expect(before.contains { $0[1] == .text("inventory_items_facets") })
        // What is dropped: the eight indexes made by CREATE INDEX without UNIQUE; they come back as they were.
        try await bulk.pool.write { db in
            let deferred = try #require(try DeferredIndexes.drop(in: db))
            #expect(deferred.definitions.count == 8)
            #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'inventory_items_facets'", as: Int.self) == 0)
            #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'inventory_item_attributes_item_folded'", as: Int.self) == 1)
            try deferred.create(in: db)
        }
        #expect(try await bulk.pool.read { try $0.query(schema).map(\.values) } == before)
        // Statistics left by ANALYZE would be lost with the indexes: then nothing is dropped.
        let analyzed = try await TestInventory()
        try await analyzed.pool.write { db in
            try db.execute("ANALYZE")
            #expect(try DeferredIndexes.drop(in: db)?.definitions == nil)
        }

        let nothing = try await bulk.snapshot()
        let error = try await expectRefusal("csv.bad_line") {
            try await bulk.service.importCSV(utf8(csv + "B-X,Objet,,,,-1,,,,\n"), source: "big.csv")
        }
        #expect(error.arguments["line"] == .integer(Int64(n + 2)))
        #expect(try await bulk.pool.read { try $0.query(schema).map(\.values) } == before)
        #expect(try await bulk.snapshot() == nothing)

        let summary = try await bulk.service.importCSV(utf8(csv), source: "big.csv")
        #expect(summary.created == n)
        #expect(try await bulk.pool.read { try $0.query(schema).map(\.values) } == before)
        #expect(try await bulk.pool.read { try $0.scalar("PRAGMA integrity_check", as: String.self) } == "ok")

        let rowByRow = try await TestInventory()
        try await rowByRow.add("A-0", "Déjà là")
        _ = try await rowByRow.service.importCSV(utf8(csv), source: "big.csv")
        for i in stride(from: 0, to: n, by: 397) {
            #expect(try await bulk.service.item("B-\(i)") == (try await rowByRow.service.item("B-\(i)")))
            #expect(try await bulk.service.history("B-\(i)").items == (try await rowByRow.service.history("B-\(i)").items))
        }
        let queries = [
            ItemQuery(category: "Cat 3"), ItemQuery(location: "Entrepôt/Allée 4"), ItemQuery(tag: "U5"),
            ItemQuery(attributes: [AttributeFilter(key: "epoque", value: "1903")]), ItemQuery(text: "lot 4"),
            ItemQuery(text: "objet", category: "Cat 1/Sous 2", attributes: [AttributeFilter(key: "taille", value: "m")]),
        ]
        for query in queries {
            let codes = try await bulk.codes(query, limit: PageRequest.maxLimit)
            #expect(!codes.isEmpty)
            #expect(codes == (try await rowByRow.codes(query, limit: PageRequest.maxLimit)))
        }
    }

    // MARK: All or nothing

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let csv: String
        let line: Int
        /// A piece of the English reason the message must carry.
        let reason: String
        var testDescription: String { name }
    }

    static let goodRows = "code,name,category,quantity,value,tags\nA-1,Marteau,Outils,1,10.00,\nA-2,Pince,Outils,2,,\n"
    static let badFiles: [BadFile] = [
        BadFile(name: "missing code", csv: goodRows + ",Scie,Outils,1,,\n", line: 4, reason: "The field \"code\" is required"),
        BadFile(name: "negative quantity", csv: goodRows + "A-3,Scie,Outils,-2,,\n", line: 4, reason: "cannot be negative (got -2)"),
        BadFile(name: "quantity not a number", csv: goodRows + "A-3,Scie,Outils,deux,,\n", line: 4, reason: "Invalid quantity: \"deux\""),
        BadFile(name: "bad value", csv: goodRows + "A-3,Scie,Outils,1,12.345,\n", line: 4, reason: "Invalid amount for the replacement value: \"12.345\""),
        BadFile(name: "negative value", csv: goodRows + "A-3,Scie,Outils,1,-5,\n", line: 4, reason: "cannot be negative"),
        BadFile(name: "new item without a name", csv: goodRows + "A-3,,Outils,1,,\n", line: 4, reason: "The field \"name\" is required"),
        BadFile(name: "bad code", csv: goodRows + "A 3,Scie,Outils,1,,\n", line: 4, reason: "Invalid item code"),
        BadFile(name: "bad path", csv: goodRows + "A-3,Scie,Outils//Scies,1,,\n", line: 4, reason: "Invalid path for the category"),
        BadFile(name: "missing field", csv: goodRows + "A-3,Scie,Outils,1\n", line: 4, reason: "4 fields instead of 6"),
        BadFile(name: "code twice", csv: goodRows + "a-1,Marteau,Outils,1,,\n", line: 4, reason: "the code a-1 already appears on line 2"),
        BadFile(name: "error on the first row", csv: "code,name,quantity\nA-1,Marteau,-1\nA-2,Pince,-1\n", line: 2, reason: "got -1"),
        BadFile(name: "row after a quoted newline",
                csv: "code,name,description,quantity\nA-1,Marteau,\"deux\nlignes\",1\nA-2,Pince,,x\n", line: 4, reason: "Invalid quantity"),
    ]

    @Test(arguments: badFiles)
    func firstBadRowRejectsTheFileAndChangesNothing(_ file: BadFile) async throws {
        let db = try await TestInventory()
        try await db.add("A-1", "Marteau ancien", category: "Outils", quantity: 3)
        let before = try await db.snapshot()
        let error = try await expectRefusal("csv.bad_line") { try await db.service.importCSV(utf8(file.csv), source: "items.csv") }
        #expect(error.arguments["line"] == .integer(Int64(file.line)))
        #expect(error.message(.en).hasPrefix("items.csv, line \(file.line): "))
        #expect(error.message(.en).contains(file.reason), "\(error.message(.en))")
        #expect(error.message(.fr).hasPrefix("items.csv, ligne \(file.line) : "))
        #expect(try await db.snapshot() == before)
    }

    @Test func quantityBelowUnitsOutRejectsTheFileWithBothNumbers() async throws {
        let db = try await TestInventory()
        try await db.add("V-1", "Costume de marin", quantity: 10)
        let id = try await db.pool.read { db in try InventoryLedger.item(code: "V-1", in: db).id }
        try await db.ledger { db, now in try InventoryLedger.checkOut(itemID: id, units: 4, actor: nil, at: now, in: db) }
        let before = try await db.snapshot()
        let error = try await expectRefusal("csv.bad_line") {
            try await db.service.importCSV(utf8("code,name,quantity\nN-1,Neuf,1\nV-1,Costume,3\n"), source: "q.csv")
        }
        #expect(error.message(.en) == "q.csv, line 3: V-1: the quantity 3 is below the 4 units that are out (lent or in maintenance).")
        #expect(try await db.snapshot() == before)
    }

    /// A French Excel's "CSV" (Windows-1252, semicolons) imports as meant.
    @Test func windows1252WithSemicolonsIsReadAsMeant() async throws {
        let db = try await TestInventory()
        var bytes = Array("code;name\nA-1;Marteau\nA-2;Pi".utf8)
        bytes += [0xE8] // Windows-1252 "è"
        bytes += Array("ce\n".utf8)
        _ = try await db.service.importCSV(Data(bytes), source: "excel.csv")
        #expect(try await db.service.item("A-2").name == "Pièce")
    }

    @Test func textInNoKnownEncodingIsRejectedWithItsLine() async throws {
        let db = try await TestInventory()
        var bytes = Array("code,name\nA-1,Marteau\nA-2,Pi".utf8)
        bytes += [0x81] // no character in Windows-1252, and not UTF-8
        bytes += Array("ce\n".utf8)
        let error = try await expectRefusal("csv.bad_line") { try await db.service.importCSV(Data(bytes), source: "odd.csv") }
        #expect(error.arguments["line"] == .integer(3))
        #expect(error.message(.en) == "odd.csv, line 3: odd.csv is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\".")
        #expect(try await db.count("inventory_items") == 0)
    }

    @Test func headerProblemsAreRefusedBeforeAnyRow() async throws {
        let db = try await TestInventory()
        try await expectRefusal("csv.unknown_column") { try await db.service.importCSV(utf8("code,name,colour\nA,B,C\n"), source: "x.csv") }
        try await expectRefusal("csv.missing_column") { try await db.service.importCSV(utf8("name,quantity\nB,1\n"), source: "x.csv") }
        try await expectRefusal("csv.duplicate_column") { try await db.service.importCSV(utf8("code,attr:Taille,attr:taille\nA,M,L\n"), source: "x.csv") }
        try await expectRefusal("csv.bad_line") { try await db.service.importCSV(utf8("code,attr:a=b\nA,M\n"), source: "x.csv") }
        try await expectRefusal("csv.empty") { try await db.service.importCSV(Data(), source: "x.csv") }
        #expect(try await db.count("inventory_items") == 0)
    }

    @Test func headerOnlyImportsNothing() async throws {
        let db = try await TestInventory()
        let summary = try await db.service.importCSV(utf8(Self.header), source: "empty.csv")
        #expect(summary.rows == 0 && summary.created == 0)
    }

    // MARK: Round trip

    @Test func exportThenImportIsARoundTrip() async throws {
        let source = try await TestInventory()
        try await source.add("GC-004512", "Robe d'époque", description: "Soie, \"dentelle\"\nboutons nacre", category: "Costumes/Robes/1920",
                             location: "Entrepôt/Étage 2/Allée R", quantity: 1, tags: ["bal", "soirée"],
                             attributes: ["taille": "M", "époque": "1920"], value: 35_000)
        try await source.add("T-0001", "Perceuse, sans fil", category: "Outils", location: "Succursale Plateau", quantity: 3,
                             attributes: ["Marque": "Makita"], value: 12_050)
        try await source.add("Z-1", "Objet nu")
        let csv = try await source.service.exportCSV()
        #expect(csv.hasPrefix("code,name,description,category,location,quantity,tags,value,attr:Marque,attr:taille,attr:époque\r\n"))
        #expect(csv.contains("T-0001,\"Perceuse, sans fil\",,Outils,Succursale Plateau,3,,120.50,Makita,,\r\n"))

        // Into an empty database: the same items.
        let target = try await TestInventory()
        let summary = try await target.service.importCSV(utf8(csv), source: "export.csv")
        #expect(summary.created == 3)
        for code in ["GC-004512", "T-0001", "Z-1"] {
            let a = try await source.service.item(code), b = try await target.service.item(code)
            #expect(a == b)
        }
        #expect(try await target.service.exportCSV() == csv)

        // Into the same database: nothing changes.
        let again = try await source.service.importCSV(utf8(csv), source: "export.csv")
        #expect(again == ImportSummary(rows: 3, created: 0, updated: 0, unchanged: 3, categoriesCreated: 0, locationsCreated: 0))
        #expect(try await source.count("inventory_movements") == 3)
    }
}
