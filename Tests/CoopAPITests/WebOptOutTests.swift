import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Testing
@testable import coop_api

/// The opt-out link at the foot of a reminder: the page asks (a GET changes nothing), the button or a
/// mail program's one-click post turns that kind off; a forged link is refused in words.
@Suite struct WebOptOutTests {
    static func link(_ coop: TestCoop, member: String = "M-0001", topic: String = "loans") throws -> String {
        let signature = try OutboxKey.forDatabase(coop.path).linkSignature("\(member)\n\(topic)")
        return "/notices/opt-out?member=\(member)&topic=\(topic)&sig=\(signature)"
    }

    static func loansEnabled(_ coop: TestCoop) async throws -> Bool {
        try await coop.coop.notifications.preferences(member: "M-0001").first { $0.topic == .loans }?.enabled ?? false
    }

    @Test func theLinkAsksThenTheButtonTurnsLoanRemindersOff() async throws {
        let coop = try await TestCoop.make()
        let link = try Self.link(coop)
        let signature = String(link.split(separator: "=").last!)
        try await coop.test { client in
            try await client.execute(uri: link, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>Ne plus recevoir les rappels d’emprunts ?</h1>"))
                #expect(response.text.contains("Les factures et les codes de vote vous seront toujours envoyés"))
            }
            #expect(try await Self.loansEnabled(coop), "showing the page changes nothing")
            let form = "member=M-0001&topic=loans&sig=\(signature)"
            try await client.execute(uri: "/notices/opt-out?lang=en", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("You will no longer receive loan reminders."))
            }
            #expect(try await !Self.loansEnabled(coop))
        }
    }

    @Test func aMailProgramsOneClickPostTurnsThemOff() async throws {
        let coop = try await TestCoop.make()
        let link = try Self.link(coop, topic: "cycles")
        try await coop.test { client in
            try await client.execute(uri: link, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "List-Unsubscribe=One-Click")) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try await coop.coop.notifications.preferences(member: "M-0001").first { $0.topic == .cycles }?.enabled == false)
    }

    @Test func aForgedOrAlteredLinkIsRefusedAndChangesNothing() async throws {
        let coop = try await TestCoop.make()
        let link = try Self.link(coop)
        try await coop.test { client in
            for uri in [link.replacingOccurrences(of: "topic=loans", with: "topic=cycles"),
                        "/notices/opt-out?member=M-0001&topic=loans&sig=AAAA", "/notices/opt-out?member=M-0001"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(response.text.contains("Ce lien de désabonnement n’est pas valide"))
                }
                try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "")) { response in
                    #expect(response.status == .forbidden)
                }
            }
        }
        #expect(try await coop.coop.notifications.preferences(member: "M-0001").allSatisfy(\.enabled))
    }
}

/// The member's own page lists the kinds of reminders with a box each; unticking one turns it off.
@Suite struct WebNoticePreferencesTests {
    typealias Browser = WebSignInTests.Browser

    @Test func aMemberUnticksCycleNoticesOnTheirPage() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let browser = try await Browser.signedIn(client, coop)
            let page = try await browser.get("/me")
            #expect(page.text.contains("<h2 id=\"notices-heading\">Mes rappels par courriel</h2>"))
            #expect(page.text.contains(#"<input type="checkbox" id="topic-cycles" name="topic" value="cycles" checked> <label for="topic-cycles">Avis de cycles de commande</label>"#))
            let answer = try await browser.post("/me/notices", [("csrf", Browser.csrf(page) ?? ""), ("topic", "loans"), ("topic", "membership")])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/me?done=notices")
            let after = try await browser.get("/me?done=notices&lang=en")
            #expect(after.text.contains("Your reminders are saved."))
            #expect(after.text.contains(#"<input type="checkbox" id="topic-cycles" name="topic" value="cycles"> <label for="topic-cycles">Order cycle notices</label>"#))
            // Without the page's form token nothing changes.
            let forged = try await browser.post("/me/notices", [("topic", "loans")])
            #expect(forged.status == .forbidden)
        }
        let preferences = try await coop.coop.notifications.preferences(member: "M-0001")
        #expect(preferences.map(\.enabled) == [true, false, true])
    }
}
