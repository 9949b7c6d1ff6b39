import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Orders
import Testing
@testable import coop_api

/// The printable pages: `/me/invoices`, `/me/invoices/{number}` and `/me/statements/{yyyy-mm}`, headed by
/// the co-op's profile, in French and in English; another member's documents are refused in words and
/// show nothing of them.
@Suite struct WebInvoicesTests {
    typealias Browser = WebSignInTests.Browser

    /// The seeded cycle closed early with Ada's basket (2 dozen eggs, zero-rated, and a jar of jam,
    /// taxed: 21,04 $) and Bob's (a dozen eggs), and the co-op's profile set.
    static func invoiced(_ coop: TestCoop) async throws -> (ada: String, bob: String, bobsInvoice: String, month: String) {
        let cycle = try await OrderRouteTests.seed(coop)
        let bob = try await OrderRouteTests.member(coop, "Bob")
        let orders = coop.coop.orders
        _ = try await orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Plateau",
                                      lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 2)),
                                              OrderLineInput(product: "CONF", quantity: Quantity(units: 1))])
        _ = try await orders.setOrder(cycle: cycle, member: bob.number, pickup: "Plateau",
                                      lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 1))])
        let closing = try await orders.closeCycle(cycle, early: true)
        _ = try await coop.coop.membership.updateCoopProfile(CoopProfileChanges(
            name: "Épicerie <Solidaire> & fils", address: "12 rue Rachel Est\nMontréal QC  H2J 2H1",
            gstNumber: "123456789 RT 0001", qstNumber: "1234567890TQ0001"))
        let month = String(coop.coop.context.today().iso8601.prefix(7))
        return (closing.invoices[0], bob.number, closing.invoices[1], month)
    }

    @Test func aMemberListsTheirInvoicesAndPrintsOneInFrench() async throws {
        let coop = try await TestCoop.make()
        let (ada, _, bobs, month) = try await Self.invoiced(coop)
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let me = try await browser.get("/me")
            #expect(me.text.contains("<a href=\"/me/invoices?lang=fr\">Mes factures et relevés</a>"))

            let list = try await browser.get("/me/invoices")
            #expect(list.status == .ok)
            #expect(list.text.contains("<h1>Mes factures</h1>") && list.text.contains("Ada Lovelace, membre M-0001"))
            #expect(list.text.contains("<a href=\"/me/invoices/\(ada)?lang=fr\">\(ada)</a>"))
            #expect(list.text.contains("<td>Facture</td>") && list.text.contains("21,04 $"))
            #expect(!list.text.contains(bobs), "only the member's own invoices")
            #expect(list.text.contains("href=\"/me/statements/\(month)?lang=fr\""))

            let page = try await browser.get("/me/invoices/\(ada)")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<h1>Facture \(ada)</h1>"))
            // The profile, escaped like every value.
            #expect(text.contains("Épicerie &lt;Solidaire&gt; &amp; fils") && !text.contains("<Solidaire>"))
            // Every page's header and title name the co-op as its profile does.
            #expect(text.contains("<title>Facture \(ada) · Épicerie &lt;Solidaire&gt; &amp; fils</title>"))
            #expect(text.contains(#"<a class="brand" href="/catalogue?lang=fr">Épicerie &lt;Solidaire&gt; &amp; fils</a>"#))
            #expect(text.contains("12 rue Rachel Est<br>Montréal QC  H2J 2H1<br>"))
            #expect(text.contains("Numéro de TPS/TVH : 123456789RT0001") && text.contains("Numéro de TVQ : 1234567890TQ0001"))
            #expect(text.contains("Ada Lovelace, membre M-0001"))
            #expect(text.contains("Émise le \(coop.coop.context.today().words(.fr))"))
            // The lines: quantity with its unit, unit price, tax class in words, amount.
            #expect(text.contains("Œufs") && text.contains("2 douzaines") && text.contains("6,50 $ / douzaine") && text.contains("13,00 $"))
            #expect(text.contains("Confiture") && text.contains("1 unité") && text.contains("6,99 $ / unité"))
            #expect(text.contains("<td>Détaxé</td>") && text.contains("<td>Taxable</td>"))
            #expect(text.contains("Sous-total") && text.contains("19,99 $"))
            #expect(text.contains("TPS (5 %) sur 6,99 $</th><td>0,35 $"))
            #expect(text.contains("TVQ (9,975 %) sur 6,99 $</th><td>0,70 $"))
            #expect(text.contains("<tr class=\"total\"><th scope=\"row\">Total</th><td>21,04 $</td>"))
            #expect(text.contains("utilisez la commande Imprimer de votre navigateur"))
            #expect(page.headers[.cacheControl] == "private, no-store")
        }
    }

    @Test func theSamePagesInEnglish() async throws {
        let coop = try await TestCoop.make()
        let (ada, _, _, month) = try await Self.invoiced(coop)
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let list = try await browser.get("/me/invoices?lang=en")
            #expect(list.text.contains("<h1>My invoices</h1>") && list.text.contains("<td>Invoice</td>") && list.text.contains("$21.04"))
            #expect(list.text.contains("Monthly statements"))
            let page = try await browser.get("/me/invoices/\(ada)?lang=en")
            #expect(page.headers[.contentLanguage] == "en")
            let text = page.text
            #expect(text.contains("<h1>Invoice \(ada)</h1>") && text.contains("Ada Lovelace, member M-0001"))
            #expect(text.contains("GST/HST no.: 123456789RT0001") && text.contains("QST no.: 1234567890TQ0001"))
            #expect(text.contains("2 dozen") && text.contains("$6.50 / dozen") && text.contains("<td>Zero-rated</td>"))
            #expect(text.contains("GST (5%) on $6.99</th><td>$0.35") && text.contains("QST (9.975%) on $6.99</th><td>$0.70"))
            #expect(text.contains("$21.04") && text.contains("Print command"))
            let statement = try await browser.get("/me/statements/\(month)?lang=en")
            #expect(statement.status == .ok && statement.text.contains("Opening balance") && statement.text.contains("Closing balance"))
        }
    }

    @Test func anotherMembersInvoiceIsRefusedInWordsAndShowsNothingOfIt() async throws {
        let coop = try await TestCoop.make()
        let (ada, bob, bobs, month) = try await Self.invoiced(coop)
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop, member: bob)
            let refused = try await browser.get("/me/invoices/\(ada)")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Un membre ne voit que ses propres données."))
            #expect(!refused.text.contains("Confiture") && !refused.text.contains("21,04") && !refused.text.contains("Lovelace"))
            let list = try await browser.get("/me/invoices?member=M-0001")
            #expect(list.status == .forbidden && !list.text.contains(ada))
            let statement = try await browser.get("/me/statements/\(month)?member=M-0001")
            #expect(statement.status == .forbidden && !statement.text.contains("21,04"))
            // Bob's own invoice is his to see; an unknown number is a page not found, in words.
            #expect(try await browser.get("/me/invoices/\(bobs)").status == .ok)
            let unknown = try await browser.get("/me/invoices/2099-000999")
            #expect(unknown.status == .notFound && unknown.text.contains("Page introuvable"))
        }
    }

    @Test func theDeskSeesAnyMembersInvoicesAndStatements() async throws {
        let coop = try await TestCoop.make()
        let (ada, bob, _, month) = try await Self.invoiced(coop)
        try await coop.coop.signIn.setRole(member: bob, role: .staff)
        try await coop.test { client in
            let desk = try await Browser.signedIn(client, coop, member: bob)
            let page = try await desk.get("/me/invoices/\(ada)")
            #expect(page.status == .ok && page.text.contains("Ada Lovelace, membre M-0001") && page.text.contains("21,04 $"))
            #expect(page.text.contains("href=\"/me/invoices?member=M-0001&amp;lang=fr\""))
            let list = try await desk.get("/me/invoices?member=M-0001")
            #expect(list.status == .ok && list.text.contains("Factures de Ada Lovelace") && list.text.contains(ada))
            #expect(list.text.contains("href=\"/me/statements/\(month)?member=M-0001&amp;lang=fr\""))
            #expect(try await desk.get("/me/statements/\(month)?member=M-0001").text.contains("Ada Lovelace, membre M-0001"))
        }
    }

    @Test func theMonthsStatementHasItsBalancesAndEntries() async throws {
        let coop = try await TestCoop.make()
        let (ada, _, _, month) = try await Self.invoiced(coop)
        _ = try await coop.coop.membership.addPayment(member: "M-0001", amount: Money(cents: 1000), method: .cash)
        let words = coop.coop.context.today().monthWords(.fr)
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let page = try await browser.get("/me/statements/\(month)")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("<h1>Relevé de \(words)</h1>"))
            #expect(text.contains("Épicerie &lt;Solidaire&gt; &amp; fils") && text.contains("Numéro de TVQ : 1234567890TQ0001"))
            #expect(text.contains("Solde au début du mois</th><td>0,00 $"))
            // The invoice, then the payment, each with the balance after it.
            #expect(text.contains("Facture \(ada)</td><td><a href=\"/me/invoices/\(ada)?lang=fr\">\(ada)</a></td><td class=\"amount\">21,04 $</td>"
                                  + "<td class=\"amount\">21,04 $</td>"))
            #expect(text.contains("<td class=\"amount\">-10,00 $</td><td class=\"amount\">11,04 $</td>"))
            #expect(text.contains("Solde à la fin du mois</th><td>11,04 $"))
            // A month before anything: the balances, and no entry.
            let empty = try await browser.get("/me/statements/2020-01")
            #expect(empty.status == .ok && empty.text.contains("Aucune opération ce mois-ci."))
            for bad in ["2026-13", "2026-1", "décembre", "2026-12-01"] {
                let page = try await browser.get("/me/statements/\(bad.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? bad)")
                #expect(page.status == .notFound, "\(bad)")
                #expect(page.text.contains("Cette adresse ne mène à aucune page."), "\(bad)")
            }
        }
    }

    @Test func aCreditNoteNamesTheInvoiceItCorrectsAndTheInvoiceItsCreditNotes() async throws {
        let coop = try await TestCoop.make()
        let (ada, _, _, _) = try await Self.invoiced(coop)
        let note = try await coop.coop.orders.creditNote(invoice: ada, reason: "Confiture manquante",
                                                          .lines([CreditLineInput(product: "CONF", quantity: Quantity(units: 1))]))
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let list = try await browser.get("/me/invoices").text
            let newest = try #require(list.range(of: note.number)), older = try #require(list.range(of: "/me/invoices/\(ada)?"))
            #expect(newest.lowerBound < older.lowerBound, "newest first")
            #expect(list.contains("<td>Note de crédit</td>"))
            let page = try await browser.get("/me/invoices/\(note.number)").text
            #expect(page.contains("<h1>Note de crédit \(note.number)</h1>"))
            #expect(page.contains("Cette note de crédit corrige la facture <a href=\"/me/invoices/\(ada)?lang=fr\">\(ada)</a>."))
            #expect(page.contains("Motif : Confiture manquante"))
            // 6,99 $ of jam with its taxes, 0,35 $ and 0,70 $, given back.
            #expect(page.contains("Total remboursé</th><td>8,04 $"))
            let invoice = try await browser.get("/me/invoices/\(ada)").text
            #expect(invoice.contains("Notes de crédit émises contre cette facture :"))
            #expect(invoice.contains("<a href=\"/me/invoices/\(note.number)?lang=fr\">\(note.number)</a>"))
        }
    }

    @Test func nobodySignedInIsSentToSignIn() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            for path in ["/me/invoices", "/me/invoices/2026-000001", "/me/statements/2026-12"] {
                let answer = try await client.execute(uri: path, method: .get)
                #expect(answer.status == .seeOther && answer.headers[.location] == "/login?next=\(path)&lang=fr", "\(path)")
            }
        }
    }
}
