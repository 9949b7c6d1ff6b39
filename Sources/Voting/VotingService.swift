import CoopCore
import Membership
import Foundation

/// The verbs of Voting: elections, credentials, casting, the board, the tally. Each runs as one
/// transaction; every rule is here, so the CLI and the API only translate.
///
/// Every write that touches an election's board commits with `synchronous=FULL` whatever the pool was
/// opened with (see `boardWrite`), so an accepted ballot survives a power cut.
public struct VotingService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `VotingVerb`

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }


    // MARK: Elections

    /// Creates a draft election with the next id (`E-0001`) and a fresh random salt.
    /// - Parameter secret: a coop-voting-2 election, whose tellers register before credentials are
    ///   issued (`registerTeller`) and decrypt its sums after close (docs/VOTING.md §12).
    public func createElection(_ input: NewElection, secret: Bool = false) async throws -> Election {
        try caller.check(VotingVerb.createElection)
        let now = context.now()
        let election = try input.validated(now: now, timeZone: context.timeZone)
        if secret { try Self.requireEncryptable(election.questions) }
        let salt = Hex.encode(try SecureRandom.bytes(16))
        return try await database.write { db in
            let id = Self.electionID(try Sequences.next("election_number", in: db))
            try db.execute("""
                INSERT INTO voting_elections (id, title, questions, opens, closes, cutoff, quorum_percent, salt, status,
                                              created_at, updated_at, secret)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)
                """, [id, election.title, try Self.questionsText(election.questions), election.opens, election.closes,
                      election.cutoff, election.quorumPercent, salt, now, now, secret])
            return try Self.fetchElection(id, in: db)
        }
    }

    /// Replaces a draft's definition; refused once credentials are issued.
    public func updateElection(_ id: String, _ input: NewElection) async throws -> Election {
        try caller.check(VotingVerb.updateElection)
        let now = context.now()
        let id = Self.normalizedID(id)
        let election = try input.validated(now: now, timeZone: context.timeZone)
        return try await database.write { db in
            let status = try Self.status(id, in: db)
            guard status == .draft else { throw CoopError.notDraft(id, status) }
            if try db.scalar("SELECT secret FROM voting_elections WHERE id = ?", [id], as: Bool.self) == true {
                try Self.requireEncryptable(election.questions)
            }
            try db.execute("""
                UPDATE voting_elections SET title = ?, questions = ?, opens = ?, closes = ?, cutoff = ?, quorum_percent = ?,
                       updated_at = ? WHERE id = ?
                """, [election.title, try Self.questionsText(election.questions), election.opens, election.closes,
                      election.cutoff, election.quorumPercent, now, id])
            return try Self.fetchElection(id, in: db)
        }
    }

    /// A secret election's ranked questions have at most `QuestionSlots.maxRankedChoices` choices: each
    /// possible ranking is a slot of every ballot (64 for 4 choices, 325 for 5).
    static func requireEncryptable(_ questions: [Question]) throws {
        for (i, question) in questions.enumerated() where question.kind == .ranked && question.choices.count > QuestionSlots.maxRankedChoices {
            throw CoopError(.invalid, "voting.secret_ranking_too_long", field: "questions[\(i + 1)].choices",
                            ["number": .integer(Int64(i + 1)), "max": .integer(Int64(QuestionSlots.maxRankedChoices))],
                            fr: "Question {number} : dans un scrutin secret, un classement compte au plus {max} choix.",
                            en: "Question {number}: in a secret election, a ranking has at most {max} choices.")
        }
    }

    /// The election with this id (`E-0001`; `e-1` and `1` are read the same).
    public func election(_ id: String) async throws -> Election {
        try caller.check(VotingVerb.election)
        let id = Self.normalizedID(id)
        return try await database.read { db in try Self.fetchElection(id, in: db) }
    }

    /// Elections in creation order, one page at a time.
    public func elections(page: PageRequest = PageRequest()) async throws -> Page<Election> {
        try caller.check(VotingVerb.elections)
        // Row ids, not the id text: "E-10000" sorts before "E-9999" as text.
        let after: Int64
        if let cursor = page.after {
            guard let n = Int64(cursor), n > 0 else { throw CoopError.invalidCursor() }
            after = n
        } else {
            after = 0
        }
        return try await database.read { db in
            let rows = try db.query(Self.selectSQL + " WHERE e.rowid > ? ORDER BY e.rowid LIMIT ?", [after, page.limit + 1])
            let items = try rows.prefix(page.limit).map { try Self.election(row: $0, in: db) }
            let next = rows.count > page.limit ? PageRequest.cursor(for: String(try rows[page.limit - 1].get("row_id") as Int64)) : nil
            return Page(items: items, next: next)
        }
    }

    /// The member numbers frozen as eligible (after credentials are issued), in number order. Who may
    /// vote, never which credential is whose.
    public func eligibleMembers(_ id: String) async throws -> [String] {
        try caller.check(VotingVerb.eligibleMembers)
        let id = Self.normalizedID(id)
        return try await database.read { db in
            _ = try Self.status(id, in: db)
            return try db.query("SELECT member_number FROM voting_eligible WHERE election_id = ? ORDER BY member_number", [id])
                .map { try $0.get("member_number") }
        }
    }

    // MARK: Opening and closing

    /// Opens the ballot box: from the opening instant, before the closing one, once credentials are out.
    public func open(_ id: String) async throws -> Election {
        try caller.check(VotingVerb.open)
        let zone = context.timeZone
        return try await advance(id, from: .credentialsIssued, event: .open, sql: "status = 'open', opened_at") { election, now in
            guard now >= election.opens else { throw CoopError.tooEarly(election.id, opens: election.opens, now: now, timeZone: zone) }
            guard now < election.closes else { throw CoopError.tooLate(election.id, closes: election.closes, now: now, timeZone: zone) }
        }
    }

    /// Closes the ballot box, not before the closing instant: a ballot cast in time is never cut off.
    public func close(_ id: String) async throws -> Election {
        try caller.check(VotingVerb.close)
        let zone = context.timeZone
        let closed = try await advance(id, from: .open, event: .close, sql: "status = 'closed', closed_at") { election, now in
            guard now >= election.closes else { throw CoopError.notYetClosable(election.id, closes: election.closes, now: now, timeZone: zone) }
        }
        guard closed.secret else { return closed }
        // A secret election's encrypted sums follow at once, for its tellers to decrypt.
        try await appendSecretTally(closed.id)
        return try await database.read { db in try Self.fetchElection(closed.id, in: db) }
    }

    // MARK: Shared steps

    /// Moves an election one step (opened, closed) on the board: from `state` only, once `allowed`
    /// accepts the instant, with the board event and the row change in one durable transaction.
    /// - Parameter sql: the status and instant columns set, `status = 'open', opened_at`.
    private func advance(
        _ id: String, from state: ElectionStatus, event: BoardEventType, sql: String,
        allowed: @escaping @Sendable (Election, Instant) throws -> Void
    ) async throws -> Election {
        let id = Self.normalizedID(id), context = context
        return try await boardWrite { db in
            let now = context.now()
            let election = try Self.fetchElection(id, in: db)
            guard election.status == state else { throw CoopError.wrongState(id, election.status, expected: state) }
            try allowed(election, now)
            _ = try Self.append(event, ["at": .string(now.iso8601)], election: id, in: db)
            try db.execute("UPDATE voting_elections SET \(sql) = ?, updated_at = ? WHERE id = ?", [now, now, id])
            return try Self.fetchElection(id, in: db)
        }
    }

    /// Runs `body` in one transaction whose commit is fsynced: the board survives a power cut even when
    /// the faces opened the pool for speed.
    func boardWrite<T: Sendable>(_ body: @Sendable @escaping (Connection) throws -> T) async throws -> T {
        try await database.write(durability: .full, body)
    }

    /// Appends one event after the board's last; call inside a board write.
    static func append(_ type: BoardEventType, _ payload: JSONValue, election: String, tracker: String? = nil,
                       credential: String? = nil, in db: Connection) throws -> BoardEvent {
        let last = try db.queryOne("SELECT seq, hash FROM voting_board WHERE election_id = ? ORDER BY seq DESC LIMIT 1", [election])
        let seq = (try last?.get("seq", as: Int.self) ?? 0) + 1
        let prev = try last?.get("hash", as: String.self) ?? BoardEvent.firstPrev
        let event = BoardEvent(seq: seq, type: type, payload: payload, prev: prev)
        try db.execute("""
            INSERT INTO voting_board (election_id, seq, type, payload, prev, hash, tracker, credential)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [election, seq, type.rawValue, CanonicalJSON.string(payload), prev, event.hash, tracker, credential])
        return event
    }

    static let selectSQL = """
        SELECT e.*, e.rowid AS row_id,
               (SELECT count(*) FROM voting_credentials c WHERE c.election_id = e.id AND c.revoked_seq IS NOT NULL) AS revoked_count,
               (SELECT count(*) FROM voting_board b WHERE b.election_id = e.id AND b.credential IS NOT NULL) AS ballot_count
        FROM voting_elections e
        """

    /// Without the counts, what casting reads twice per ballot: counting a large board's ballots
    /// under the write lock would cost every cast more than the rest of it.
    static let selectWithoutCountsSQL = """
        SELECT e.*, e.rowid AS row_id, 0 AS revoked_count, 0 AS ballot_count FROM voting_elections e
        """

    /// - Parameter counts: false leaves `revokedCount` and `ballotCount` at 0.
    static func fetchElection(_ id: String, counts: Bool = true, in db: Connection) throws -> Election {
        guard let row = try db.queryOne((counts ? selectSQL : selectWithoutCountsSQL) + " WHERE e.id = ?", [id]) else {
            throw CoopError.electionNotFound(id)
        }
        return try election(row: row, in: db)
    }

    /// A secret election's tellers, in index order.
    static func tellers(_ id: String, in db: Connection) throws -> [TellerShare] {
        try db.query("SELECT share, proof_c, proof_s FROM voting_tellers WHERE election_id = ? ORDER BY position", [id]).map { row in
            TellerShare(key: try row.get(0), proof: TellerShare.Proof(c: try row.get(1), s: try row.get(2)))
        }
    }

    static func election(row: Row, in db: Connection) throws -> Election {
        let id: String = try row.get("id")
        guard let status = ElectionStatus(rawValue: try row.get("status")),
              let questions = try? CanonicalJSON.parse(try row.get("questions", as: String.self)).decoded(as: [Question].self)
        else { throw DatabaseError(extendedCode: 1, message: "election \(id) has an unreadable definition") }
        return Election(
            id: id, title: try row.get("title"), questions: questions, opens: try row.get("opens"), closes: try row.get("closes"),
            cutoff: try row.get("cutoff"), quorumPercent: try row.get("quorum_percent"), status: status, salt: try row.get("salt"),
            electionHash: try row.get("election_hash"), eligibleCount: try row.get("eligible_count"),
            revokedCount: try row.get("revoked_count"), ballotCount: try row.get("ballot_count"),
            createdAt: try row.get("created_at"), credentialsIssuedAt: try row.get("credentials_issued_at"),
            openedAt: try row.get("opened_at"), closedAt: try row.get("closed_at"), talliedAt: try row.get("tallied_at"),
            secret: try row.get("secret"), tellers: try row.get("secret") ? try tellers(id, in: db) : [], booth: try row.get("booth"))
    }

    static func status(_ id: String, in db: Connection) throws -> ElectionStatus {
        guard let text = try db.scalar("SELECT status FROM voting_elections WHERE id = ?", [id], as: String.self),
              let status = ElectionStatus(rawValue: text)
        else { throw CoopError.electionNotFound(id) }
        return status
    }

    static func questionsText(_ questions: [Question]) throws -> String {
        CanonicalJSON.string(try JSONValue(encoding: questions))
    }

    static func electionID(_ n: Int64) -> String {
        let digits = String(n)
        return "E-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `e-12`, `E-0012` and `12` all name election E-0012.
    public static func normalizedID(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasPrefix("E-") { t.removeFirst(2) }
        guard let n = Int64(t), n > 0 else { return text.trimmingCharacters(in: .whitespaces) }
        return electionID(n)
    }
}
