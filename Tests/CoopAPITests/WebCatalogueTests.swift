import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Membership
import Testing
@testable import coop_api

/// The web face's public catalogue, served beside the API by the same router: French by default,
/// English a click away, search as the API searches, units free now, every value escaped.
@Suite struct WebCatalogueTests {
    static func page(_ client: some TestClientProtocol, _ uri: String, language: String? = nil) async throws -> TestResponse {
        var fields = HTTPFields()
        if let language { fields[.acceptLanguage] = language }
        return try await client.execute(uri: uri, method: .get, headers: fields)
    }

    @Test func theCatalogueSpeaksFrenchFirstAndEnglishOnRequest() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-0001", name: "Perceuse à percussion", category: "Outils/Perceuses", quantity: 3),
                                                  createPaths: true)
        try await coop.test { client in
            let french = try await Self.page(client, "/catalogue")
            #expect(french.status == .ok)
            #expect(french.headers[.contentType] == "text/html; charset=utf-8")
            #expect(french.headers[.contentLanguage] == "fr")
            #expect(french.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true)
            #expect(french.text.contains("<html lang=\"fr\">") && french.text.contains("Chercher"))
            #expect(french.text.contains("3 unités libres maintenant (3 en tout)"))
            #expect(french.text.contains("href=\"/catalogue?lang=en\""), "the language switch")
            let asked = try await Self.page(client, "/catalogue", language: "en-CA,en;q=0.9")
            #expect(asked.headers[.contentLanguage] == "en" && asked.text.contains("3 units free now (3 in all)"))
            let chosen = try await Self.page(client, "/catalogue?lang=en", language: "fr")
            #expect(chosen.text.contains("<html lang=\"en\">") && chosen.text.contains("Search"), "?lang= wins over Accept-Language")
            #expect(try await Self.page(client, "/").text.contains("Perceuse à percussion"), "/ is the catalogue")
            let css = try await Self.page(client, "/static/coop.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func searchIgnoresAccentsAndCaseAndFiltersWhatIsFreeNow() async throws {
        let coop = try await TestCoop.make()
        for (code, name) in [("R-1", "Robe de soirée"), ("R-2", "Robe d’été"), ("C-1", "Chapeau")] {
            _ = try await coop.coop.inventory.addItem(NewItem(code: code, name: name, category: "Costumes", quantity: 1), createPaths: true)
        }
        _ = try await coop.coop.lending.checkOut(item: "R-2", member: "M-0001")
        try await coop.test { client in
            let found = try await Self.page(client, "/catalogue?q=SOIREE").text
            #expect(found.contains("Robe de soirée") && !found.contains("Chapeau"))
            let robes = try await Self.page(client, "/catalogue?q=robe").text
            #expect(robes.contains("Robe d’été") && robes.contains("Aucune unité libre maintenant (1 en tout)"))
            let free = try await Self.page(client, "/catalogue?q=robe&available=1").text
            #expect(free.contains("Robe de soirée") && !free.contains("Robe d’été"), "the unit out is not free now")
            #expect(free.contains("checked"), "the box stays ticked")
            let none = try await Self.page(client, "/catalogue?q=zzz&lang=en").text
            #expect(none.contains("No item matches."))
        }
    }

    @Test func namesAndQueriesAreShownAsTextNeverAsMarkup() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "X-1", name: "<script>alert(1)</script>", description: "\" onfocus=\"alert(2)"))
        try await coop.test { client in
            let list = try await Self.page(client, "/catalogue?q=%22%3E%3Cscript%3E").text
            #expect(!list.contains("\"><script>"), "the query echoed in the search box is escaped")
            let page = try await Self.page(client, "/catalogue/X-1").text
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>alert") && !page.contains("\" onfocus=\"alert"))
        }
    }

    @Test func anItemPageShowsItsDetailsUnitsAndCalendarOrSaysItIsUnknown() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-0002", name: "Scie sauteuse", description: "Lame bois et métal",
                                                          quantity: 2, attributes: ["marque": "Bosch"]))
        try await coop.test { client in
            let page = try await Self.page(client, "/catalogue/t-0002")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Scie sauteuse</h1>") && page.text.contains("Lame bois et métal"))
            #expect(page.text.contains("<dt>marque</dt><dd>Bosch</dd>"))
            #expect(page.text.contains("Disponibilité des 60 prochains jours") && page.text.contains("<td>2</td>"))
            let unknown = try await Self.page(client, "/catalogue/NOPE")
            #expect(unknown.status == .notFound && unknown.headers[.contentType] == "text/html; charset=utf-8")
            #expect(unknown.text.contains("Page introuvable") && unknown.text.contains("NOPE"))
            let english = try await Self.page(client, "/catalogue/NOPE?lang=en")
            #expect(english.text.contains("Page not found") && english.text.contains("Item not found"))
        }
    }

    @Test func fiftyPerPageWithALinkToTheNext() async throws {
        let coop = try await TestCoop.make()
        var csv = "code,name,quantity\n"
        for i in 1...60 { csv += "P-\(String(format: "%03d", i)),Pelle \(i),1\n" }
        _ = try await coop.coop.inventory.importCSV(Data(csv.utf8), source: "pelles.csv")
        try await coop.test { client in
            let first = try await Self.page(client, "/catalogue?q=pelle").text
            #expect(first.components(separatedBy: "<li>").count - 1 == 50 + 1, "50 results and the menu's one item")
            let link = try #require(first.range(of: #"href="(/catalogue\?[^"]*cursor=[^"]*)" rel="next""#, options: .regularExpression))
            let href = String(first[link]).replacingOccurrences(of: "href=\"", with: "").replacingOccurrences(of: "\" rel=\"next\"", with: "")
                .replacingOccurrences(of: "&amp;", with: "&")
            let second = try await Self.page(client, href).text
            #expect(second.components(separatedBy: "<li>").count - 1 == 10 + 1)
            #expect(!second.contains("rel=\"next\""))
        }
    }
}
