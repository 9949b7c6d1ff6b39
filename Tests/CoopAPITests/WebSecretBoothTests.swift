import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Voting
@testable import CoopWeb
@testable import coop_api

/// The booth of a secret election (coop-voting-2) as the server renders it: what `Static/p256.js` needs
/// to encrypt (the election key, each question's kind, choices, min and max), the words it shows, and
/// the scripts' hash that lets a member check what they ran. The encryption itself runs in a browser:
/// Tests/web/test_secret_booth.py.
@Suite struct WebSecretBoothTests {
    @Test func aSecretBoothCarriesTheElectionKeyAndSaysTheVoteIsEncrypted() async throws {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        try await coop.addVoters(2)
        let draft = try await coop.coop.voting.createElection(NewElection(
            title: "AG secrète",
            questions: [Question(text: "Adopter ?", kind: .single, choices: ["Pour", "Contre"]),
                        Question(text: "Conseil", kind: .approval, choices: ["Ana", "Ben", "Cy"], min: 1, max: 2),
                        Question(text: "Logo", kind: .ranked, choices: ["Soleil", "Arbre", "Abeille"])],
            opens: TestCoop.votingOpens, closes: TestCoop.votingCloses), secret: true)
        let teller = try TellerKey.generate(election: draft.id, salt: draft.salt)
        _ = try await coop.coop.voting.registerTeller(draft.id, publicKey: teller.publicJSON)
        let definition = try #require(try await coop.coop.voting.issueCredentials(draft.id).election.definition)
        let publicKey = try #require(definition.publicKey)
        clock.set(TestCoop.votingOpens)
        _ = try await coop.coop.voting.open(draft.id)
        try await coop.test { client in
            let html = try await WebBoothTests.page(client, "/vote/E-0001").text
            #expect(html.contains(#"data-lang="fr" data-secret="true" data-public-key="\#(publicKey)">"#))
            #expect(html.contains(#"<fieldset class="question" id="q1" data-kind="single" data-choices="2""#))
            #expect(html.contains(#"id="q2" data-kind="approval" data-choices="3" data-min="1" data-max="2""#))
            #expect(html.contains(#"id="q3" data-kind="ranked" data-choices="3""#))
            #expect(html.contains("Vote secret : vos réponses sont chiffrées sur cet appareil avant l’envoi."))
            #expect(html.contains(#"data-encrypting="Chiffrement de votre bulletin…"#))
            // One script: booth.js imports p256.js, which the page fetches ahead.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(html.contains(#"<link rel="modulepreload" href="/static/p256.js">"#))

            let booth = try await WebBoothTests.page(client, "/static/booth.js")
            let p256 = try await WebBoothTests.page(client, "/static/p256.js")
            #expect(p256.status == .ok && p256.headers[.contentType] == "text/javascript; charset=utf-8" && p256.headers[.cacheControl] == "no-cache")
            #expect(p256.text.contains("export async function encryptAnswers") && booth.text.contains(#"from "./p256.js""#))
            // The hash a member can recompute from what the server serves: p256.js, then booth.js.
            let hash = SHA256.hex(Array(p256.text.utf8) + Array(booth.text.utf8))
            #expect(html.contains(#"empreinte SHA-256 de p256.js suivi de booth.js : <code id="booth-script-hash">\#(hash)</code>"#))
            // The board's setup committed to the same scripts when the codes were issued: no warning.
            #expect(definition.booth == hash)
            #expect(html.contains(#"Empreinte inscrite au tableau de ce scrutin quand les codes ont été émis : <code id="booth-board-hash">\#(hash)</code>"#))
            #expect(!html.contains("booth-script-changed"))
            let english = try await WebBoothTests.page(client, "/vote/E-0001?lang=en").text
            #expect(english.contains("Secret ballot: your answers are encrypted on this device before they are sent."))
            #expect(english.contains(#"SHA-256 fingerprint of p256.js followed by booth.js: <code id="booth-script-hash">\#(hash)</code>"#))
            #expect(english.contains(#"data-encrypt-failed="Your ballot could not be encrypted on this device, and nothing was sent."#))
        }
    }

    @Test func aBoothInTheClearHasNoElectionKeyButTheSameHash() async throws {
        let (coop, clock, _, _) = try await TestCoop.electionWithCredentials()
        clock.set(TestCoop.votingOpens)
        _ = try await coop.coop.voting.open("E-0001")
        try await coop.test { client in
            let html = try await WebBoothTests.page(client, "/vote/E-0001").text
            #expect(html.contains(#"data-lang="fr">"#) && !html.contains("data-secret") && !html.contains("data-public-key"))
            #expect(!html.contains("Vote secret"))
            let pages = try WebPages()
            #expect(html.contains(#"<code id="booth-script-hash">\#(pages.boothScriptHash)</code>"#))
            #expect(!html.contains("booth-board-hash"), "coop-voting-1's setup holds no booth fingerprint")
        }
    }

    /// A server whose booth changed after the codes were issued (an upgrade mid-election, or a server
    /// serving another script) says so above the form, in the member's language.
    @Test func aBoothWhoseScriptsAreNotTheOnesOnTheBoardWarnsBeforeTheForm() async throws {
        let coop = try await TestCoop.makeForVoting(clock: FixedClock(TestCoop.votingStart))
        try await coop.addVoters(1)
        let draft = try await coop.coop.voting.createElection(NewElection(
            title: "AG", questions: [Question(text: "Adopter ?", kind: .single, choices: ["Pour", "Contre"])],
            opens: TestCoop.votingOpens, closes: TestCoop.votingCloses), secret: true)
        _ = try await coop.coop.voting.registerTeller(draft.id, publicKey: try TellerKey.generate(election: draft.id, salt: draft.salt).publicJSON)
        let election = try await coop.coop.voting.issueCredentials(draft.id).election
        let d = try #require(election.definition)
        let other = ElectionDefinition(id: d.id, title: d.title, questions: d.questions, opens: d.opens, closes: d.closes, cutoff: d.cutoff,
                                       quorumPercent: d.quorumPercent, salt: d.salt, tellers: d.tellers, booth: String(repeating: "ab", count: 32))
        let pages = try WebPages()
        for (language, words) in [(Language.fr, "Attention : le programme de vote de cette page n’est pas celui inscrit au tableau de ce scrutin."),
                                  (.en, "Warning: this page’s voting program is not the one written on this election’s board.")] {
            for (definition, warned) in [(d, false), (other, true)] {
                let values = BoothPage.booth(election, definition, now: TestCoop.votingOpens, timeZone: .gmt, scriptHash: pages.boothScriptHash, language)
                let html = pages.library.render(values, withTemplate: "booth") ?? ""
                let form = try #require(html.range(of: #"<form id="booth""#))
                guard let warning = html.range(of: #"<p id="booth-script-changed" class="error" role="alert">"#) else {
                    #expect(!warned, "\(language): a booth whose scripts differ from the board's must warn")
                    continue
                }
                #expect(warned, "\(language): no warning when the scripts are the board's")
                #expect(html[warning.upperBound...].hasPrefix(words))
                #expect(warning.lowerBound < form.lowerBound, "seen before the form")
            }
        }
    }
}
