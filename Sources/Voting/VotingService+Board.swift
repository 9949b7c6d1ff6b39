import CoopCore
import Membership
import Foundation

extension VotingService {
    /// The board as the public sees it (`coopctl election board`, `GET /api/v1/elections/{id}/board`):
    /// every event, but while voting is open each ballot shows only its tracker; in full after close.
    public func board(_ id: String) async throws -> Board {
        try caller.check(VotingVerb.board)
        let id = Self.normalizedID(id)
        let (election, events) = try await database.read { db in
            (try Self.fetchElection(id, counts: false, in: db), try Self.events(id, in: db))
        }
        // A secret election's ballots are encrypted: they are safe to show while voting is open.
        let published = election.secret || election.status == .closed || election.status == .tallied
        return Board(events: published ? events : events.map(\.redacted))
    }

    /// The public board as canonical JSON text: `{"events": [...]}`.
    public func boardJSON(_ id: String) async throws -> Data {
        try caller.check(VotingVerb.boardJSON)
        return try await board(id).jsonData
    }

    /// Counts the ballots and appends the `result` event; the election must be closed. Tallying a
    /// tallied election returns its result again.
    ///
    /// The whole board is verified first, as any observer would (hash chain, signatures, credentials,
    /// answers): a database edited behind the service's back is refused, not counted.
    public func tally(_ id: String) async throws -> ElectionResult {
        try caller.check(VotingVerb.tally)
        let id = Self.normalizedID(id)
        let (election, events) = try await database.read { db in
            (try Self.fetchElection(id, in: db), try Self.events(id, in: db))
        }
        if election.status == .tallied { return try Self.publishedResult(events) }
        guard election.status == .closed else { throw CoopError.wrongState(id, election.status, expected: .closed) }
        if election.secret { return try await secretTally(id, events: events) }
        let report: VerificationReport
        switch await BoardVerifier.verifyInBackground(Board(events: events)) {
        case .success(let verified): report = verified
        case .failure(let failure): throw CoopError.boardCorrupt(failure)
        }
        guard let recount = report.recount else { throw CoopError.wrongState(id, election.status, expected: .closed) }
        let payload = try JSONValue(encoding: recount)
        return try await boardWrite { db in
            let now = context.now()
            let status = try Self.status(id, in: db)
            if status == .tallied { return try Self.publishedResult(try Self.events(id, in: db)) }
            guard status == .closed else { throw CoopError.wrongState(id, status, expected: .closed) }
            // Nothing can be appended to a closed board but the result; the chain trigger would refuse
            // a result computed on another head anyway.
            _ = try Self.append(.result, payload, election: id, in: db)
            try db.execute("UPDATE voting_elections SET status = 'tallied', tallied_at = ?, updated_at = ? WHERE id = ?", [now, now, id])
            return recount
        }
    }

    /// A closed secret election is counted by its tellers: the tally makes sure the encrypted sums are
    /// on the board (a crash between `close` and them leaves them out) and says who has not decrypted.
    private func secretTally(_ id: String, events: [BoardEvent]) async throws -> ElectionResult {
        if events.last?.type == .close { try await appendSecretTally(id) }
        let (election, current) = try await database.read { db in (try Self.fetchElection(id, counts: false, in: db), try Self.events(id, in: db)) }
        if election.status == .tallied { return try Self.publishedResult(current) }
        let posted = Set(current.filter { $0.type == .decryption }.compactMap { try? DecryptionEvent(json: $0.payload).teller })
        throw CoopError.awaitingTellers(id, remaining: (1...max(1, election.tellers.count)).filter { !posted.contains($0) })
    }

    /// The published result (`GET /api/v1/elections/{id}/result`); `voting.not_tallied` before the tally.
    public func result(_ id: String) async throws -> ElectionResult {
        try caller.check(VotingVerb.result)
        let id = Self.normalizedID(id)
        let (status, events) = try await database.read { db in
            (try Self.status(id, in: db), try Self.events(id, in: db))
        }
        guard status == .tallied else { throw CoopError.notTallied(id) }
        return try Self.publishedResult(events)
    }

    static func publishedResult(_ events: [BoardEvent]) throws -> ElectionResult {
        guard let event = events.last, event.type == .result else {
            throw DatabaseError(extendedCode: 1, message: "a tallied election's board does not end with its result")
        }
        return try event.payload.decoded(as: ElectionResult.self)
    }

    /// Every event of an election's board, in order, in full.
    static func events(_ id: String, in db: Connection) throws -> [BoardEvent] {
        var events: [BoardEvent] = []
        try db.forEach("SELECT seq, type, payload, prev, hash FROM voting_board WHERE election_id = ? ORDER BY seq", [id]) { row in
            guard let type = BoardEventType(rawValue: try row.get("type")) else {
                throw DatabaseError(extendedCode: 1, message: "unknown board event type")
            }
            let payload = try CanonicalJSON.parse(try row.get("payload", as: String.self))
            events.append(BoardEvent(seq: try row.get("seq"), type: type, payload: payload, prev: try row.get("prev"), hash: try row.get("hash")))
        }
        return events
    }
}
