import Coop
import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Membership
import Testing
import Voting
@testable import coop_api

extension TestCoop {
    /// The clock of election tests: 2026-03-15T12:00Z; `election` opens on the 20th at 13:00Z and closes at 15:00Z.
    static let votingStart = Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!
    static let votingOpens = Instant.parse("2026-03-20T13:00:00Z", timeZone: .gmt)!
    static let votingCloses = Instant.parse("2026-03-20T15:00:00Z", timeZone: .gmt)!

    /// The same co-op as `make()` (tokens per role, member M-0001), with a clock the test moves.
    static func makeForVoting(clock: FixedClock) async throws -> TestCoop { try await make(clock: clock) }

    /// A co-op with Ada and two voters, the draft election's credentials issued, its clock at the start.
    static func electionWithCredentials() async throws -> (TestCoop, FixedClock, ElectionDefinition, [CredentialCode]) {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        try await coop.addVoters(2)
        let election = try await coop.draftElection()
        let issue = try await coop.coop.voting.issueCredentials(election.id)
        let definition = try #require(issue.election.definition)
        return (coop, clock, definition, try issue.credentials.map { try CredentialCode($0.code) })
    }

    /// `count` more members, in one import.
    func addVoters(_ count: Int) async throws {
        var csv = "first_name,last_name,email\n"
        for i in 0..<count { csv += "V\(i),Test,v\(i)@example.org\n" }
        _ = try await coop.membership.importMembers(csv: Data(csv.utf8), source: "voters.csv")
    }

    /// A draft election through the service: a resolution and an approval question.
    func draftElection() async throws -> Election {
        try await coop.voting.createElection(NewElection(
            title: "Assemblée générale 2026",
            questions: [Question(text: "Adopter les états financiers ?", kind: .single, choices: ["Pour", "Contre", "Abstention"]),
                        Question(text: "Conseil", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di"], max: 2)],
            opens: Self.votingOpens, closes: Self.votingCloses))
    }
}

/// A ballot signed for `answers`, without the signer's check of the answers (to send invalid ones).
func signedWithoutAnswerChecks(_ answers: [[Int]], code: CredentialCode, definition: ElectionDefinition) throws -> Ballot {
    let key = try code.privateKey(electionID: definition.id, salt: definition.salt)
    let unsigned = Ballot(election: definition.id, electionHash: definition.electionHash, credential: try key.publicKey.hex,
                          answers: answers, signature: "")
    return Ballot(election: unsigned.election, electionHash: unsigned.electionHash, credential: unsigned.credential,
                  answers: answers, signature: Hex.encode(try key.sign(unsigned.signingMessage)))
}

func body(_ ballot: Ballot) -> ByteBuffer { ByteBuffer(bytes: ballot.canonicalJSON) }

@Suite struct ElectionRouteTests {
    static let newElection = #"""
        {"title":"Assemblée générale 2026","opens":"2026-03-20T13:00:00Z","closes":"2026-03-20T15:00:00Z","quorumPercent":10,
         "questions":[{"text":"Adopter les états financiers ?","kind":"single","choices":["Pour","Contre","Abstention"],"threshold":"two-thirds"},
                      {"text":"Conseil","kind":"approval","choices":["Ana","Ben","Cy"],"min":0,"max":2},
                      {"text":"Logo","kind":"ranked","choices":["Soleil","Arbre"]}]}
        """#

    @Test func adminsManageAnyTokenReadsOthersAreRefused() async throws {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        try await coop.test { client in
            for (token, status) in [(nil, HTTPResponse.Status.unauthorized), (coop.member, .forbidden), (coop.staff, .forbidden)] {
                let response = try await client.execute(uri: "/api/v1/elections", method: .post, headers: headers(token: token), body: body(Self.newElection))
                #expect(response.status == status)
            }
            let created = try await client.execute(uri: "/api/v1/elections", method: .post, headers: headers(token: coop.admin), body: body(Self.newElection))
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/elections/E-0001")
            #expect(created.object["status"] as? String == "draft")
            #expect(created.object["quorumPercent"] as? Int == 10)
            let questions = created.object["questions"] as? [[String: Any]]
            #expect(questions?.map { $0["kind"] as? String } == ["single", "approval", "ranked"])
            #expect(questions?[1]["max"] as? Int == 2)

            #expect(try await client.execute(uri: "/api/v1/elections", method: .get).status == .unauthorized)
            let list = try await client.execute(uri: "/api/v1/elections", method: .get, headers: headers(token: coop.member))
            #expect(list.status == .ok)
            #expect((list.object["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["E-0001"])
            #expect(list.object.keys.contains("next"))
            let one = try await client.execute(uri: "/api/v1/elections/e-1", method: .get, headers: headers(token: coop.member))
            #expect(one.object["title"] as? String == "Assemblée générale 2026")
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001", method: .get).status == .unauthorized)

            // PATCH: admin only; fields left out stay, null removes.
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001", method: .patch, headers: headers(token: coop.staff),
                                             body: body(#"{"title":"x"}"#)).status == .forbidden)
            let patched = try await client.execute(uri: "/api/v1/elections/E-0001", method: .patch, headers: headers(token: coop.admin),
                                                   body: body(#"{"title":"AG 2026","quorumPercent":null}"#))
            #expect(patched.status == .ok)
            #expect(patched.object["title"] as? String == "AG 2026")
            #expect(patched.object["quorumPercent"] == nil)
            #expect((patched.object["questions"] as? [Any])?.count == 3)
            let badKind = try await client.execute(uri: "/api/v1/elections/E-0001", method: .patch, headers: headers(token: coop.admin),
                                                   body: body(#"{"questions":[{"text":"Q","kind":"borda","choices":["A","B"]}]}"#))
            #expect(badKind.status == .unprocessableContent)
            let noMax = try await client.execute(uri: "/api/v1/elections/E-0001", method: .patch, headers: headers(token: coop.admin, language: "en"),
                                                 body: body(#"{"questions":[{"text":"Q","kind":"approval","choices":["A","B"]}]}"#))
            #expect(noMax.status == .unprocessableContent)
            #expect(noMax.object["field"] as? String == "questions[1].max")

            for verb in ["open", "close", "tally"] {
                #expect(try await client.execute(uri: "/api/v1/elections/E-0001/\(verb)", method: .post).status == .unauthorized)
                #expect(try await client.execute(uri: "/api/v1/elections/E-0001/\(verb)", method: .post, headers: headers(token: coop.staff)).status == .forbidden)
            }
            let early = try await client.execute(uri: "/api/v1/elections/E-0001/open", method: .post, headers: headers(token: coop.admin))
            #expect(early.status == .conflict)
            #expect(early.object["code"] as? String == "voting.wrong_state")

            _ = try await coop.coop.voting.issueCredentials("E-0001")
            let frozen = try await client.execute(uri: "/api/v1/elections/E-0001", method: .patch, headers: headers(token: coop.admin),
                                                  body: body(#"{"title":"Trop tard"}"#))
            #expect(frozen.status == .conflict)
            #expect(frozen.object["code"] as? String == "voting.not_draft")
            let missing = try await client.execute(uri: "/api/v1/elections/E-0099", method: .get, headers: headers(token: coop.member))
            #expect(missing.status == .notFound)
            #expect(missing.object["code"] as? String == "voting.election_not_found")
        }
    }

    @Test func castingBoardAndResultNeedNoTokenAndRefusalsCarryTheirCodes() async throws {
        let (coop, clock, definition, codes) = try await TestCoop.electionWithCredentials()
        let ballot = try BallotSigner.sign(answers: [[0], [0, 1]], code: codes[0], definition: definition)
        try await coop.test { client in
            // Before opening: 409 voting.closed, as problem+json in French by default and in English on request.
            let fr = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(ballot))
            #expect(fr.status == .conflict)
            #expect(fr.headers[.contentType] == "application/problem+json")
            #expect(fr.object["code"] as? String == "voting.closed")
            #expect(fr.object["title"] as? String == "Conflit")
            #expect((fr.object["detail"] as? String)?.hasPrefix("Le scrutin E-0001 ne reçoit pas de bulletins") == true)
            let en = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(language: "en"), body: body(ballot))
            #expect(en.object["title"] as? String == "Conflict")
            #expect((en.object["detail"] as? String)?.hasPrefix("Election E-0001 is not accepting ballots") == true)

            // The public board (no token) already holds the setup and the credentials.
            let setupBoard = try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get)
            #expect(setupBoard.status == .ok)
            #expect(setupBoard.headers[.contentType] == "application/json; charset=utf-8")
            #expect(try BoardVerifier.definition(in: Data(setupBoard.body.readableBytesView)) == definition)

            clock.set(TestCoop.votingOpens)
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/open", method: .post, headers: headers(token: coop.admin)).status == .ok)

            let accepted = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(ballot))
            #expect(accepted.status == .accepted)
            #expect(accepted.object["tracker"] as? String == ballot.tracker)
            #expect(accepted.object["seq"] as? Int == 4)
            // A retry answers the same receipt and appends nothing.
            let retry = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(ballot))
            #expect(retry.status == .accepted)
            #expect(retry.object["seq"] as? Int == 4)

            let stranger = try BallotSigner.sign(answers: [[0], []], code: try CredentialCode.generate(), definition: definition)
            let unknown = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(language: "en"), body: body(stranger))
            #expect(unknown.status == .forbidden)
            #expect(unknown.object["code"] as? String == "voting.unknown_credential")
            #expect(unknown.object["detail"] as? String == "This voting credential is not on the election’s list.")

            let honest = try BallotSigner.sign(answers: [[1], [2]], code: codes[1], definition: definition)
            let forged = Ballot(election: honest.election, electionHash: honest.electionHash, credential: honest.credential,
                                answers: [[0], [2]], signature: honest.signature)
            let badSignature = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(forged))
            #expect(badSignature.status == .unprocessableContent)
            #expect(badSignature.object["code"] as? String == "voting.bad_signature")
            #expect(badSignature.object["field"] as? String == "signature")

            let tooMany = try signedWithoutAnswerChecks([[1], [0, 1, 2]], code: codes[1], definition: definition)
            let invalid = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(tooMany))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.object["code"] as? String == "voting.invalid_answer")
            #expect((invalid.object["detail"] as? String)?.hasPrefix("Réponse invalide à la question 2") == true)

            let malformed = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(#"{"answers":[[0]]}"#))
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.object["code"] as? String == "voting.malformed_ballot")
            let huge = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(),
                                                body: body(String(repeating: " ", count: 70_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.object["code"] as? String == "voting.ballot_too_large")
            let elsewhere = try await client.execute(uri: "/api/v1/elections/E-0099/ballots", method: .post, headers: headers(), body: body(ballot))
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.object["code"] as? String == "voting.wrong_election")

            // While open the public board shows the ballot by its tracker only, and the result is not out.
            let openBoard = try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get)
            let openData = Data(openBoard.body.readableBytesView)
            #expect(try BoardVerifier.verify(openData).redactedBallots == 1)
            #expect(try BoardVerifier.check(tracker: ballot.tracker, in: openData).onBoard)
            let notYet = try await client.execute(uri: "/api/v1/elections/E-0001/result", method: .get)
            #expect(notYet.status == .conflict)
            #expect(notYet.object["code"] as? String == "voting.not_tallied")

            let early = try await client.execute(uri: "/api/v1/elections/E-0001/close", method: .post, headers: headers(token: coop.admin))
            #expect(early.object["code"] as? String == "voting.not_yet_closable")
            clock.set(TestCoop.votingCloses)
            let late = try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(honest))
            #expect(late.status == .conflict)
            #expect(late.object["code"] as? String == "voting.closed")
            let closed = try await client.execute(uri: "/api/v1/elections/E-0001/close", method: .post, headers: headers(token: coop.admin))
            #expect(closed.object["status"] as? String == "closed")
            let tally = try await client.execute(uri: "/api/v1/elections/E-0001/tally", method: .post, headers: headers(token: coop.admin))
            #expect(tally.status == .ok)
            #expect(tally.object["voted"] as? Int == 1)
            #expect(tally.object["eligible"] as? Int == 3)

            let result = try await client.execute(uri: "/api/v1/elections/E-0001/result", method: .get)
            #expect(result.status == .ok)
            #expect(result.text == tally.text)
            let finalBoard = try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get)
            let report = try BoardVerifier.verify(Data(finalBoard.body.readableBytesView))
            #expect(report.status == .tallied)
            #expect(report.signaturesChecked == 1)
            let recount = try JSONDecoder().decode(ElectionResult.self, from: Data(result.body.readableBytesView))
            #expect(report.recount == recount)
            #expect(try await client.execute(uri: "/api/v1/elections/E-0099/board", method: .get).status == .notFound)
        }
    }

    /// Hundreds of signed ballots POSTed at once: one unbroken chain holding each accepted ballot once.
    @Test func concurrentCastingKeepsOneUnbrokenChain() async throws {
        let clock = FixedClock(TestCoop.votingStart)
        let coop = try await TestCoop.makeForVoting(clock: clock)
        try await coop.addVoters(299)
        let election = try await coop.draftElection()
        let issue = try await coop.coop.voting.issueCredentials(election.id)
        #expect(issue.credentials.count == 300)
        let definition = try #require(issue.election.definition)
        clock.set(TestCoop.votingOpens)
        _ = try await coop.coop.voting.open(election.id)

        // Every credential votes; every tenth sends its ballot twice (a retrying client) and every tenth
        // other one votes again with other answers (a replacement), all at the same time.
        var sends: [Ballot] = []
        var replacements: [(first: String, second: String)] = []
        for (i, issued) in issue.credentials.enumerated() {
            let code = try CredentialCode(issued.code)
            let ballot = try BallotSigner.sign(answers: [[i % 3], [i % 4]], code: code, definition: definition)
            sends.append(ballot)
            if i % 10 == 0 { sends.append(ballot) }
            if i % 10 == 5 {
                let second = try BallotSigner.sign(answers: [[(i + 1) % 3], [(i + 1) % 4, (i + 2) % 4]], code: code, definition: definition)
                sends.append(second)
                replacements.append((ballot.tracker, second.tracker))
            }
        }
        let (ballots, pairs) = (sends, replacements)
        let distinct = Set(ballots.map(\.tracker))
        #expect(distinct.count == 330)

        try await coop.test { client in
            let start = ContinuousClock.now
            let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for ballot in ballots {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/elections/E-0001/ballots", method: .post, headers: headers(), body: body(ballot)) { response in
                            (response.status, response.status == .accepted ? response.object["tracker"] as? String : response.text)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("concurrent casting: \(ballots.count) POSTs in \(String(format: "%.2f", seconds)) s, \(Int(Double(ballots.count) / seconds)) ballots/s")
            #expect(answers.filter { $0.0 != .accepted }.map { $0.1 ?? "" } == [])
            #expect(Set(answers.compactMap(\.1)) == distinct)

            clock.set(TestCoop.votingCloses)
            #expect(try await client.execute(uri: "/api/v1/elections/E-0001/close", method: .post, headers: headers(token: coop.admin)).status == .ok)
            let board = try await client.execute(uri: "/api/v1/elections/E-0001/board", method: .get)
            let data = Data(board.body.readableBytesView)
            let report = try BoardVerifier.verify(data)
            #expect(report.ballotEvents == 330)
            #expect(report.signaturesChecked == 330)
            #expect(report.recount?.voted == 300)
            let events = try BoardVerifier.parse(data)
            #expect(events.map(\.seq) == Array(1...events.count))
            #expect(zip(events.dropFirst(), events).allSatisfy { $0.prev == $1.hash })
            let onBoard = events.filter { $0.type == .ballot }.map { CanonicalJSON.sha256Hex($0.payload) }
            #expect(onBoard.count == 330)
            #expect(Set(onBoard) == distinct)
            // Of a credential's two ballots, the one that landed last is counted, whichever it is.
            for pair in pairs {
                let first = try BoardVerifier.check(tracker: pair.first, in: data), second = try BoardVerifier.check(tracker: pair.second, in: data)
                #expect([first.counted, second.counted].filter { $0 == true }.count == 1)
                #expect((first.seq ?? 0) < (second.seq ?? 0) ? second.counted == true : first.counted == true)
            }
            let tally = try await client.execute(uri: "/api/v1/elections/E-0001/tally", method: .post, headers: headers(token: coop.admin))
            #expect(tally.object["ballotEvents"] as? Int == 330)
        }
    }
}
