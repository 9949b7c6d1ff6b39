import Foundation
import Testing

/// Statuses, categories, roles and kinds through the real `coopctl`: tables and message lines show
/// the words of the reader's language, filters take those words (or the codes), and JSON keeps the codes.
@Suite struct WordsCommandTests {
    @Test func memberCategoriesAndStatusesAreWordsAndFiltersTakeThem() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        for (n, category) in ["Membre travailleur", "soutien", "usagère"].enumerated() {
            try ctl.ok(["member", "add", "--first-name", "P\(n)", "--last-name", "Test", "--email", "p\(n)@example.org",
                        "--category", category, "--plan", "Annuel"])
        }
        try ctl.ok(["member", "suspend", "M-0003", "--reason", "cotisation impayée"])
        let json = try ctl.run(["member", "list", "--json"]).array
        #expect(json.map { $0["category"] as? String } == ["worker", "supporting", "user"], "JSON keeps the codes")
        #expect(json.map { $0["status"] as? String } == ["active", "active", "suspended"])

        let french = try ctl.run(["member", "list"]).stdout
        #expect(french.contains("membre travailleur") && french.contains("membre de soutien") && french.contains("membre utilisateur"))
        #expect(french.contains("actif") && french.contains("suspendu"))
        #expect(!french.contains("worker") && !french.contains("supporting") && !french.contains("active"))
        let english = try ctl.run(["member", "list", "--lang", "en"]).stdout
        #expect(english.contains("worker member") && english.contains("supporting member") && english.contains("suspended"))

        #expect(try ctl.run(["member", "list", "--status", "Suspendu", "--json"]).array.count == 1)
        #expect(try ctl.run(["member", "list", "--status", "actif", "--json"]).array.count == 2)
        #expect(try ctl.run(["member", "list", "--status", "active", "--json"]).array.count == 2)
        #expect(try ctl.run(["member", "list", "--status", "échu", "--json"]).array.isEmpty)
        let status = try ctl.run(["member", "list", "--status", "parti"])
        #expect(status.status == 1)
        #expect(status.stderr == "Valeur invalide pour le statut : « parti » (actif, échu ou suspendu).\n")
        #expect(try ctl.run(["member", "list", "--status", "gone", "--lang", "en"]).stderr
            == "Invalid value for the status: \"gone\" (active, expired or suspended).\n")

        let category = try ctl.run(["member", "update", "M-0001", "--category", "bénévole"])
        #expect(category.status == 1)
        #expect(category.stderr == "Catégorie inconnue « bénévole » (membre utilisateur, membre travailleur ou membre de soutien).\n")
        try ctl.ok(["member", "update", "M-0001", "--category", "MEMBRE DE SOUTIEN"])
        #expect(try ctl.run(["member", "show", "M-0001", "--json"]).object["category"] as? String == "supporting")
        #expect(try ctl.run(["member", "add", "--help"]).stdout.contains("membre de soutien"))
    }

    @Test func tokenRolesAreWordsAndTheRoleOptionTakesThem() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        try ctl.ok(["token", "create", "--role", "Personnel"])
        try ctl.ok(["token", "create", "--role", "administrateur"])
        #expect(try ctl.run(["token", "list", "--json"]).array.map { $0["role"] as? String } == ["staff", "admin"])
        let french = try ctl.run(["token", "list"]).stdout
        #expect(french.contains("personnel") && french.contains("administrateur") && !french.contains("staff"))
        #expect(try ctl.run(["token", "list", "--lang", "en"]).stdout.contains("administrator"))
        let unknown = try ctl.run(["token", "create", "--role", "root"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "Rôle inconnu « root » (administrateur, personnel ou membre).\n")
    }

    @Test func orderCycleAndInvoiceFiltersTakeFrenchWordsAndRefusalsNameStatusesInWords() throws {
        let ctl = try OrdersCommandTests.catalogue()
        defer { ctl.remove() }
        try ctl.ok(["cycle", "open", "1"])
        let order = try ctl.run(["order", "set", "--cycle", "1", "--member", "M-0001", "--pickup", "Plateau", "OEUFS=1", "--json"])
        let id = String(try #require(order.object["id"] as? Int))
        // Picking up an open order: the status in words, never `open`.
        let pickup = try ctl.run(["order", "pickup", id])
        #expect(pickup.status == 1)
        #expect(pickup.stderr == "La commande \(id) est ouverte, pas confirmée.\n")
        #expect(try ctl.run(["order", "list", "--status", "Ouverte", "--json"]).page.count == 1)
        #expect(try ctl.run(["order", "list", "--status", "open", "--json"]).page.count == 1)
        #expect(try ctl.run(["order", "list", "--status", "annulée", "--json"]).page.isEmpty)
        #expect(try ctl.run(["order", "list", "--status", "picked up", "--json"]).page.isEmpty)
        let status = try ctl.run(["order", "list", "--status", "perdue"])
        #expect(status.status == 1)
        #expect(status.stderr == "Valeur invalide pour le statut : « perdue » (ouverte, confirmée, cueillie ou annulée).\n")
        #expect(try ctl.run(["order", "list"]).stdout.contains("ouverte"))

        #expect(try ctl.run(["cycle", "list", "--state", "ouvert", "--json"]).page.count == 1)
        #expect(try ctl.run(["cycle", "list", "--state", "Planifié", "--json"]).page.isEmpty)
        #expect(try ctl.run(["cycle", "list", "--state", "demain"]).stderr
            == "Valeur invalide pour l’état : « demain » (planifié, ouvert, fermé ou livré).\n")

        try ctl.ok(["cycle", "close", "1", "--now"])
        let number = try #require(try ctl.run(["invoice", "list", "--json"]).page.first?["number"] as? String)
        try ctl.ok(["invoice", "credit", number, "--reason", "Œufs cassés", "OEUFS=1"])
        #expect(try ctl.run(["invoice", "list", "--kind", "note de crédit", "--json"]).page.count == 1)
        #expect(try ctl.run(["invoice", "list", "--kind", "Facture", "--json"]).page.count == 1)
        #expect(try ctl.run(["invoice", "list", "--kind", "credit_note", "--json"]).page.count == 1)
        #expect(try ctl.run(["invoice", "list", "--kind", "reçu", "--lang", "en"]).stderr
            == "Invalid value for the kind: \"reçu\" (invoice or credit note).\n")
        let products = try ctl.run(["product", "list"]).stdout
        #expect(products.contains("détaxé") && !products.contains("zero"))
        try ctl.ok(["product", "update", "OEUFS", "--tax", "Détaxé"])
    }

    @Test func reservationFiltersItemStatusesAndClosedWeekdaysInWords() throws {
        let ctl = try LendingCommandTests.library(members: 1, items: [("R-1", 1)])
        defer { ctl.remove() }
        try ctl.ok(["reserve", "R-1", "--member", "M-0001", "--from", LendingCommandTests.day(1), "--to", LendingCommandTests.day(2)])
        #expect(try ctl.run(["reservation", "list", "--status", "Réservée", "--json"]).page.count == 1)
        #expect(try ctl.run(["reservation", "list", "--status", "annulee", "--json"]).page.isEmpty)
        #expect(try ctl.run(["reservation", "list", "--status", "perdue"]).stderr
            == "Valeur invalide pour le statut : « perdue » (réservée, retirée, annulée ou expirée).\n")
        #expect(try ctl.run(["reservation", "list"]).stdout.contains("réservée"))

        let repaired = try ctl.run(["item", "status", "R-1", "en réparation", "--reason", "lame usée"])
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stdout == "R-1 : en réparation.\n")
        let shown = try ctl.run(["item", "show", "R-1", "--json"]).object["item"] as? [String: Any]
        #expect(shown?["status"] as? String == "maintenance", "JSON keeps the code")
        let unknown = try ctl.run(["item", "status", "R-1", "cassé"])
        #expect(unknown.stderr == "État inconnu « cassé » (en circulation, en réparation, retiré ou perdu).\n")
        let inactive = try ctl.run(["loan", "out", "R-1", "--member", "M-0001"])
        #expect(inactive.stderr == "R-1 n’est pas en circulation (en réparation).\n")
        try ctl.ok(["item", "status", "R-1", "En circulation"])

        // A day closed every week is named as such, not by the code `weekly`.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LendingCommandTests.zone
        let weekday = calendar.component(.weekday, from: calendar.date(byAdding: .day, value: 3, to: Date())!)
        let iso = (weekday + 5) % 7 + 1  // Gregorian Sunday 1 → ISO 7, Monday 2 → 1…
        try ctl.ok(["closure", "weekly", String(iso)])
        let closed = try ctl.run(["reserve", "R-1", "--member", "M-0001", "--from", LendingCommandTests.day(3), "--to", LendingCommandTests.day(4)])
        #expect(closed.status == 1)
        #expect(closed.stderr == "La coop est fermée le \(LendingCommandTests.day(3)) (fermeture hebdomadaire).\n")
    }
}

@Suite struct ElectionWordsCommandTests {
    @Test func questionKindsAndThresholdsTakeFrenchWordsAndRefusalsNameThemInWords() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let created = try ctl.run(["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T15:00",
                                   "--question", "Comptes ?", "--kind", "Choix unique", "--choices", "Pour|Contre", "--threshold", "deux tiers",
                                   "--question", "Conseil", "--kind", "approbation", "--choices", "Ana|Ben|Cy", "--max", "2",
                                   "--question", "Logo", "--kind", "classement", "--choices", "Soleil|Arbre", "--json"])
        #expect(created.status == 0, "\(created.stderr)")
        let questions = created.object["questions"] as? [[String: Any]] ?? []
        #expect(questions.map { $0["kind"] as? String } == ["single", "approval", "ranked"], "JSON keeps the codes")
        #expect(questions.first?["threshold"] as? String == "two-thirds")
        let usage = try ctl.run(["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T15:00",
                                 "--question", "Q", "--kind", "sondage", "--choices", "A|B"])
        #expect(usage.status == 2 && usage.stderr.contains("--kind prend choix unique, approbation ou classement"))
        // A threshold on an approval question: the kind in words, never the code.
        let refused = try ctl.run(["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T15:00",
                                   "--question", "Conseil", "--kind", "approbation", "--choices", "Ana|Ben", "--max", "1", "--threshold", "majorité absolue"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "La question 1 est de type « approbation » (`approval`) : seule une question à choix unique (`single`) a un seuil.\n")
    }
}

fileprivate extension CoopCtlRunner {
    /// Runs a step that must succeed.
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
    }
}
