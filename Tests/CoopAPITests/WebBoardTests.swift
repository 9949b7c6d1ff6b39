import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Voting
@testable import coop_api

/// An election's public board as a page: what anyone can check, in words, with the tracker look-up.
@Suite struct WebBoardTests {
    @Test func aVoterFindsTheirTrackerAndEveryoneSeesTheResult() async throws {
        let (coop, clock, definition, codes) = try await TestCoop.electionWithCredentials()
        let election = try await coop.coop.voting.election("E-0001")
        clock.set(TestCoop.votingOpens)
        _ = try await coop.coop.voting.open(election.id)
        let ballot = try BallotSigner.sign(answers: [[0], [0, 1]], code: codes[0], definition: definition)
        let receipt = try await coop.coop.voting.cast(Data(ballot.canonicalJSON), election: election.id)
        try await coop.test { client in
            let open = try await WebCatalogueTests.page(client, "/board/e-0001").text
            #expect(open.contains("<h1>Assemblée générale 2026</h1>") && open.contains("État : ouvert"))
            #expect(open.contains("<dt>Codes de vote émis</dt><dd>3</dd>"), "Ada and the two voters")
            #expect(open.contains("href=\"/api/v1/elections/E-0001/board\""))
            let found = try await WebCatalogueTests.page(client, "/board/E-0001?tracker=\(receipt.tracker.uppercased())").text
            #expect(found.contains("Au registre : événement") && found.contains("Le vote est encore ouvert"))
            let unknown = try await WebCatalogueTests.page(client, "/board/E-0001?lang=en&tracker=\(String(repeating: "a", count: 64))").text
            #expect(unknown.contains("This tracker is not on the board."))
            let malformed = try await WebCatalogueTests.page(client, "/board/E-0001?tracker=%3Cb%3E").text
            #expect(malformed.contains("Un numéro de suivi a 64 caractères") && !malformed.contains("<b>"))
        }
        clock.set(TestCoop.votingCloses)
        _ = try await coop.coop.voting.close(election.id)
        _ = try await coop.coop.voting.tally(election.id)
        let app = Application(router: try buildRouter(coop: coop.coop))
        try await app.test(.router) { client in
            let tallied = try await WebCatalogueTests.page(client, "/board/E-0001?tracker=\(receipt.tracker)").text
            #expect(tallied.contains("Compté : c’est le dernier bulletin de ce code de vote."))
            #expect(tallied.contains("<h2>Résultat</h2>") && tallied.contains("1 sur 3 membres ont voté."))
            #expect(tallied.contains("<td>Pour <strong>(retenu)</strong></td><td>1</td>"))
            let english = try await WebCatalogueTests.page(client, "/board/E-0001?lang=en").text
            #expect(english.contains("1 of 3 members voted.") && english.contains("State: tallied"))
            let missing = try await WebCatalogueTests.page(client, "/board/E-0099")
            #expect(missing.status == .notFound && missing.text.contains("Page introuvable"))
        }
        coop.remove()
    }
}
