import Coop
import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Voting
@testable import coop_api

/// A secret election over the API: created `"secret": true`, its tellers registered from their `.pub`
/// files (admin only), ballots encrypted on the voter's side, and after close each teller's decryption
/// posted with a member's token; the last one's answer carries the result.
@Suite struct SecretElectionRouteTests {
    static let newElection = #"""
        {"title":"AG secrète","opens":"2026-03-20T13:00:00Z","closes":"2026-03-20T15:00:00Z","secret":true,
         "questions":[{"text":"Adopter les états financiers ?","kind":"single","choices":["Pour","Contre","Abstention"]}]}
        """#

    @Test func tellersRegisterVotersCastEncryptedAndTellersDecrypt() async throws {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        try await coop.addVoters(2)
        try await coop.test { client in
            let created = try await client.execute(uri: "/api/v1/elections", method: .post, headers: headers(token: coop.admin), body: body(Self.newElection))
            #expect(created.status == .created)
            #expect(created.object["secret"] as? Bool == true)
            let salt = try #require(created.object["salt"] as? String)
            let keys = try (0..<2).map { _ in try TellerKey.generate(election: "E-0001", salt: salt) }
            let pub = { (key: TellerKey) in ByteBuffer(bytes: CanonicalJSON.encode(key.publicJSON)) }

            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/tellers", method: .post, body: pub(keys[0])).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/tellers", method: .post, headers: headers(token: coop.member),
                                             body: pub(keys[0])).status == .forbidden)
            for (i, key) in keys.enumerated() {
                let registered = try await client.execute(uri: "/api/v1/elections/E-0001/tellers", method: .post, headers: headers(token: coop.admin), body: pub(key))
                #expect(registered.status == .created)
                #expect(((try? JSONSerialization.jsonObject(with: Data(registered.body.readableBytesView))) as? [Any])?.count == i + 1)
            }
            let again = try await client.execute(uri: "/api/v1/elections/E-0001/tellers", method: .post, headers: headers(token: coop.admin, language: "en"),
                                                 body: pub(keys[0]))
            #expect(again.status == .conflict && again.object["code"] as? String == "voting.teller_already_registered")
            let foreign = try TellerKey.generate(election: "E-0001", salt: String(repeating: "ab", count: 16))
            let forged = try await client.execute(uri: "/api/v1/elections/E-0001/tellers", method: .post, headers: headers(token: coop.admin), body: pub(foreign))
            #expect(forged.status == .unprocessableContent && forged.object["code"] as? String == "voting.invalid_teller_proof")

            let issued = try await coop.coop.voting.issueCredentials("E-0001")
            clock.set(TestCoop.votingOpens)
            _ = try await coop.coop.voting.open("E-0001")
            let definition = try #require(issued.election.definition)
            for (n, credential) in issued.credentials.enumerated() {
                let ballot = try SecretBallot.cast(answers: [[n % 2]], code: try CredentialCode(credential.code), definition: definition,
                                                   key: #require(definition.electionKey))
                let cast = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, body: ByteBuffer(bytes: ballot.canonicalJSON))
                #expect(cast.status == .accepted)
            }
            // Encrypted, the ballots are shown in full while voting is open.
            let open = try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get)
            #expect(String(buffer: open.body).contains("\"alpha\""))

            clock.set(TestCoop.votingCloses)
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/close", method: .post, headers: headers(token: coop.admin)).status == .ok)
            let waiting = try await client.execute(uri: "/api/v1/elections/E-0001/tally", method: .post, headers: headers(token: coop.admin))
            #expect(waiting.status == .conflict && waiting.object["code"] as? String == "voting.awaiting_tellers")
            #expect((waiting.object["detail"] as? String)?.contains("scrutateurs n° 1, 2") == true)

            let board = Data(buffer: try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get).body)
            let decryptions = try keys.map { try $0.decryption(of: board) }
            let post = { (d: DecryptionEvent, token: String?) in
                try await client.execute(uri: "/api/v1/elections/E-0001/decryptions", method: .post, headers: headers(token: token),
                                         body: ByteBuffer(bytes: CanonicalJSON.encode(d.json)))
            }
            #expect(try await post(decryptions[0], nil).status == .unauthorized)
            let wrong = try await post(DecryptionEvent(teller: 2, factors: decryptions[0].factors), coop.member)
            #expect(wrong.status == .unprocessableContent && wrong.object["code"] as? String == "voting.invalid_decryption")
            let first = try await post(decryptions[1], coop.member)
            #expect(first.status == .created && first.object["remaining"] as? [Int] == [1] && first.object["result"] == nil)
            let twice = try await post(decryptions[1], coop.member)
            #expect(twice.status == .conflict && twice.object["code"] as? String == "voting.already_decrypted")
            let last = try await post(decryptions[0], coop.member)
            #expect(last.status == .created && last.object["remaining"] as? [Int] == [])
            let result = try #require(last.object["result"] as? [String: Any])
            #expect((result["questions"] as? [[String: Any]])?.first?["counts"] as? [Int] == [2, 1, 0], "Ada and the two voters: 0, 1, 0")
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/result", method: .get).status == .ok)
        }
    }
}
