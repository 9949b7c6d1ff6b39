import CoopCore

/// The Voting tables. Forward-only: a change is a new numbered migration, never an edit.
///
/// The board is append-only twice over: the service only ever inserts, and triggers refuse any
/// UPDATE or DELETE and any insert that does not extend the chain (next seq, prev = last hash).
/// No table holds which member got which credential: `voting_eligible` lists who may vote,
/// `voting_credentials` the public keys, with nothing that links a row of one to a row of the other.
public enum VotingSchema {
    /// Registers `voting.1`; after `Sequences` and `MembershipSchema` (eligibility reads `members`).
    public static func register(in migrator: inout Migrator) {
        migrator.register("voting.1", sql: """
            CREATE TABLE voting_elections (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                questions TEXT NOT NULL,
                opens TEXT NOT NULL,
                closes TEXT NOT NULL,
                cutoff TEXT,
                quorum_percent INTEGER CHECK (quorum_percent BETWEEN 1 AND 100),
                salt TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'credentials_issued', 'open', 'closed', 'tallied')),
                election_hash TEXT,
                eligible_count INTEGER,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                credentials_issued_at TEXT,
                opened_at TEXT,
                closed_at TEXT,
                tallied_at TEXT
            );
            CREATE TABLE voting_eligible (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                member_number TEXT NOT NULL,
                PRIMARY KEY (election_id, member_number)
            ) WITHOUT ROWID;
            CREATE TABLE voting_credentials (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                public_key TEXT NOT NULL,
                added_seq INTEGER NOT NULL,
                revoked_seq INTEGER,
                PRIMARY KEY (election_id, public_key)
            ) WITHOUT ROWID;
            CREATE TABLE voting_board (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                seq INTEGER NOT NULL CHECK (seq >= 1),
                type TEXT NOT NULL CHECK (type IN ('setup', 'credentials', 'open', 'ballot', 'revoke', 'close', 'result')),
                payload TEXT NOT NULL,
                prev TEXT NOT NULL,
                hash TEXT NOT NULL,
                tracker TEXT,
                credential TEXT,
                PRIMARY KEY (election_id, seq)
            ) WITHOUT ROWID;
            \(boardGuards)
            """)
        // Secret elections (coop-voting-2, docs/VOTING.md §12): the flag, and each teller's public key
        // share with its proof, in registration order (the position is the teller's index).
        migrator.register("voting.2", sql: """
            ALTER TABLE voting_elections ADD COLUMN secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1));
            CREATE TABLE voting_tellers (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                position INTEGER NOT NULL CHECK (position >= 1),
                share TEXT NOT NULL,
                proof_c TEXT NOT NULL,
                proof_s TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                PRIMARY KEY (election_id, position),
                UNIQUE (election_id, share)
            ) WITHOUT ROWID;
            """)
        // The copy rule of secret ballots: every slot's `alpha` cast, with its credential, so an answer
        // copied under another credential is refused (docs/VOTING.md §5 of coop-voting-2).
        migrator.register("voting.3", sql: """
            CREATE TABLE voting_alphas (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                alpha TEXT NOT NULL,
                credential TEXT NOT NULL,
                PRIMARY KEY (election_id, alpha)
            ) WITHOUT ROWID;
            """)
        // A secret election's board goes on after `close`: the encrypted sums (`tally`) and each teller's
        // `decryption`. SQLite cannot change a CHECK, so the table is rebuilt, rows, indexes and triggers.
        migrator.register("voting.4", sql: """
            CREATE TABLE voting_board_new (
                election_id TEXT NOT NULL REFERENCES voting_elections(id),
                seq INTEGER NOT NULL CHECK (seq >= 1),
                type TEXT NOT NULL CHECK (type IN ('setup', 'credentials', 'open', 'ballot', 'revoke', 'close', 'tally', 'decryption', 'result')),
                payload TEXT NOT NULL,
                prev TEXT NOT NULL,
                hash TEXT NOT NULL,
                tracker TEXT,
                credential TEXT,
                PRIMARY KEY (election_id, seq)
            ) WITHOUT ROWID;
            INSERT INTO voting_board_new SELECT election_id, seq, type, payload, prev, hash, tracker, credential FROM voting_board;
            DROP TABLE voting_board;
            ALTER TABLE voting_board_new RENAME TO voting_board;
            \(boardGuards)
            """)
        // The fingerprint of the booth's scripts a secret election was offered with, written in its
        // setup when credentials are issued (docs/VOTING.md §12.3), kept to rebuild the definition.
        migrator.register("voting.5", sql: """
            ALTER TABLE voting_elections ADD COLUMN booth TEXT CHECK (booth IS NULL OR length(booth) = 64);
            """)
    }

    /// The board's indexes and its append-only, chained guards: made with the table, and again when
    /// voting.4 rebuilds it.
    static let boardGuards = """
        CREATE UNIQUE INDEX voting_board_tracker ON voting_board(election_id, tracker) WHERE tracker IS NOT NULL;
        CREATE INDEX voting_board_credential ON voting_board(election_id, credential, seq) WHERE credential IS NOT NULL;
        CREATE TRIGGER voting_board_no_update BEFORE UPDATE ON voting_board
        BEGIN SELECT RAISE(ABORT, 'the voting board is append-only'); END;
        CREATE TRIGGER voting_board_no_delete BEFORE DELETE ON voting_board
        BEGIN SELECT RAISE(ABORT, 'the voting board is append-only'); END;
        CREATE TRIGGER voting_board_chain BEFORE INSERT ON voting_board
        WHEN NEW.seq <> COALESCE((SELECT max(seq) FROM voting_board WHERE election_id = NEW.election_id), 0) + 1
          OR NEW.prev <> COALESCE((SELECT hash FROM voting_board WHERE election_id = NEW.election_id ORDER BY seq DESC LIMIT 1),
                          '0000000000000000000000000000000000000000000000000000000000000000')
        BEGIN SELECT RAISE(ABORT, 'a board event must extend the chain'); END;
        """
}
