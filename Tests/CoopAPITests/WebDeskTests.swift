import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Lending
import Membership
import Orders
import Testing
@testable import coop_api

/// The desk screens: a volunteer (a member with the staff role) scans a card and items, checks them
/// out with a receipt, checks one in late and sees the fee, and learns at once who was waiting for it;
/// the lists of the day and the pickup lists. Lending decides every step.
@Suite struct WebDeskTests {
    typealias Browser = WebSignInTests.Browser

    /// Ada (M-0001) borrows; Bob (M-0002) is the volunteer; Chloé (M-0003) waits for tools. Loans last
    /// 7 days at 1,00 $ a day late.
    static func desk(clock: FixedClock) async throws -> TestCoop {
        let coop = try await TestCoop.make(clock: clock)
        for (first, last) in [("Bob", "Bénévole"), ("Chloé", "Lovelace")] {
            _ = try await coop.coop.membership.addMember(NewMember(firstName: first, lastName: last, email: "\(first.lowercased())@example.org",
                                                                   plan: "Annuel"))
        }
        try await coop.coop.signIn.setRole(member: "M-0002", role: .staff)
        _ = try await coop.coop.lending.setPolicy(LoanPolicyInput(loanDays: 7, maxRenewals: 1, feePerDay: Money(cents: 100), graceDays: 0,
                                                                  feeCap: Money(cents: 2_000)))
        for (code, name) in [("T-1", "Perceuse"), ("T-2", "Scie <sauteuse>"), ("T-3", "Ponceuse")] {
            _ = try await coop.coop.inventory.addItem(NewItem(code: code, name: name, category: "Outils", quantity: 1), createPaths: true)
        }
        return coop
    }

    /// Types `text` in the desk's field and presses Enter, from the desk page `page`.
    static func scan(_ browser: Browser, _ page: TestResponse, _ text: String) async throws -> TestResponse {
        let member = Self.hidden("member", in: page), items = Self.hidden("items", in: page) ?? ""
        var fields = [("csrf", Browser.csrf(page) ?? ""), ("items", items), ("scan", text)]
        if let member { fields.append(("member", member)) }
        let answer = try await browser.post("/desk/scan", fields)
        #expect(answer.status == .seeOther, "a scan always answers with the desk to show next")
        return try await browser.get(answer.headers[.location] ?? "/desk")
    }

    static func hidden(_ name: String, in page: TestResponse) -> String? {
        guard let range = page.text.range(of: "type=\"hidden\" name=\"\(name)\" value=\"") else { return nil }
        return String(page.text[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func aVolunteerChecksOutThreeToolsByScansThenOneComesBackLateWithItsFee() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await Self.desk(clock: clock)
        try await coop.test { client in
            let bob = try await Browser.signedIn(client, coop, member: "M-0002")
            var page = try await bob.get("/desk")
            #expect(page.status == .ok && page.text.contains("<h1>Comptoir de prêt</h1>") && page.text.contains("autofocus"))
            page = try await Self.scan(bob, page, "m-0001")
            #expect(page.text.contains(#"<h2 id="panel">Ada Lovelace · <span class="nowrap">M-0001</span>"#) && page.text.contains("Aucun emprunt en cours."))
            for code in ["T-1", "t-2", "T-3"] { page = try await Self.scan(bob, page, code) }
            #expect(page.text.contains("Tout prêter (3 objets)") && page.text.contains("Scie &lt;sauteuse&gt; (T-2)"))
            #expect(try await coop.coop.lending.loans(LoanFilter(open: true)).items.isEmpty, "scanning lends nothing yet")

            let lent = try await bob.post("/desk/checkout?lang=fr", [("csrf", Browser.csrf(page) ?? ""), ("member", "M-0001"),
                                                                      ("items", Self.hidden("items", in: page) ?? "")])
            let location = try #require(lent.headers[.location])
            #expect(lent.status == .seeOther && location.hasPrefix("/desk/receipt?member=M-0001&loans=1,2,3"))
            let receipt = try await bob.get(location)
            let due = coop.coop.context.today().adding(days: 7).words(.fr)
            #expect(receipt.text.contains("Reçu de prêt") && receipt.text.contains("Perceuse (T-1) — À rendre le \(due)"))
            #expect(receipt.text.contains("Ponceuse (T-3)") && receipt.text.contains("Membre suivant"))
            #expect(try await coop.coop.lending.loans(LoanFilter(member: "M-0001", open: true)).items.count == 3)
            // Reloading the receipt lends nothing more.
            _ = try await bob.get(location)
            #expect(try await coop.coop.lending.loans(LoanFilter(open: true)).items.count == 3)

            // Ten days later the drill comes back: three days late, 3,00 $, said at once and once.
            clock.set(clock.now().adding(seconds: 10 * 86_400))
            let later = try await Browser.signedIn(client, coop, member: "M-0002")
            page = try await Self.scan(later, try await later.get("/desk"), "T-1")
            #expect(page.text.contains("« Perceuse » est rentré (prêté à M-0001)."))
            #expect(page.text.contains("Rendu avec 3 jours de retard : 3,00 $ de frais, ajoutés au compte du membre."))
            #expect(!(try await later.get("/desk")).text.contains("« Perceuse » est rentré"), "a notice is said once")
            #expect(try await coop.coop.lending.account(member: "M-0001").fees.map(\.amount) == [Money(cents: 300)])
            let english = try await Self.scan(later, try await later.get("/desk?lang=en"), "T-3")
            #expect(english.text.contains("&quot;Ponceuse&quot; is back in (lent to M-0001).") && english.text.contains("a fee of $3.00"))
        }
    }

    @Test func whatLendingRefusesIsSaidInWordsAndLendsNothing() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await Self.desk(clock: clock)
        _ = try await coop.coop.lending.checkOut(item: "T-1", member: "M-0001")
        try await coop.test { client in
            let bob = try await Browser.signedIn(client, coop, member: "M-0002")
            // Chloé's card, then the drill Ada has and the free saw: the saw is lent, the drill is not, with why.
            var page = try await Self.scan(bob, try await bob.get("/desk"), "3")
            #expect(page.text.contains(#"<h2 id="panel">Chloé Lovelace · <span class="nowrap">M-0003</span>"#))
            page = try await Self.scan(bob, page, "T-1")
            page = try await Self.scan(bob, page, "T-2")
            let answer = try await bob.post("/desk/checkout?lang=fr", [("csrf", Browser.csrf(page) ?? ""), ("member", "M-0003"),
                                                                       ("items", Self.hidden("items", in: page) ?? "")])
            let receipt = try await bob.get(try #require(answer.headers[.location]))
            #expect(receipt.text.contains("T-1 n’est pas prêté : ") && receipt.text.contains("role=\"alert\""))
            #expect(receipt.text.contains("Scie &lt;sauteuse&gt; (T-2)") && !receipt.text.contains("Perceuse (T-1) —"))
            #expect(try await coop.coop.lending.loans(LoanFilter(member: "M-0003", open: true)).items.map(\.item) == ["T-2"])

            // A suspended member: nothing is lent, the desk stays open on her with the reason.
            _ = try await coop.coop.membership.suspend("M-0003", reason: "cotisation impayée")
            page = try await Self.scan(bob, try await bob.get("/desk?member=M-0003"), "T-3")
            let refused = try await bob.post("/desk/checkout?lang=fr", [("csrf", Browser.csrf(page) ?? ""), ("member", "M-0003"), ("items", "T-3")])
            #expect(refused.headers[.location] == "/desk?member=M-0003&items=T-3&lang=fr")
            let back = try await bob.get("/desk?member=M-0003&items=T-3&lang=fr")
            #expect(back.text.contains("T-3 n’est pas prêté : ") && back.text.contains("Tout prêter (1 objet)"))
            #expect(try await coop.coop.lending.loans(LoanFilter(item: "T-3", open: true)).items.isEmpty)

            // Something that is neither a card, an item nor a member.
            let nothing = try await Self.scan(bob, try await bob.get("/desk"), "zzz-inconnu")
            #expect(nothing.text.contains("Rien ne correspond à « zzz-inconnu »"))
        }
    }

    @Test func aReturnSaysAtOnceWhoWasWaitingAndTheDeskFindsMembersByName() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await Self.desk(clock: clock)
        _ = try await coop.coop.lending.checkOut(item: "T-2", member: "M-0001")
        _ = try await coop.coop.lending.placeHold(item: "T-2", member: "M-0003")
        try await coop.test { client in
            let bob = try await Browser.signedIn(client, coop, member: "M-0002")
            let page = try await Self.scan(bob, try await bob.get("/desk"), "T-2")
            #expect(page.text.contains("Mettez-le de côté : il est maintenant gardé pour M-0003, qui l’attendait"))
            // Two Lovelaces: the desk lists both; her first name alone opens Chloé, with the saw kept for her.
            let both = try await Self.scan(bob, try await bob.get("/desk"), "Lovelace")
            #expect(both.text.contains("Plusieurs membres correspondent à « Lovelace »") && both.text.contains("Ada Lovelace · M-0001</a>"))
            let chloe = try await Self.scan(bob, try await bob.get("/desk"), "Chloé")
            #expect(chloe.text.contains(#"<h2 id="panel">Chloé Lovelace · <span class="nowrap">M-0003</span>"#) && chloe.text.contains("Gardé pour ce membre : à lui remettre"))
            #expect(chloe.text.contains("Scie &lt;sauteuse&gt; (T-2)"))
            let today = try await bob.get("/desk/today")
            #expect(today.status == .ok && today.text.contains("Gardés pour un membre sur liste d’attente") && today.text.contains("M-0003"))
        }
    }

    @Test func onlyStaffUseTheDeskAndNobodySignedInIsSentToSignIn() async throws {
        let coop = try await Self.desk(clock: FixedClock(Instant.now()))
        try await coop.test { client in
            let anonymous = try await client.execute(uri: "/desk", method: .get)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login?next=/desk&lang=fr")
            let ada = try await Browser.signedIn(client, coop, member: "M-0001")
            for path in ["/desk", "/desk/today", "/desk/pickup/1"] {
                let refused = try await ada.get(path)
                #expect(refused.status == .forbidden, "\(path)")
            }
            let page = try await ada.get("/me")
            let scan = try await ada.post("/desk/scan", [("csrf", Browser.csrf(page) ?? ""), ("scan", "T-1")])
            #expect(try await ada.get(scan.headers[.location] ?? "/desk").status == .forbidden)
            #expect(try await coop.coop.lending.loans(LoanFilter()).items.isEmpty)
        }
    }

    @Test func theFoodCoopsPickupListGroupsBagsByPickupPoint() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await Self.desk(clock: clock)
        let cycle = try await OrderRouteTests.seed(coop)
        _ = try await coop.coop.orders.addPickupPoint(NewPickupPoint(name: "Centre-Sud"))
        _ = try await coop.coop.orders.setOrder(cycle: cycle, member: "M-0001", pickup: "Plateau",
                                                lines: [OrderLineInput(product: "OEUFS", quantity: Quantity(units: 2))])
        _ = try await coop.coop.orders.setOrder(cycle: cycle, member: "M-0003", pickup: "Plateau",
                                                lines: [OrderLineInput(product: "CONF", quantity: Quantity(units: 1))])
        try await coop.test { client in
            let bob = try await Browser.signedIn(client, coop, member: "M-0002")
            let today = try await bob.get("/desk/today")
            #expect(today.text.contains("href=\"/desk/pickup/\(cycle)?lang=fr\">Semaine 1</a>"))
            let list = try await bob.get("/desk/pickup/\(cycle)")
            #expect(list.status == .ok && list.text.contains("<h1>Cueillette : Semaine 1</h1>"))
            #expect(list.text.contains("Plateau · 2 paniers à remettre"))
            #expect(list.text.contains("<h3>Ada Lovelace · M-0001</h3>") && list.text.contains("2 douzaines × Œufs (OEUFS)"))
            #expect(list.text.contains("1 × Confiture (CONF)"))
            #expect(try await bob.get("/desk/pickup/\(cycle)?lang=en").text.contains("2 dozen × Œufs"))
            #expect(try await bob.get("/desk/pickup/999").status == .notFound)
        }
    }
}
