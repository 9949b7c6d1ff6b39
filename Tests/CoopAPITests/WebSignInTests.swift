import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import CoopWeb
import Lending
import Membership
import Testing
@testable import coop_api

/// Signing in to the web pages: a session in Coop's database behind an HttpOnly, SameSite=Lax cookie,
/// a form token on every form (a forged post gets 403 and changes nothing), no open redirect, and a
/// member's own page with the actions Lending allows.
@Suite struct WebSignInTests {
    /// A browser's cookie jar, reduced to the one cookie each of Coop's pages sets.
    final class Browser: @unchecked Sendable {
        var cookies: [String: String] = [:]
        let client: any TestClientProtocol
        init(_ client: any TestClientProtocol) { self.client = client }

        func get(_ uri: String) async throws -> TestResponse {
            try await send(uri, .get, body: nil)
        }

        func post(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
            let form = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            return try await send(uri, .post, body: form)
        }

        func send(_ uri: String, _ method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
            var headers = HTTPFields()
            if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
            if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            for line in response.headers[values: .setCookie] {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                if Self.expired(line) { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair.count > 1 ? pair[1] : "" }
            }
            return response
        }

        /// A browser signed in as `member` with a one-time code from the desk.
        static func signedIn(_ client: any TestClientProtocol, _ coop: TestCoop, member: String = "M-0001") async throws -> Browser {
            let code = try await coop.coop.signIn.issueCode(member: member).code
            let email = try await coop.coop.membership.member(member).email ?? ""
            let browser = Browser(client)
            let form = try await browser.get("/login")
            let answer = try await browser.post("/login", [("csrf", csrf(form) ?? ""), ("email", email), ("password", code)])
            guard answer.status == .seeOther else { throw TestFailure("sign-in refused: \(answer.text)") }
            return browser
        }

        /// A cookie set to expire now or before: the server is removing it.
        static func expired(_ line: String) -> Bool {
            if line.contains("Max-Age=0") { return true }
            guard let range = line.range(of: "Expires=") else { return false }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            let text = String(line[range.upperBound...].prefix { $0 != ";" })
            return formatter.date(from: text).map { $0 <= Date().addingTimeInterval(1) } ?? false
        }

        /// The form token of the last page, as a browser would post it back.
        static func csrf(_ page: TestResponse) -> String? {
            guard let range = page.text.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(page.text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func aMemberSignsInWithTheDesksCodeThenSetsAPassword() async throws {
        let coop = try await TestCoop.make()
        let code = try await coop.coop.signIn.issueCode(member: "M-0001").code
        try await coop.test { client in
            let browser = Browser(client)
            #expect(try await browser.get("/me").headers[.location] == "/login?next=/me&lang=fr", "nobody signed in: to the sign-in page")
            let form = try await browser.get("/login?next=/me")
            #expect(form.status == .ok && form.text.contains("Mot de passe ou code"))
            let cookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("coop_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let anonymousKey = browser.cookies["coop_session"]
            let token = try #require(Browser.csrf(form))

            let wrong = try await browser.post("/login", [("csrf", token), ("email", "ada@example.org"), ("password", "00000000")])
            #expect(wrong.status == .unauthorized && wrong.text.contains("Adresse courriel, mot de passe ou code incorrect"))

            let signedIn = try await browser.post("/login", [("csrf", token), ("email", "ADA@example.org"), ("password", code), ("next", "/me")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/me")
            #expect(browser.cookies["coop_session"] != anonymousKey, "a new session key on sign-in")
            let me = try await browser.get("/me")
            #expect(me.status == .ok && me.text.contains("Ada Lovelace") && me.text.contains("Se déconnecter"))
            #expect(me.headers[.cacheControl] == "private, no-store")

            let again = try await Browser(client).post("/login", [("email", "ada@example.org"), ("password", code)])
            #expect(again.status == .forbidden, "no session, no form token")
            let meToken = try #require(Browser.csrf(me))
            let short = try await browser.post("/me/password", [("csrf", meToken), ("password", "court")])
            #expect(short.status == .unprocessableContent && short.text.contains("au moins 8 caractères"))
            let saved = try await browser.post("/me/password", [("csrf", meToken), ("password", "trois petits chats")])
            #expect(saved.headers[.location] == "/me?done=password")
            #expect(try await browser.get("/me?done=password").text.contains("Votre mot de passe est enregistré."))

            let out = try await browser.post("/logout", [("csrf", meToken)])
            #expect(out.status == .seeOther && browser.cookies["coop_session"] == nil)
            #expect(try await browser.get("/me").status == .seeOther, "signed out")

            let next = Browser(client)
            let login = try await next.get("/login?lang=en")
            #expect(login.text.contains("Password or code"))
            let reused = try await next.post("/login", [("csrf", try #require(Browser.csrf(login))), ("email", "ada@example.org"), ("password", code)])
            #expect(reused.status == .unauthorized && reused.text.contains("Wrong e-mail address, password or code"), "a code works once")
            let withPassword = try await next.post("/login", [("csrf", try #require(Browser.csrf(login))), ("email", "ada@example.org"),
                                                              ("password", "trois petits chats"), ("next", "//evil.example/steal")])
            #expect(withPassword.headers[.location] == "/me", "never to another site")
            #expect(try await next.get("/me").text.contains("<html lang=\"en\">"), "the language chosen before signing in stays")
        }
    }

    @Test func aForgedPostIsRefusedAndChangesNothing() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(.init(code: "T-1", name: "Perceuse", category: "Outils", quantity: 1), createPaths: true)
        let code = try await coop.coop.signIn.issueCode(member: "M-0001").code
        try await coop.test { client in
            let browser = Browser(client)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", [("csrf", try #require(Browser.csrf(form))), ("email", "ada@example.org"), ("password", code)])
            // Another site's page posting with the member's cookie, but without the form token it cannot read.
            let forged = try await browser.post("/catalogue/T-1/hold", [("csrf", "guessed")])
            #expect(forged.status == .forbidden && forged.text.contains("Rien n’a été fait"))
            let missing = try await browser.post("/catalogue/T-1/hold", [])
            #expect(missing.status == .forbidden)
            #expect(try await coop.coop.lending.holds(member: "M-0001").isEmpty)
        }
    }

    @Test func repeatedFailuresLockTheAccountForAWhile() async throws {
        let coop = try await TestCoop.make()
        try await coop.test { client in
            let browser = Browser(client)
            let token = try #require(Browser.csrf(try await browser.get("/login")))
            for _ in 1..<SignInService.maxFailures {
                let wrong = try await browser.post("/login", [("csrf", token), ("email", "ada@example.org"), ("password", "mauvais!")])
                #expect(wrong.status == .unauthorized)
            }
            let locked = try await browser.post("/login", [("csrf", token), ("email", "ada@example.org"), ("password", "mauvais!")])
            #expect(locked.status == .tooManyRequests && locked.text.contains("Trop d’essais manqués"))
            let stranger = try await browser.post("/login", [("csrf", token), ("email", "nobody@example.org"), ("password", "mauvais!")])
            #expect(stranger.status == .unauthorized, "an unknown address reads as a wrong password")
        }
    }

    @Test func cookiesAreSecureWhenServedOverHTTPS() async throws {
        let coop = try await TestCoop.make()
        try await coop.test(secureCookies: true) { client in
            let form = try await client.execute(uri: "/login", method: .get)
            #expect(form.headers[values: .setCookie].contains { $0.hasPrefix("coop_session=") && $0.contains("Secure") })
        }
    }

    @Test func aMemberReservesForTheWeekendAndCancelsFromTheirPage() async throws {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(.init(code: "T-1", name: "Perceuse <b>", category: "Outils", quantity: 1), createPaths: true)
        let code = try await coop.coop.signIn.issueCode(member: "M-0001").code
        try await coop.test { client in
            let browser = Browser(client)
            #expect(try await browser.get("/catalogue/T-1").text.contains("Connectez-vous pour réserver"))
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", [("csrf", try #require(Browser.csrf(form))), ("email", "ada@example.org"), ("password", code)])
            let item = try await browser.get("/catalogue/T-1")
            #expect(item.text.contains("Réserver ces dates") && item.text.contains("Perceuse &lt;b&gt;"))
            let token = try #require(Browser.csrf(item))
            let saturday = LocalDate.nextSaturday(after: coop.coop.context.today())
            let reserved = try await browser.post("/catalogue/T-1/reserve", [("csrf", token), ("from", saturday.iso8601),
                                                                             ("to", saturday.adding(days: 1).iso8601)])
            #expect(reserved.headers[.location] == "/me?done=reserved")
            let me = try await browser.get("/me?done=reserved")
            #expect(me.text.contains("C’est réservé") && me.text.contains("Annuler la réservation de « Perceuse &lt;b&gt; »"))
            let backwards = try await browser.post("/catalogue/T-1/reserve", [("csrf", token), ("from", saturday.adding(days: 1).iso8601),
                                                                              ("to", saturday.iso8601)])
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("Retour à l’article"))
            let id = try await coop.coop.lending.reservations(ReservationFilter(member: "M-0001")).items[0].id
            let cancelled = try await browser.post("/me/reservations/\(id)/cancel", [("csrf", token)])
            #expect(cancelled.headers[.location] == "/me?done=reservation-cancelled")
            #expect(try await browser.get("/me").text.contains("Aucune réservation à venir."))
        }
    }
}
