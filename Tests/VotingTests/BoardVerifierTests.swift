import CoopCore
import Foundation
import Synchronization
import Testing
@testable import Voting

/// Progress calls, from whichever thread makes them.
final class ProgressLog: Sendable {
    private let calls = Mutex<[Int]>([])
    func record(_ done: Int) { calls.withLock { $0.append(done) } }
    var values: [Int] { calls.withLock { $0 } }
}

@Suite("Board verification")
struct BoardVerifierTests {
    typealias DB = VotingTestDatabase

    static let questions = [
        DB.resolution,
        Question(text: "Board", kind: .approval, choices: ["Ana", "Ben", "Cy", "Di"], min: 1, max: 2),
        Question(text: "Logo", kind: .ranked, choices: ["Sun", "Tree", "Bee"]),
    ]

    /// A tallied board: 1 setup, 2 credentials, 3 open, 4–7 ballots (6 replaces 4), 8 revoke,
    /// 9 ballot with the replacement credential, 10 close, 11 result.
    static func talliedBoard() async throws -> (DB, Election, Data, ElectionResult) {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 4, questions: questions)
        try await db.cast(election, codes[0], [[1], [0], [0, 1]])
        try await db.cast(election, codes[1], [[0], [0, 2], [1]])
        try await db.cast(election, codes[0], [[0], [1, 3], [2, 1, 0]])
        try await db.cast(election, codes[2], [[2], [2], [1, 2]])
        let lost = try codes[3].privateKey(electionID: election.id, salt: election.salt).publicKey.hex
        let reissued = try await db.voting.reissueCredential(election.id, lost: lost)
        try await db.cast(election, try CredentialCode(reissued.code), [[0], [0], [0]])
        let result = try await db.closeAndTally(election)
        return (db, election, try await db.voting.boardJSON(election.id), result)
    }

    static func events(_ data: Data) throws -> [JSONObject] {
        try CanonicalJSON.parse(data)["events"]!.arrayValue!.map { $0.objectValue! }
    }

    static func data(_ events: [JSONObject]) -> Data {
        CanonicalJSON.data(["events": .array(events.map { .object($0) })])
    }

    /// Recomputes seq, prev and hash from position `from` (1-based) on, as a forger rewriting the tail would.
    static func resealed(_ events: [JSONObject], from: Int = 1) -> [JSONObject] {
        var events = events
        for i in (from - 1)..<events.count {
            var event = events[i]
            let prev = i == 0 ? BoardEvent.firstPrev : events[i - 1]["hash"]!.stringValue!
            event["seq"] = .integer(Int64(i + 1))
            event["prev"] = .string(prev)
            event["hash"] = .string(BoardEvent.hash(seq: i + 1, type: event["type"]!.stringValue!, payload: event["payload"]!, prev: prev))
            events[i] = event
        }
        return events
    }

    /// An indented rendering, as a person's tool might save the board.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let elements):
            return elements.isEmpty ? "[ ]" : "[\n" + elements.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let object):
            return "{\n" + object.members.reversed().map { member in
                inner + CanonicalJSON.string(.string(member.key)) + " : " + pretty(member.value, indent: inner)
            }.joined(separator: ",\n") + "\n\(indent)}"
        default:
            return CanonicalJSON.string(value)
        }
    }

    func expectFailure(_ data: Data, seq: Int?, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let report = try BoardVerifier.verify(data)
            Issue.record("verified, but should fail at \(seq.map(String.init) ?? "-"): \(report)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.seq == seq, "\(error)", sourceLocation: sourceLocation)
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        }
    }

    func expectFailure(_ events: [JSONObject], seq: Int?, code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectFailure(Self.data(events), seq: seq, code: code, sourceLocation: sourceLocation)
    }

    // MARK: A good board

    @Test func aTalliedBoardVerifiesAndItsRecountIsTheResult() async throws {
        let (_, election, data, result) = try await Self.talliedBoard()
        let calls = ProgressLog()
        let report = try BoardVerifier.verify(data) { done, total in
            #expect(total == 5)
            calls.record(done)
        }
        #expect(report.election == election.id)
        #expect(report.status == .tallied)
        #expect(report.events == 11)
        #expect(report.eligible == 4)
        #expect(report.revoked == 1)
        #expect(report.ballotEvents == 5)
        #expect(report.signaturesChecked == 5)
        #expect(report.redactedBallots == 0)
        #expect(report.recount == result)
        #expect(report.head == (try Self.events(data)).last!["hash"]!.stringValue)
        #expect(calls.values.max() == 5)
        #expect(calls.values.first == 0)
        // Counted: the replacing ballot (seq 6), seq 5, seq 7 and the replacement credential's (seq 9).
        #expect(result.voted == 4)
        #expect(result.ballotEvents == 5)
        #expect(result.questions[0].counts == [3, 0, 1])
        #expect(result.questions[0].adopted == true)
        #expect(result.questions[1].counts == [2, 1, 2, 1])
        #expect(result.questions[1].winners == [0, 2])
        // Tree 2, Sun 1, Bee 1 of 4: Sun and Bee tie in every way, Sun (listed first) goes; Tree 2 of 3.
        #expect(result.questions[2].rounds?.map(\.counts) == [[1, 2, 1], [0, 2, 1]])
        #expect(result.questions[2].rounds?.first?.tieBreak == .listOrder)
        #expect(result.questions[2].winner == 1)
    }

    @Test func theBoardFileIsCanonicalAndPrettyPrintingItChangesNothing() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        #expect(CanonicalJSON.data(try CanonicalJSON.parse(data)) == data)
        let pretty = Data(Self.pretty(try CanonicalJSON.parse(data)).utf8)
        #expect(pretty != data)
        #expect(try BoardVerifier.verify(pretty).status == .tallied)
    }

    @Test func theServerTalliesWhatItVerified() async throws {
        let (db, election, _, result) = try await Self.talliedBoard()
        let board = try await db.voting.board(election.id)
        #expect(try BoardVerifier.verify(board).recount == result)
        #expect(try await db.voting.result(election.id) == result)
    }

    // MARK: Any changed byte

    @Test func everySingleChangedByteIsCaughtAtItsEvent() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 2)
        try await db.cast(election, codes[0], [[0]])
        try await db.cast(election, codes[1], [[1]])
        _ = try await db.closeAndTally(election)
        let original = Array(try await db.voting.boardJSON(election.id))
        // Where each event's bytes lie: the file is `{"events":[` e1 `,` e2 … `]}`.
        var spans: [Range<Int>] = []
        var offset = #"{"events":["#.utf8.count
        for event in try Self.events(Data(original)) {
            let length = CanonicalJSON.encode(.object(event)).count
            spans.append(offset..<offset + length)
            offset += length + 1
        }
        for position in original.indices {
            var tampered = original
            tampered[position] ^= 0x01
            do {
                _ = try BoardVerifier.verify(Data(tampered))
                Issue.record("byte \(position) changed and the board still verifies")
            } catch {
                if let event = spans.firstIndex(where: { $0.contains(position) }) {
                    #expect(error.seq == event + 1, "byte \(position): \(error)")
                }
            }
        }
    }

    // MARK: Tampering

    @Test func aChangedPayloadFailsAtItsEvent() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        var payload = events[4]["payload"]!.objectValue!
        payload["answers"] = [[1], [0, 2], [1]]
        events[4]["payload"] = .object(payload)
        expectFailure(events, seq: 5, code: "voting.verify.hash_mismatch")
        // Resealed from there on, the chain holds but the signature does not.
        expectFailure(Self.resealed(events, from: 5), seq: 5, code: "voting.bad_signature")
    }

    @Test func aChangedSignatureFailsAtItsEvent() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        var payload = events[6]["payload"]!.objectValue!
        var signature = Array(payload["signature"]!.stringValue!)
        signature[0] = signature[0] == "a" ? "b" : "a"
        payload["signature"] = .string(String(signature))
        events[6]["payload"] = .object(payload)
        expectFailure(events, seq: 7, code: "voting.verify.hash_mismatch")
        expectFailure(Self.resealed(events, from: 7), seq: 7, code: "voting.bad_signature")
    }

    @Test func aChangedPrevFailsAtItsEvent() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        events[5]["prev"] = .string(String(repeating: "1", count: 64))
        expectFailure(events, seq: 6, code: "voting.verify.broken_link")
        var hashChanged = try Self.events(data)
        hashChanged[2]["hash"] = .string(String(repeating: "2", count: 64))
        expectFailure(hashChanged, seq: 3, code: "voting.verify.hash_mismatch")
    }

    @Test func aDroppedEventFailsWhereItWas() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        events.remove(at: 4)
        expectFailure(events, seq: 5, code: "voting.verify.seq")
        // Dropping a counted ballot and rewriting the rest of the chain: the result no longer adds up.
        expectFailure(Self.resealed(events, from: 5), seq: 10, code: "voting.verify.result_mismatch")
        var noSetup = try Self.events(data)
        noSetup.removeFirst()
        expectFailure(Self.resealed(noSetup), seq: 1, code: "voting.verify.out_of_order")
        var noClose = try Self.events(data)
        noClose.remove(at: 9)
        expectFailure(Self.resealed(noClose, from: 10), seq: 10, code: "voting.verify.out_of_order")
    }

    @Test func twoSwappedEventsFailAtTheFirst() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        events.swapAt(4, 5)
        expectFailure(events, seq: 5, code: "voting.verify.seq")
        // Swapped and resealed: a replaced ballot moved after its replacement changes the count.
        var swapped = try Self.events(data)
        swapped.swapAt(3, 5)
        expectFailure(Self.resealed(swapped, from: 4), seq: 11, code: "voting.verify.result_mismatch")
        // A ballot moved after close is outside the voting period.
        var late = try Self.events(data)
        let ballot = late.remove(at: 6)
        late.insert(ballot, at: 9)
        expectFailure(Self.resealed(late, from: 7), seq: 10, code: "voting.verify.out_of_order")
    }

    @Test func aDuplicatedBallotFails() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        events.insert(events[4], at: 5)
        expectFailure(events, seq: 6, code: "voting.verify.seq")
        expectFailure(Self.resealed(events, from: 6), seq: 6, code: "voting.verify.duplicate_ballot")
    }

    @Test func aChangedResultFails() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        var result = events[10]["payload"]!.objectValue!
        result["voted"] = 5
        events[10]["payload"] = .object(result)
        expectFailure(Self.resealed(events, from: 11), seq: 11, code: "voting.verify.result_mismatch")
    }

    @Test func aChangedCredentialListFailsAgainstItsFingerprint() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        var payload = events[1]["payload"]!.objectValue!
        var keys = payload["credentials"]!.arrayValue!
        keys[0] = .string(try Ed25519.PrivateKey().publicKey.hex)
        payload["credentials"] = .array(keys)
        events[1]["payload"] = .object(payload)
        expectFailure(Self.resealed(events, from: 2), seq: 2, code: "voting.verify.credentials_hash")
        // With the fingerprint rewritten too, ballots of the dropped key are from an unknown credential.
        payload["sha256"] = .string(CanonicalJSON.sha256Hex(.array(keys)))
        events[1]["payload"] = .object(payload)
        do {
            _ = try BoardVerifier.verify(Self.data(Self.resealed(events, from: 2)))
            Issue.record("a board with a swapped credential verified")
        } catch {
            #expect(error.code == "voting.unknown_credential" || error.code == "voting.verify.bad_revoke")
        }
    }

    @Test func ballotsOfUnlistedOrRevokedCredentialsFail() async throws {
        let (db, election, data, _) = try await Self.talliedBoard()
        let events = try Self.events(data)
        // A ballot by the revoked credential (seq 8 revoked it), slipped in after the revocation.
        let lostBallot = try rawBallotFromBoard(events, db: db, election: election)
        var afterRevoke = events
        afterRevoke.insert(["seq": 0, "type": "ballot", "payload": lostBallot.json, "prev": "", "hash": ""], at: 8)
        expectFailure(Self.resealed(afterRevoke, from: 9), seq: 9, code: "voting.revoked_credential")
        // A ballot by a key that was never listed.
        let stranger = try rawBallot(election, try CredentialCode.generate(), [[0], [0], [0]])
        var unknown = events
        unknown.insert(["seq": 0, "type": "ballot", "payload": stranger.json, "prev": "", "hash": ""], at: 4)
        expectFailure(Self.resealed(unknown, from: 5), seq: 5, code: "voting.unknown_credential")
    }

    /// A ballot naming the credential revoked at seq 8. Its code is not kept by the fixture, so the
    /// signature is a stand-in's: the credential check comes first and is what must fail.
    func rawBallotFromBoard(_ events: [JSONObject], db: DB, election: Election) throws -> Ballot {
        let revoked = events[7]["payload"]!["credential"]!.stringValue!
        let stand = try rawBallot(election, try CredentialCode.generate(), [[0], [0], [0]])
        return Ballot(election: stand.election, electionHash: stand.electionHash, credential: revoked,
                      answers: stand.answers, signature: stand.signature)
    }

    @Test func anInvalidAnswerSignedByAListedCredentialFails() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 2, questions: Self.questions)
        try await db.cast(election, codes[0], [[0], [0], [0]])
        _ = try await db.closeAndTally(election)
        var events = try Self.events(try await db.voting.boardJSON(election.id))
        let invalid = try rawBallot(election, codes[1], [[0], [0, 1, 2], [0]])
        events.insert(["seq": 0, "type": "ballot", "payload": invalid.json, "prev": "", "hash": ""], at: 4)
        expectFailure(Self.resealed(events, from: 5), seq: 5, code: "voting.invalid_answer")
    }

    @Test func somethingThatIsNotABoardFailsWithoutASeq() {
        expectFailure(Data("[]".utf8), seq: nil, code: "voting.verify.not_board")
        expectFailure(Data(#"{"events":[]}"#.utf8), seq: nil, code: "voting.verify.empty")
        expectFailure(Data("{".utf8), seq: nil, code: "voting.verify.not_json")
        expectFailure(Data(#"{"events":[{"hash":1}]}"#.utf8), seq: 1, code: "voting.verify.bad_event")
        expectFailure(Data(#"{"events":[{},{"seq":1.5}]}"#.utf8), seq: 2, code: "voting.verify.not_json")
    }

    @Test func failuresSpeakBothLanguages() async throws {
        let (_, _, data, _) = try await Self.talliedBoard()
        var events = try Self.events(data)
        events.remove(at: 4)
        let failure = try #require(throws: VerificationFailure.self) { try BoardVerifier.verify(Self.data(events)) }
        #expect(failure.message(.en) == "Event 5: seq 6 where 5 belongs: an event is missing, duplicated or moved.")
        #expect(failure.message(.fr) == "Événement 5 : numéro 6 à la place de 5 : un événement manque, est en double ou déplacé.")
        #expect(failure.coopError.code == "voting.board_invalid")
        #expect(failure.coopError.message(.en).contains("Event 5"))
    }

    // MARK: While voting is open

    @Test func thePublicBoardWhileOpenVerifiesAsFarAsItCan() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 3)
        let first = try await db.cast(election, codes[0], [[0]])
        try await db.cast(election, codes[1], [[1]])
        let open = try await db.voting.boardJSON(election.id)
        let report = try BoardVerifier.verify(open)
        #expect(report.status == .open)
        #expect(report.redactedBallots == 2)
        #expect(report.signaturesChecked == 0)
        #expect(report.recount == nil)
        #expect(try BoardVerifier.check(tracker: first.tracker, in: open)
                == TrackerCheck(tracker: first.tracker, onBoard: true, seq: 4, counted: nil, replacedBy: nil, credentialRevoked: false))

        // After close the same events are published in full, with the same hashes.
        _ = try await db.closeAndTally(election)
        let closed = try Self.events(try await db.voting.boardJSON(election.id))
        let earlier = try Self.events(open)
        #expect(earlier.map { $0["hash"] } == closed.prefix(earlier.count).map { $0["hash"] })
        // A redacted ballot on a closed board cannot be checked, so it fails.
        var mixed = closed
        mixed[3] = earlier[3]
        expectFailure(mixed, seq: 4, code: "voting.verify.redacted")
    }

    // MARK: Trackers

    @Test func aVoterCanSeeWhetherTheirBallotIsCounted() async throws {
        let db = try await DB()
        let (election, codes) = try await db.openElection(members: 3)
        let replaced = try await db.cast(election, codes[0], [[1]])
        let latest = try await db.cast(election, codes[0], [[0]])
        let lost = try await db.cast(election, codes[2], [[0]])
        let key = try codes[2].privateKey(electionID: election.id, salt: election.salt).publicKey.hex
        _ = try await db.voting.reissueCredential(election.id, lost: key)
        _ = try await db.closeAndTally(election)
        let board = try await db.voting.boardJSON(election.id)
        #expect(try BoardVerifier.check(tracker: latest.tracker, in: board)
                == TrackerCheck(tracker: latest.tracker, onBoard: true, seq: latest.seq, counted: true, replacedBy: nil, credentialRevoked: false))
        #expect(try BoardVerifier.check(tracker: replaced.tracker.uppercased(), in: board)
                == TrackerCheck(tracker: replaced.tracker, onBoard: true, seq: replaced.seq, counted: false, replacedBy: latest.seq,
                                credentialRevoked: false))
        let revoked = try BoardVerifier.check(tracker: lost.tracker, in: board)
        #expect(revoked.counted == false)
        #expect(revoked.credentialRevoked)
        let absent = try BoardVerifier.check(tracker: String(repeating: "0", count: 64), in: board)
        #expect(!absent.onBoard)
        #expect(absent.counted == false)
    }
}
