import CoopCore
import Foundation

/// What a board that verifies says.
public struct VerificationReport: Sendable, Equatable, Codable {
    /// The election's id and hash, from the setup event.
    public let election: String
    public let electionHash: String
    /// How far the board has gone.
    public let status: ElectionStatus
    public let events: Int
    /// The last event's hash: keep it, and a later board must extend it.
    public let head: String
    /// Credentials listed (members eligible), and how many were revoked and replaced.
    public let eligible: Int
    public let revoked: Int
    /// Ballot events, replaced ones included.
    public let ballotEvents: Int
    /// Ballots whose signature, credential and answers were checked.
    public let signaturesChecked: Int
    /// Ballots shown by tracker only (the public board while voting is open); they are checked once
    /// the full board is published after close.
    public let redactedBallots: Int
    /// A secret election's tellers (0 in coop-voting-1) and how many have decrypted the tally.
    public let tellers: Int
    public let decryptions: Int
    /// The recount, once voting is closed (in a secret election, once every teller has decrypted);
    /// on a tallied board it equals the published result.
    public let recount: ElectionResult?
}

/// One ballot's costly checks, made in parallel before the replay.
private struct Check: Sendable {
    let signature: Bool
    let flaw: (question: Int, flaw: EncryptedAnswer.Flaw)?
}

/// Whether a voter's ballot is on a board, and counted.
public struct TrackerCheck: Sendable, Equatable, Codable {
    /// The tracker looked for (lower case), and whether a ballot with it is on the board.
    public let tracker: String
    public let onBoard: Bool
    /// The ballot's event.
    public let seq: Int?
    /// True when it is the last ballot of an unrevoked credential; nil while the board shows ballots
    /// by tracker only (voting still open), when that cannot be known yet.
    public let counted: Bool?
    /// The later ballot of the same credential that replaced it.
    public let replacedBy: Int?
    /// True when its credential was revoked afterwards.
    public let credentialRevoked: Bool
}

/// Checks a board with no database: every hash link, the credential list against its fingerprint,
/// every ballot's signature, credential (listed, not revoked) and answers, that ballots fall between
/// open and close, and that the published result equals the recount.
///
/// Fails on the first event, in board order, that breaks a rule. Verification is CPU-bound and blocks
/// the caller: signatures and hashes are checked on every core.
public enum BoardVerifier {
    /// Verifies a board file (`{"events": [...]}`).
    /// - Parameter progress: called with (signatures checked, signatures to check) from worker threads.
    public static func verify(
        _ data: Data, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(VerificationFailure) -> VerificationReport {
        try verify(events: try parse(data), progress: progress)
    }

    /// Verifies a board already in memory (the server does before it tallies).
    public static func verify(
        _ board: Board, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(VerificationFailure) -> VerificationReport {
        try verify(events: board.events, progress: progress)
    }

    /// The same verification off the caller's thread, for async callers that must not block theirs.
    public static func verifyInBackground(
        _ board: Board, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async -> Result<VerificationReport, VerificationFailure> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(VerificationFailure) in try verify(board, progress: progress) })
            }
        }
    }

    static func verify(
        events: [BoardEvent], progress: (@Sendable (Int, Int) -> Void)?
    ) throws(VerificationFailure) -> VerificationReport {
        guard !events.isEmpty else { throw VerificationFailure(seq: nil, .verifyEmpty()) }
        // A secret election's ballots are encrypted, and their proofs are checked under its key.
        let secret = events[0].type == .setup && events[0].payload["protocol"]?.stringValue == ElectionDefinition.secretProtocol
        let definition = secret ? try? ElectionDefinition(json: events[0].payload) : nil
        // 1. Hashes and ballot shapes, in parallel.
        var facts = Parallel.map(count: events.count) { EventFacts.compute(events[$0], secret: secret) }

        // 2. The costly part, on every core: each ballot's signature and, in a secret election, every
        // proof of every answer.
        let ballots = facts.indices.filter { facts[$0].signed != nil }
        let total = ballots.count
        progress?(0, total)
        let frozen = facts
        let checks = Parallel.map(count: total, progress: progress.map { report in { @Sendable done in report(done, total) } }) { n in
            let fact = frozen[ballots[n]]
            let flaw = fact.secretBallot.flatMap { ballot in definition.flatMap { d in d.electionKey.flatMap { ballot.flaw(questions: d.questions, key: $0) } } }
            return Check(signature: fact.signed!.hasValidSignature, flaw: flaw)
        }
        for (index, check) in zip(ballots, checks) {
            facts[index].signatureValid = check.signature
            facts[index].proofFlaw = check.flaw
        }

        // 3. The chain and the rules in board order: the first event that breaks one is the failure.
        var replay = BoardReplay(allowRedacted: !events.contains { $0.type == .close })
        var prev = BoardEvent.firstPrev
        for (index, event) in events.enumerated() {
            let position = index + 1
            var broken: CoopError?
            if event.seq != position {
                broken = .verifySeq(expected: position, found: event.seq)
            } else if event.prev != prev {
                broken = .verifyBrokenLink()
            } else if facts[index].hashMatches == false {
                broken = .verifyHashMismatch()
            } else {
                broken = replay.apply(event, facts[index])
            }
            if let broken { throw VerificationFailure(seq: position, broken) }
            prev = event.hash
        }
        return VerificationReport(
            election: replay.definition?.id ?? "", electionHash: replay.electionHash, status: replay.status,
            events: events.count, head: prev, eligible: replay.eligible, revoked: replay.revokedCount,
            ballotEvents: replay.ballotEvents, signaturesChecked: total,
            redactedBallots: replay.redactedBallots, tellers: replay.tellerShares.count, decryptions: replay.decryptions.count,
            recount: replay.recount())
    }

    // MARK: Reading a board file

    /// The events of a board file, each in its exact shape; a failure names the first bad position.
    public static func parse(_ data: Data) throws(VerificationFailure) -> [BoardEvent] {
        let root: JSONValue
        do {
            root = try CanonicalJSON.parse(data)
        } catch {
            // An error inside the events array belongs to the event at that position.
            var seq: Int?
            if error.path.count >= 2, error.path[0] == .key("events"), case .index(let i) = error.path[1] { seq = i + 1 }
            throw VerificationFailure(seq: seq, .verifyNotJSON(error))
        }
        guard let object = root.objectValue, object.keys == ["events"], let list = object["events"]?.arrayValue else {
            throw VerificationFailure(seq: nil, .verifyNotBoard())
        }
        var events: [BoardEvent] = []
        events.reserveCapacity(list.count)
        for (index, value) in list.enumerated() {
            events.append(try event(value, position: index + 1))
        }
        return events
    }

    static let eventKeys = ["hash", "payload", "prev", "seq", "type"]

    static func event(_ value: JSONValue, position: Int) throws(VerificationFailure) -> BoardEvent {
        func bad(_ fr: String, _ en: String) -> VerificationFailure {
            VerificationFailure(seq: position, .verifyBadEvent(LocalizedText(fr: fr, en: en)))
        }
        guard let object = value.objectValue, object.keys == eventKeys else {
            throw bad("les champs doivent être exactement `hash`, `payload`, `prev`, `seq`, `type`",
                      "the fields must be exactly hash, payload, prev, seq, type")
        }
        guard let seq = object["seq"]?.integerValue, let seqInt = Int(exactly: seq) else {
            throw bad("`seq` doit être un entier", "`seq` must be an integer")
        }
        guard let typeName = object["type"]?.stringValue, let type = BoardEventType(rawValue: typeName) else {
            throw bad("type inconnu", "unknown type")
        }
        guard let hash = object["hash"]?.stringValue, Ballot.isLowerHex(hash, length: 64),
              let prev = object["prev"]?.stringValue, Ballot.isLowerHex(prev, length: 64)
        else {
            throw bad("`hash` et `prev` comptent 64 chiffres hexadécimaux minuscules", "`hash` and `prev` are 64 lower-case hex digits")
        }
        return BoardEvent(seq: seqInt, type: type, payload: object["payload"]!, prev: prev, hash: hash)
    }

    /// The election definition a board starts with, for a voter's client that signs against the
    /// public board (`GET /api/v1/elections/{id}/board`) rather than the election resource. Only the
    /// setup event is checked (its place, hash and shape); `verify` checks the rest.
    public static func definition(in data: Data) throws(VerificationFailure) -> ElectionDefinition {
        let events = try parse(data)
        guard let setup = events.first else { throw VerificationFailure(seq: nil, .verifyEmpty()) }
        guard setup.seq == 1, setup.prev == BoardEvent.firstPrev else {
            throw VerificationFailure(seq: 1, .verifySeq(expected: 1, found: setup.seq))
        }
        guard EventFacts.compute(setup).hashMatches == true else { throw VerificationFailure(seq: 1, .verifyHashMismatch()) }
        var replay = BoardReplay(allowRedacted: true)
        if let broken = replay.apply(setup, EventFacts()) { throw VerificationFailure(seq: 1, broken) }
        return replay.definition!
    }

    // MARK: Trackers

    /// Where a voter's tracker stands on a board (`coopctl vote check`). It reads the board without
    /// checking signatures; `verify` is what checks the board itself.
    public static func check(tracker: String, in data: Data) throws(VerificationFailure) -> TrackerCheck {
        check(tracker: tracker, events: try parse(data))
    }

    /// Where a tracker stands on a board already in memory.
    public static func check(tracker: String, in board: Board) -> TrackerCheck {
        check(tracker: tracker, events: board.events)
    }

    static func check(tracker: String, events: [BoardEvent]) -> TrackerCheck {
        let wanted = tracker.lowercased().trimmingCharacters(in: .whitespaces)
        var found: (seq: Int, credential: String?)?
        var replacedBy: Int?
        var revoked = false
        for event in events {
            switch event.type {
            case .ballot:
                if let found {
                    if let credential = found.credential, replacedBy == nil, event.payload["credential"]?.stringValue == credential {
                        replacedBy = event.seq
                    }
                } else if let redacted = EventFacts.redactedTracker(event.payload) {
                    if redacted == wanted { found = (event.seq, nil) }
                } else if CanonicalJSON.sha256Hex(event.payload) == wanted {
                    found = (event.seq, event.payload["credential"]?.stringValue)
                }
            case .revoke:
                if let credential = found?.credential, event.payload["credential"]?.stringValue == credential { revoked = true }
            default: break
            }
        }
        guard let found else {
            return TrackerCheck(tracker: wanted, onBoard: false, seq: nil, counted: false, replacedBy: nil, credentialRevoked: false)
        }
        let counted: Bool? = found.credential == nil ? nil : (replacedBy == nil && !revoked)
        return TrackerCheck(tracker: wanted, onBoard: true, seq: found.seq, counted: counted, replacedBy: replacedBy, credentialRevoked: revoked)
    }
}
