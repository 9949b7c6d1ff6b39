import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Voting
@testable import CoopWeb
@testable import coop_api

/// The voting booth as the server renders it: the form and everything the script needs (what the
/// ballot signs, the API's address, every message in the page's language) while the election accepts
/// ballots; a notice in words otherwise. The signing itself runs in a browser: Tests/web/test_booth.py.
@Suite struct WebBoothTests {
    static func page(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await WebCatalogueTests.page(client, uri)
    }

    @Test func theBoothSaysWhenVotingOpensThenShowsTheFormInFrenchAndEnglish() async throws {
        let (coop, clock, definition, _) = try await TestCoop.electionWithCredentials()
        try await coop.test { client in
            // Credentials issued, before the opening time.
            let early = try await Self.page(client, "/vote/E-0001")
            #expect(early.status == .ok && early.headers[.contentType] == "text/html; charset=utf-8")
            #expect(early.text.contains("<title>Voter : Assemblée générale 2026 · Coop</title>"))
            #expect(early.text.contains("Le vote n’est pas encore ouvert : il ouvrira le 20 mars 2026 à 9 h."))
            #expect(!early.text.contains("<form") && !early.text.contains("booth.js"), "no booth before the opening")
            let earlyEnglish = try await Self.page(client, "/vote/E-0001?lang=en").text
            #expect(earlyEnglish.contains("Voting is not open yet: it opens on March 20, 2026 at 9:00 AM."))
            // The opening time has come, but the administrator has not opened the election yet.
            clock.set(TestCoop.votingOpens)
            let due = try await Self.page(client, "/vote/E-0001").text
            #expect(due.contains("Le vote devait ouvrir à 9 h, mais l’administration ne l’a pas encore ouvert"))
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/open", method: .post, headers: headers(token: coop.admin)).status == .ok)

            let booth = try await Self.page(client, "/vote/e-0001")
            let html = booth.text
            #expect(booth.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'self'") == true)
            #expect(html.contains("<h1>Assemblée générale 2026</h1>") && html.contains("Le vote ferme à 11 h."))
            #expect(html.contains(#"data-election="E-0001" data-election-hash="\#(definition.electionHash)" data-salt="\#(definition.salt)""#))
            #expect(html.contains(#"data-ballots="/api/v1/elections/E-0001/ballots" data-board="/board/E-0001" data-lang="fr""#))
            #expect(html.contains("<legend>Question 1 sur 2 : Adopter les états financiers ?</legend>"))
            #expect(html.contains(#"<input type="radio" id="q1-c0" name="q1" value="0"> <label for="q1-c0">Pour</label>"#))
            #expect(html.contains(#"<input type="checkbox" id="q2-c3" name="q2" value="3"> <label for="q2-c3">Di</label>"#))
            #expect(html.contains("Cochez jusqu’à 2 choix, ou aucun."))
            #expect(html.contains(#"data-error-count="Question 2 : vous en avez coché {count}. Cochez jusqu’à 2 choix, ou aucun.""#),
                    "the count is the script's to fill")
            // Said until the script runs and hides it.
            #expect(html.contains(#"<p id="booth-script-needed" class="notice info">Pour voter sur cette page, JavaScript doit être activé"#))
            #expect(html.contains("Votre code ne quitte jamais cet appareil"))
            #expect(html.contains(#"data-code-check="Ce code contient une faute de frappe"#))
            // The code field has no name: a form sent without the script could not carry the code.
            #expect(html.contains(#"<input id="code" autocomplete="off""#) && !html.contains(#"name="code""#))
            // One script, from a file: nothing inline.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(html.contains(#"<script type="module" src="/static/booth.js"></script>"#))

            let english = try await Self.page(client, "/vote/E-0001?lang=en").text
            #expect(english.contains("<title>Vote: Assemblée générale 2026 · Coop</title>") && english.contains("Voting closes at 11:00 AM."))
            #expect(english.contains("<legend>Question 2 of 2: Conseil</legend>") && english.contains("Tick up to 2 choices, or none."))
            #expect(english.contains(#"data-lang="en""#) && english.contains("To vote on this page, JavaScript must be turned on"))
            #expect(english.contains(#"data-code-check="This code has a typing mistake"#))

            let script = try await Self.page(client, "/static/booth.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("export async function signBallot"))

            // Closing time: the booth gives way to the board.
            clock.set(TestCoop.votingCloses)
            let closed = try await Self.page(client, "/vote/E-0001").text
            #expect(closed.contains("Le vote est fermé : il a fermé à 11 h.") && !closed.contains("<form"))
            #expect(closed.contains(#"<a href="/board/E-0001?lang=fr">Voir le registre public du scrutin"#))
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/close", method: .post, headers: headers(token: coop.admin)).status == .ok)
            clock.set(TestCoop.votingCloses.adding(seconds: 86_400))
            let later = try await Self.page(client, "/vote/E-0001?lang=en").text
            #expect(later.contains("Voting is closed: it closed on March 20, 2026 at 11:00 AM."))
            #expect(later.contains(#"<a href="/board/E-0001?lang=en">See the election’s public board"#))

            let missing = try await Self.page(client, "/vote/E-0099")
            #expect(missing.status == .notFound && missing.text.contains("Page introuvable") && missing.text.contains("Scrutin introuvable : E-0099."))
        }
    }

    @Test func namesAndChoicesAreEscapedAndRanksAreWordedInBothLanguages() async throws {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        let election = try await coop.coop.voting.createElection(NewElection(
            title: "<script>alert(1)</script> AG",
            questions: [Question(text: "Logo <b>", kind: .ranked, choices: [#"" onfocus="alert(1)"#, "Arbre & Cie", "Abeille"]),
                        Question(text: "Conseil", kind: .approval, choices: ["Ana", "Ben", "Cy"], min: 1, max: 2),
                        Question(text: "Trésorière", kind: .approval, choices: ["Zoé", "Yves"], min: 1, max: 1)],
            opens: TestCoop.votingOpens, closes: TestCoop.votingCloses))
        _ = try await coop.coop.voting.issueCredentials(election.id)
        clock.set(TestCoop.votingOpens)
        _ = try await coop.coop.voting.open(election.id)
        try await coop.test { client in
            let html = try await Self.page(client, "/vote/E-0001").text
            #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; AG</h1>") && !html.contains("<script>alert"))
            #expect(html.contains("<legend>Question 1 sur 3 : Logo &lt;b&gt;</legend>"))
            #expect(html.contains(#"<option value="0">&quot; onfocus=&quot;alert(1)</option>"#) && !html.contains(#"" onfocus=""#))
            #expect(html.contains("<option value=\"1\">Arbre &amp; Cie</option>"))
            #expect(html.contains(#"<label for="q1-r1">1er choix</label>"#) && html.contains(#"<label for="q1-r3">3e choix</label>"#))
            #expect(html.contains(#"<select id="q1-r2" data-rank="2">"#) && html.contains("<option value=\"\">(aucun)</option>"))
            #expect(html.contains(#"data-error-twice="Question 1 : « {choice} » est classé deux fois.""#))
            #expect(html.contains("Cochez de 1 à 2 choix.") && html.contains("Cochez exactement 1 choix."))
            let english = try await Self.page(client, "/vote/E-0001?lang=en").text
            #expect(english.contains(#"<label for="q1-r1">1st choice</label>"#) && english.contains(#"<label for="q1-r2">2nd choice</label>"#)
                    && english.contains(#"<label for="q1-r3">3rd choice</label>"#))
            #expect(english.contains("Tick 1 to 2 choices.") && english.contains("Tick exactly 1 choice."))
        }
        #expect(["1er", "2e", "11e"] == [1, 2, 11].map { WebText.ordinal($0, .fr) })
        #expect(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
                    == [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map { WebText.ordinal($0, .en) })
    }
}
