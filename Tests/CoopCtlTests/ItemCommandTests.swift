import Foundation
import Testing

@Suite struct ItemCommandTests {
    @Test func addShowSearchMoveStatusHistory() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let added = try ctl.run(["item", "add", "--code", "T-0001", "--name", "Perceuse sans fil", "--category", "Outils/Perceuses",
                                 "--location", "Succursale Plateau", "--tag", "perceuse", "--attr", "marque=Makita",
                                 "--value", "120.00", "--create", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let item = added.object
        for key in ["code", "name", "category", "location", "quantity", "available", "status", "tags", "attributes"] {
            #expect(item[key] != nil, "missing \(key)")
        }
        #expect(item["value"] as? Int == 12_000)
        #expect(try ctl.run(["item", "add", "--code", "t-0001", "--name", "Doublon"]).status == 1)
        let unknownPlace = try ctl.run(["item", "add", "--code", "T-0002", "--name", "Scie", "--location", "Nulle part", "--lang", "en"])
        #expect(unknownPlace.status == 1)
        #expect(unknownPlace.stderr.contains("Nulle part"))

        let found = try ctl.run(["item", "search", "perceuse sans", "--json"]).page
        #expect(found.map { $0["code"] as? String } == ["T-0001"])
        #expect(try ctl.run(["item", "search", "--category", "Outils", "--available", "--json"]).page.count == 1)
        #expect(try ctl.run(["item", "search", "--attr", "marque=Bosch", "--json"]).page.isEmpty)
        // Attribute keys and values match ignoring case and accents, as text search does.
        #expect(try ctl.run(["item", "search", "--attr", "Marqué=MAKITA", "--json"]).page.map { $0["code"] as? String } == ["T-0001"])

        #expect(try ctl.run(["item", "move", "T-0001", "--to", "Atelier"]).status == 1)
        #expect(try ctl.run(["item", "move", "T-0001", "--to", "Atelier", "--create", "--reason", "Réparation"]).status == 0)
        #expect(try ctl.run(["item", "status", "T-0001", "maintenance", "--reason", "Mandrin"]).status == 0)
        #expect(try ctl.run(["item", "status", "T-0001", "cassé"]).status == 1)
        let history = try ctl.run(["item", "history", "T-0001", "--json"]).page
        #expect(history.compactMap { $0["kind"] as? String } == ["status", "moved", "created"])
        let show = try ctl.run(["item", "show", "T-0001", "--json"]).object
        #expect((show["item"] as? [String: Any])?["available"] as? Int == 0)
        #expect((show["movements"] as? [[String: Any]])?.count == 3)
        let people = try ctl.run(["item", "show", "T-0001", "--lang", "en"]).stdout
        #expect(people.contains("Available: 0 of 1"))
        // Statuses and movement kinds in words of the reader's language, never codes (JSON keeps the codes).
        let french = try ctl.run(["item", "history", "T-0001"]).stdout
        #expect(french.contains("statut") && french.contains("déplacement") && french.contains("ajout"))
        #expect(french.contains("en circulation") && french.contains("en réparation") && !french.contains("maintenance"))
        #expect(try ctl.run(["item", "list"]).stdout.contains("en réparation"))
        #expect(try ctl.run(["item", "history", "T-0001", "--lang", "en"]).stdout.contains("in maintenance"))
    }

    @Test func importExportRoundTripAndAllOrNothing() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let csv = try ctl.write("items.csv", Array("\u{FEFF}".utf8) + Array("""
            code,name,description,category,location,quantity,tags,value,attr:taille,attr:époque\r
            GC-000001,Robe d'époque,"Soie, dentelle
            et velours",Costumes/Robes/1920,Entrepôt/Étage 2,3,soie|rouge,250.00,M,1920\r
            T-0001,Perceuse,,Outils,Succursale Plateau,1,,120.00,,\r

            """.utf8))
        let imported = try ctl.run(["item", "import", csv, "--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.object["created"] as? Int == 2)
        let exported = ctl.directory.appendingPathComponent("export.csv").path
        #expect(try ctl.run(["item", "export", "--output", exported]).status == 0)
        let again = try ctl.run(["item", "import", exported, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.object["unchanged"] as? Int == 2)
        let robe = try ctl.run(["item", "show", "GC-000001", "--json"]).object["item"] as? [String: Any]
        #expect(robe?["description"] as? String == "Soie, dentelle\net velours")
        #expect((robe?["attributes"] as? [String: String])?["époque"] == "1920")
        #expect(try ctl.run(["item", "search", "robe epoque", "--json"]).page.first?["code"] as? String == "GC-000001")
        // Unquoted, as the README types it: the words are one search, not a usage error.
        let unquoted = try ctl.run(["item", "search", "robe", "epoque", "--json"])
        #expect(unquoted.status == 0, "\(unquoted.stderr)")
        #expect(unquoted.page.first?["code"] as? String == "GC-000001")

        let bad = try ctl.write("bad.csv", "code,name,description,category,location,quantity,tags,value\nN-1,Neuf,,,,1,,\nN-2,Mauvais,,,,abc,,\n")
        let refused = try ctl.run(["item", "import", bad, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("bad.csv, line 3:"))
        #expect(try ctl.run(["item", "list", "--json"]).page.count == 2)

        // A script follows the cursor page by page, as with the API.
        let first = try ctl.run(["item", "list", "--limit", "1", "--json"])
        let cursor = try #require(first.next)
        let second = try ctl.run(["item", "list", "--limit", "1", "--cursor", cursor, "--json"])
        #expect(first.page.map { $0["code"] as? String } + second.page.map { $0["code"] as? String } == ["GC-000001", "T-0001"])
        #expect(second.next == nil)
        let searched = try ctl.run(["item", "search", "robe", "--limit", "1", "--json"])
        #expect(searched.page.count == 1)
    }

    @Test func treesAddAndList() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        #expect(try ctl.run(["location", "add", "Entrepôt/Étage 2/Allée R/Tablette 12"]).status == 0)
        #expect(try ctl.run(["location", "add", "Entrepôt/Étage 2/Allée R/Tablette 12"]).status == 1)
        let locations = try ctl.run(["location", "list", "--json"]).array.compactMap { $0["path"] as? String }
        #expect(locations == ["Entrepôt", "Entrepôt/Étage 2", "Entrepôt/Étage 2/Allée R", "Entrepôt/Étage 2/Allée R/Tablette 12"])
        #expect(try ctl.run(["category", "add", "Costumes/Robes/1920"]).status == 0)
        #expect(try ctl.run(["category", "list", "--json"]).array.count == 3)
    }
}
