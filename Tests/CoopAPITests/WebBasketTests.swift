import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Orders
import Testing
@testable import coop_api

/// `/basket`: a member fills the open cycle's basket, sees the taxes and the time left, and an edit
/// after the close is refused in words with what they typed kept on the page.
@Suite struct WebBasketTests {
    typealias Browser = WebSignInTests.Browser

    @Test func aMemberFillsTheirBasketAndSeesTheTaxes() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await TestCoop.make(clock: clock)
        let cycle = try await OrderRouteTests.seed(coop)
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let page = try await browser.get("/basket")
            #expect(page.status == .ok && page.text.contains("Ferme Tournesol") && page.text.contains("reste 10"))
            #expect(page.text.contains("6,50 $ à la douzaine") && page.text.contains("(encore 2 j 0 h)"))
            let token = try #require(Browser.csrf(page))
            let saved = try await browser.post("/basket", [("csrf", token), ("cycle", String(cycle)), ("q.OEUFS", "2"), ("q.CONF", "1"),
                                                           ("pickup", "Plateau")])
            #expect(saved.status == .seeOther && saved.headers[.location] == "/basket?done=saved")
            let after = try await browser.get("/basket?done=saved")
            // 2 × 6,50 $ of eggs (zero-rated) and 6,99 $ of jam, taxed: GST 0,35 $, QST 0,70 $.
            #expect(after.text.contains("Votre panier est enregistré") && after.text.contains("19,99 $"))
            #expect(after.text.contains("0,35 $") && after.text.contains("0,70 $") && after.text.contains("21,04 $"))
            #expect(after.text.contains("reste 8"), "the eggs are set aside")
            let english = try await browser.get("/basket?lang=en")
            #expect(english.text.contains("GST") && english.text.contains("$21.04") && english.text.contains("by the dozen"))
        }
    }

    @Test func anEditAfterTheCloseIsRefusedInWordsAndNothingIsLost() async throws {
        let clock = FixedClock(Instant.now())
        let coop = try await TestCoop.make(clock: clock)
        let cycle = try await OrderRouteTests.seed(coop)
        try await coop.test { client in
            // A minute after the close, which staff have not run yet: the page still offers the basket.
            // (From the cycle's own closing time: the seed reads the wall clock, which a loaded machine
            // may have moved on by more than a minute since this test's clock was set.)
            clock.set(try await coop.coop.orders.cycle(cycle).closes.adding(seconds: 60))
            let browser = try await Browser.signedIn(client, coop)
            let page = try await browser.get("/basket")
            let late = try await browser.post("/basket", [("csrf", try #require(Browser.csrf(page))), ("cycle", String(cycle)),
                                                          ("q.OEUFS", "3"), ("pickup", "Plateau")])
            #expect(late.status == .conflict && late.text.contains("Votre panier n’a pas été enregistré"))
            #expect(late.text.contains("value=\"3\""), "what the member typed is still on the page")
            #expect(try await coop.coop.orders.order(cycle: cycle, member: "M-0001") == nil)
        }
    }

    @Test func nobodySignedInIsSentToSignIn() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let answer = try await client.execute(uri: "/basket", method: .get)
            #expect(answer.status == .seeOther && answer.headers[.location] == "/login?next=/basket&lang=fr")
        }
    }
}
