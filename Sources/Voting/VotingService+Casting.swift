import CoopCore
import Membership
import Foundation

extension VotingService {
    /// Accepts a signed ballot (`POST /api/v1/elections/{id}/ballots`, no token: the signature is the
    /// authority) and appends it to the board; returns its tracker.
    ///
    /// Checks, in this order: the ballot's shape (`voting.malformed_ballot`) and election
    /// (`voting.wrong_election`); the election is open, by state and by the clock (`voting.closed`);
    /// the credential is listed (`voting.unknown_credential`) and not revoked
    /// (`voting.revoked_credential`); it signs the frozen definition (`voting.election_hash_mismatch`);
    /// the signature (`voting.bad_signature`); every answer (`voting.invalid_answer`).
    ///
    /// A later ballot from the same credential replaces the earlier in the tally; both stay on the
    /// board. Sending the same ballot again is answered with the first receipt and appends nothing,
    /// so a retry is harmless and a replay cannot bring back a replaced ballot.
    public func cast(_ ballotJSON: Data, election id: String) async throws -> CastReceipt {
        try caller.check(VotingVerb.cast)
        let id = Self.normalizedID(id)
        // An unknown election falls through to coop-voting-1's checks, which name what is wrong in order.
        if try await database.read({ db in (try? Self.fetchElection(id, counts: false, in: db))?.secret ?? false }) {
            return try await castSecret(ballotJSON, election: id)
        }
        let ballot = try Ballot(jsonData: ballotJSON)
        guard ballot.election == id else {
            throw CoopError.wrongElection(expected: id, got: ballot.election)
        }
        // Everything that does not depend on the board's latest state is checked before taking the
        // write lock: the signature costs ~0.2 ms and the writer serializes every cast.
        let now = context.now()
        let definition = try await database.read { db in
            let election = try Self.fetchElection(id, counts: false, in: db)
            try Self.requireOpen(election, at: now, timeZone: context.timeZone)
            try Self.requireActive(ballot.credential, election: id, in: db)
            guard let definition = election.definition else { throw CoopError.closed(id, opens: election.opens, closes: election.closes, timeZone: context.timeZone) }
            return definition
        }
        if let problem = ballot.problem(for: definition, electionHash: definition.electionHash) { throw problem }
        let tracker = ballot.tracker
        let payload = ballot.json
        return try await boardWrite { db in
            // Checked again under the lock: the election may have closed, the credential been revoked.
            let election = try Self.fetchElection(id, counts: false, in: db)
            try Self.requireOpen(election, at: context.now(), timeZone: context.timeZone)
            try Self.requireActive(ballot.credential, election: id, in: db)
            if let receipt = try Self.earlierReceipt(tracker: tracker, credential: ballot.credential, election: id, in: db) { return receipt }
            let event = try Self.append(.ballot, payload, election: id, tracker: tracker, credential: ballot.credential, in: db)
            return CastReceipt(election: id, tracker: tracker, seq: event.seq)
        }
    }

    /// The same ballot sent again: its first receipt when it is still its credential's last ballot (a
    /// retry), refused when a later one replaced it (a replay); nil for a ballot not on the board.
    static func earlierReceipt(tracker: String, credential: String, election id: String, in db: Connection) throws -> CastReceipt? {
        guard let seq = try db.scalar("SELECT seq FROM voting_board WHERE election_id = ? AND tracker = ?", [id, tracker], as: Int.self) else {
            return nil
        }
        let last = try db.scalar("SELECT max(seq) FROM voting_board WHERE election_id = ? AND credential = ?", [id, credential], as: Int.self)
        guard last == seq else { throw CoopError.ballotReplaced(seq: seq) }
        return CastReceipt(election: id, tracker: tracker, seq: seq)
    }

    /// Open by state, and `opens ≤ now < closes` by the clock.
    static func requireOpen(_ election: Election, at now: Instant, timeZone: TimeZone) throws {
        guard election.acceptsBallots(at: now) else {
            throw CoopError.closed(election.id, opens: election.opens, closes: election.closes, timeZone: timeZone)
        }
    }

    static func requireActive(_ credential: String, election id: String, in db: Connection) throws {
        guard let row = try db.queryOne("SELECT revoked_seq FROM voting_credentials WHERE election_id = ? AND public_key = ?", [id, credential]) else {
            throw CoopError.unknownCredential()
        }
        guard try row.get("revoked_seq", as: Int?.self) == nil else { throw CoopError.revokedCredential() }
    }
}
