import BoothScripts
import CoopCore
import Foundation
import Membership

extension VotingService {
    /// Freezes who may vote and makes their credentials, in one transaction:
    /// 1. the members active at the cut-off (its own, or now) are read;
    /// 2. each gets a random code and the Ed25519 key derived from it;
    /// 3. the board gets `setup` (the frozen definition) and `credentials` (the shuffled public keys
    ///    and their SHA-256); the election stores the keys and the eligible numbers, never which is whose.
    ///
    /// The codes are returned once, here; the caller hands them out and must keep nothing else.
    public func issueCredentials(_ id: String) async throws -> CredentialIssue {
        try caller.check(VotingVerb.issueCredentials)
        let id = Self.normalizedID(id)
        let timeZone = context.timeZone
        return try await boardWrite { db in
            let now = context.now()
            let election = try Self.fetchElection(id, in: db)
            guard election.status == .draft else { throw CoopError.wrongState(id, election.status, expected: .draft) }
            guard now < election.closes else { throw CoopError.tooLate(id, closes: election.closes, now: now, timeZone: context.timeZone) }
            let cutoff = election.cutoff ?? now
            guard cutoff <= now else { throw CoopError.cutoffNotReached(cutoff, timeZone: timeZone) }
            let members = try MemberRecord.numbersActive(at: cutoff, timeZone: timeZone, in: db)
            guard !members.isEmpty else { throw CoopError.noEligibleMembers(cutoff, timeZone: timeZone) }

            if election.secret, election.tellers.isEmpty { throw CoopError.noTellers(id) }
            let definition = ElectionDefinition(id: id, title: election.title, questions: election.questions,
                                                opens: election.opens, closes: election.closes, cutoff: cutoff,
                                                quorumPercent: election.quorumPercent, salt: election.salt,
                                                tellers: election.secret ? election.tellers : nil,
                                                booth: election.secret ? BoothScripts.current.sha256 : nil)
            let issued = try Self.makeCredentials(for: members, definition: definition)
            let keys = try Self.shuffled(issued.map(\.credential))
            let list = JSONValue.array(keys.map { .string($0) })
            let fingerprint = CanonicalJSON.sha256Hex(list)

            _ = try Self.append(.setup, definition.json, election: id, in: db)
            let credentialsEvent = try Self.append(.credentials, ["count": .integer(Int64(keys.count)), "credentials": list,
                                                                 "sha256": .string(fingerprint)], election: id, in: db)
            for member in members {
                try db.execute("INSERT INTO voting_eligible (election_id, member_number) VALUES (?, ?)", [id, member])
            }
            for key in keys {
                try db.execute("INSERT INTO voting_credentials (election_id, public_key, added_seq) VALUES (?, ?, ?)",
                               [id, key, credentialsEvent.seq])
            }
            try db.execute("""
                UPDATE voting_elections SET status = 'credentials_issued', cutoff = ?, election_hash = ?, eligible_count = ?,
                       credentials_issued_at = ?, updated_at = ?, booth = ? WHERE id = ?
                """, [cutoff, definition.electionHash, keys.count, now, now, definition.booth, id])
            // Each member's code goes to the outbox sealed (see `OutboxKey`), in this transaction: a
            // code exists in the outbox if and only if it is on the board.
            let values: [String: NoticeValue] = ["election": .text(id), "title": .text(election.title),
                                                 "opens": .instant(election.opens), "closes": .instant(election.closes)]
            for credential in issued {
                try Outbox.enqueue(Notice(.electionCredential, cause: "\(id):\(credential.member)", member: credential.member,
                                          values: values, secret: credential.code), at: now, in: db)
            }
            return CredentialIssue(election: try Self.fetchElection(id, in: db), credentials: issued, fingerprint: fingerprint)
        }
    }

    /// Replaces a member's lost credential: the old public key is revoked and the new one listed, in
    /// one `revoke` event, so the board shows it and the number of active credentials never grows.
    ///
    /// The member is not named: the issuer finds the old key in the member's file (or the member
    /// gives it). A ballot already cast with the old key stays on the board but no longer counts.
    public func reissueCredential(_ id: String, lost credential: String) async throws -> ReissuedCredential {
        try caller.check(VotingVerb.reissueCredential)
        let id = Self.normalizedID(id)
        let old = credential.trimmingCharacters(in: .whitespaces).lowercased()
        return try await boardWrite { db in
            let now = context.now()
            let election = try Self.fetchElection(id, in: db)
            guard election.status == .credentialsIssued || election.status == .open else {
                throw CoopError.wrongState(id, election.status, expected: .open)
            }
            guard now < election.closes else { throw CoopError.tooLate(id, closes: election.closes, now: now, timeZone: context.timeZone) }
            guard let row = try db.queryOne("SELECT revoked_seq FROM voting_credentials WHERE election_id = ? AND public_key = ?", [id, old]),
                  try row.get("revoked_seq", as: Int?.self) == nil
            else { throw CoopError.credentialNotFound(old) }
            let code = try CredentialCode.generate()
            let new = try code.privateKey(electionID: id, salt: election.salt).publicKey.hex
            let event = try Self.append(.revoke, ["credential": .string(old), "replacement": .string(new)], election: id, in: db)
            try db.execute("UPDATE voting_credentials SET revoked_seq = ? WHERE election_id = ? AND public_key = ?", [event.seq, id, old])
            try db.execute("INSERT INTO voting_credentials (election_id, public_key, added_seq) VALUES (?, ?, ?)", [id, new, event.seq])
            try db.execute("UPDATE voting_elections SET updated_at = ? WHERE id = ?", [now, id])
            return ReissuedCredential(election: id, code: code.grouped, credential: new, revoked: old, seq: event.seq)
        }
    }

    /// A code and its public key per member, keys derived on every core (an HMAC and an Ed25519
    /// key generation each).
    static func makeCredentials(for members: [String], definition: ElectionDefinition) throws -> [IssuedCredential] {
        let codes = try members.map { _ in try CredentialCode.generate() }
        let keys = Parallel.map(count: codes.count) { i in
            Result { try codes[i].privateKey(electionID: definition.id, salt: definition.salt).publicKey.hex }
        }
        // Two equal keys (75 random bits each: unthinkable) would break the table's primary key and
        // roll everything back rather than list a credential twice.
        return try members.enumerated().map { i, member in
            IssuedCredential(member: member, code: codes[i].grouped, credential: try keys[i].get())
        }
    }

    /// Fisher–Yates with the secure generator, so the list's order says nothing about members.
    static func shuffled(_ keys: [String]) throws -> [String] {
        var keys = keys
        var i = keys.count - 1
        while i > 0 {
            let j = Int(try SecureRandom.integer(below: UInt64(i + 1)))
            keys.swapAt(i, j)
            i -= 1
        }
        return keys
    }
}
