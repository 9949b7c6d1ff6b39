import Coop
import CoopHTTP
import CoopTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Inventory
import Testing
@testable import coop_api

@Suite struct ItemRouteTests {
    static let robe = #"{"code":"GC-0001","name":"Robe d'époque","category":"Costumes/Robes/1920","location":"Entrepôt/Étage 2","quantity":2,"tags":["soie"],"attributes":{"taille":"M","couleur":"rouge"},"value":25000}"#

    @Test func staffCreatesAnyTokenReadsMembersCannotChange() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/items?create=true", method: .post, headers: headers(token: coop.member), body: body(Self.robe)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/items?create=true", method: .post, headers: headers(token: coop.staff), body: body(Self.robe)) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/items/GC-0001")
                let item = response.object
                #expect(item["available"] as? Int == 2)
                #expect(item["category"] as? String == "Costumes/Robes/1920")
                #expect((item["attributes"] as? [String: String])?["taille"] == "M")
            }
            try await client.execute(uri: "/api/v1/items/gc-0001", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .ok)
                #expect(response.object["name"] as? String == "Robe d'époque")
            }
            try await client.execute(uri: "/api/v1/items/GC-0001", method: .patch, headers: headers(token: coop.member), body: body(#"{"name":"x"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/items/GC-0001/history", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/items", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func refusalsCarryTheirCodes() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-0001", name: "Perceuse", quantity: 2), createPaths: true)
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/items", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"code":"t-0001","name":"Autre"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "inventory.code_taken")
            }
            try await client.execute(uri: "/api/v1/items/NOPE-1", method: .get, headers: headers(token: coop.staff, language: "en")) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "inventory.item_not_found")
                #expect((response.object["detail"] as? String)?.contains("NOPE-1") == true)
            }
            try await client.execute(uri: "/api/v1/items/T-0001/move", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"to":"Nulle part"}"#)) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "inventory.location_not_found")
            }
            try await client.execute(uri: "/api/v1/items/T-0001/move", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"to":"Succursale Plateau","create":true,"reason":"Prêt inter-succursales"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.object["location"] as? String == "Succursale Plateau")
            }
            try await client.execute(uri: "/api/v1/items/T-0001", method: .patch, headers: headers(token: coop.staff),
                                     body: body(#"{"quantity":-1}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/items/T-0001/status", method: .post, headers: headers(token: coop.staff),
                                     body: body(#"{"status":"broken"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["field"] as? String == "status")
            }
            try await client.execute(uri: "/api/v1/items/T-0001/history", method: .get, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
                let kinds = (response.object["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
                #expect(kinds == ["moved", "created"])
                let actor = (response.object["items"] as? [[String: Any]])?.first?["actor"] as? String
                #expect(actor == "api:\(coop.staff.prefix(8))")
            }
        }
    }

    @Test func quantityBelowUnitsOutIsRefusedWithBothNumbers() async throws {
        let coop = try await TestCoop.make()
        let item = try await coop.coop.inventory.addItem(NewItem(code: "C-1", name: "Chaise", quantity: 5))
        _ = try await coop.coop.context.database.write { db in
            try InventoryLedger.checkOut(itemID: try InventoryLedger.item(code: item.code, in: db).id, units: 3, actor: "test", at: .now(), in: db)
        }
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/items/C-1", method: .patch, headers: headers(token: coop.staff, language: "en"),
                                     body: body(#"{"quantity":2}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.object["code"] as? String == "inventory.quantity_below_out")
                let detail = response.object["detail"] as? String ?? ""
                #expect(detail.contains("2") && detail.contains("3"))
            }
        }
        #expect(try await coop.coop.inventory.item("C-1").quantity == 5)
    }

    @Test func searchWithFiltersAndHostileText() async throws {
        let coop = try await TestCoop.make()
        let inventory = coop.coop.inventory
        _ = try await inventory.addItem(NewItem(code: "GC-1", name: "Robe d'époque", category: "Costumes/Robes", location: "Étage 2",
                                                attributes: ["couleur": "rouge"]), createPaths: true)
        _ = try await inventory.addItem(NewItem(code: "GC-2", name: "Robe de bal", category: "Costumes/Robes", location: "Étage 3",
                                                attributes: ["couleur": "bleu"]), createPaths: true)
        _ = try await inventory.addItem(NewItem(code: "T-1", name: "Perceuse", category: "Outils", location: "Étage 3"), createPaths: true)
        try await coop.test { client in
            func codes(_ uri: String) async throws -> [String] {
                try await client.execute(uri: uri, method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return (response.object["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
                }
            }
            #expect(try await codes("/api/v1/items?q=robe%20epoque") == ["GC-1"])
            #expect(Set(try await codes("/api/v1/items?q=rob")) == ["GC-1", "GC-2"])
            #expect(try await codes("/api/v1/items?q=robe&attr=couleur%3Dbleu") == ["GC-2"])
            // Keys and values ignoring case and accents, as text search: Couleur=ROUGE, COULÉUR=Rouge.
            #expect(try await codes("/api/v1/items?attr=Couleur%3DROUGE") == ["GC-1"])
            #expect(try await codes("/api/v1/items?attr=COUL%C3%89UR%3Drouge") == ["GC-1"])
            #expect(Set(try await codes("/api/v1/items?location=%C3%89tage%203")) == ["GC-2", "T-1"])
            #expect(try await codes("/api/v1/items?category=Outils&available=true") == ["T-1"])
            #expect(try await codes("/api/v1/items?limit=2").count == 2)
            for hostile in ["%22", "*", "-", "NEAR", "robe%20NEAR(", "%22robe", "AND%20OR", "(", "%27%3B%20DROP%20TABLE%20inventory_items%3B--"] {
                try await client.execute(uri: "/api/v1/items?q=\(hostile)", method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok, "q=\(hostile)")
                }
            }
            try await client.execute(uri: "/api/v1/items?available=maybe", method: .get, headers: headers(token: coop.member)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
        #expect(try await inventory.search(ItemQuery()).items.count == 3)
    }

    /// HTML forms send a space as `+`: every text parameter reads it so, and `%2B` stays a plus.
    @Test func plusInAQueryIsASpaceAsFormsSendIt() async throws {
        let coop = try await TestCoop.make()
        let inventory = coop.coop.inventory
        _ = try await inventory.addItem(NewItem(code: "GC-1", name: "Robe d'époque", category: "Costumes/Robes", location: "Étage 2",
                                                attributes: ["taille": "M+L"]), createPaths: true)
        _ = try await inventory.addItem(NewItem(code: "GC-2", name: "Robe de bal", category: "Costumes/Robes", location: "Étage 3",
                                                attributes: ["taille": "M L"]), createPaths: true)
        try await coop.test { client async throws in
            func codes(_ uri: String) async throws -> [String] {
                try await client.execute(uri: uri, method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return (response.object["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
                }
            }
            #expect(try await codes("/api/v1/items?q=robe+epoque") == ["GC-1"])
            #expect(try await codes("/api/v1/items?q=robe%20epoque") == ["GC-1"])
            #expect(try await codes("/api/v1/items?q=robe+epoque&location=%C3%89tage+2") == ["GC-1"])
            #expect(try await codes("/api/v1/items?location=%C3%89tage+3") == ["GC-2"])
            #expect(try await codes("/api/v1/items?attr=taille%3DM%2BL") == ["GC-1"])
            #expect(try await codes("/api/v1/items?attr=taille%3DM+L") == ["GC-2"])
        }
    }

    @Test func csvImportIsAllOrNothingOverHTTP() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let bad = "code,name,description,category,location,quantity,tags,value\nA-1,Un,,Outils,Dépôt,1,,10.00\nA-2,Deux,,Outils,Dépôt,-4,,\n"
            try await client.execute(uri: "/api/v1/items/import", method: .post, headers: headers(token: coop.staff, language: "en"), body: body(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.object["code"] as? String == "csv.bad_line")
                #expect((response.object["detail"] as? String)?.contains("line 3") == true)
            }
            try await client.execute(uri: "/api/v1/items/import", method: .post, headers: headers(token: coop.member), body: body(bad)) { response in
                #expect(response.status == .forbidden)
            }
            let good = "code,name,description,category,location,quantity,tags,value,attr:taille\nA-1,Un,\"Avec, virgule\",Outils,Dépôt,1,rouge|neuf,10.00,M\n"
            try await client.execute(uri: "/api/v1/items/import", method: .post, headers: headers(token: coop.staff), body: body(good)) { response in
                #expect(response.status == .ok)
                #expect(response.object["created"] as? Int == 1)
            }
        }
        #expect(try await coop.coop.inventory.search(ItemQuery()).items.map(\.code) == ["A-1"])
    }

    @Test func treesAreReadByAnyTokenAndGrownByStaff() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            try await client.execute(uri: "/api/v1/locations", method: .post, headers: headers(token: coop.member), body: body(#"{"path":"A/B"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/locations", method: .post, headers: headers(token: coop.staff), body: body(#"{"path":"Entrepôt/Étage 2"}"#)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/categories", method: .post, headers: headers(token: coop.staff), body: body(#"{"path":"Outils/Perceuses"}"#)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/api/v1/locations", method: .get, headers: headers(token: coop.member)) { response in
                let paths = (response.object["items"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
                #expect(paths == ["Entrepôt", "Entrepôt/Étage 2"])
            }
            try await client.execute(uri: "/api/v1/categories", method: .get, headers: headers(token: coop.member)) { response in
                let paths = (response.object["items"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
                #expect(paths == ["Outils", "Outils/Perceuses"])
            }
        }
    }
}

/// Search pages are cached until the next write: every write must show in the very next search,
/// and writes by another process (`coopctl` on the same file) within the 50 ms change check.
@Suite struct SearchCacheTests {
    @Test func cachedSearchesFollowEveryWrite() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-1", name: "Perceuse", quantity: 1), createPaths: true)
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-2", name: "Scie", quantity: 1), createPaths: true)
        try await coop.test { client in
            func codes(_ query: String) async throws -> [String] {
                try await client.execute(uri: "/api/v1/items?\(query)", method: .get, headers: headers(token: coop.member)) { response in
                    #expect(response.status == .ok)
                    return (response.object["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                }
            }
            // Twice each, so that the second answer comes from the cache.
            for _ in 0..<2 {
                #expect(try await codes("available=true") == ["T-1", "T-2"])
                #expect(try await codes("q=perceuse") == ["T-1"])
            }
            // A check-out through the API: the unit is no longer available.
            let loan = try await client.execute(uri: "/api/v1/loans", method: .post, headers: headers(token: coop.staff),
                                                body: body(#"{"item":"T-1","member":"M-0001"}"#)) { response in
                #expect(response.status == .created)
                return response.object["id"] as? Int ?? 0
            }
            #expect(try await codes("available=true") == ["T-2"])
            // Its return: the very next search lists it again, from the kept snapshot.
            try await client.execute(uri: "/api/v1/loans/\(loan)/return", method: .post, headers: headers(token: coop.staff), body: body("{}")) { response in
                #expect(response.status == .ok)
            }
            #expect(try await codes("available=true") == ["T-1", "T-2"])
            #expect(try await codes("available=true&limit=1").count == 1)
            // A change through the service (the same process, as coopctl's code path would be).
            _ = try await coop.coop.inventory.updateItem("T-1", ItemChanges(name: "Marteau"))
            #expect(try await codes("q=perceuse").isEmpty)
            #expect(try await codes("q=marteau") == ["T-1"])

            // Another process renames T-2: seen once the change check notices it (within its interval on
            // an idle machine; the wait is on the answer, not on the time).
            #expect(try await codes("q=scie") == ["T-2"])
            let (outside, _) = try await Coop.open(CoopConfiguration(databasePath: coop.path, timeZone: TimeZone(identifier: "UTC")!), as: .localOperator("test"))
            _ = try await outside.inventory.updateItem("T-2", ItemChanges(name: "Rabot"))
            #expect(try await eventually { try await codes("q=scie").isEmpty })
            #expect(try await codes("q=rabot") == ["T-2"])
        }
    }
}
