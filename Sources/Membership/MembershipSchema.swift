import CoopCore

/// The Membership tables. Forward-only: a change is a new numbered migration, never an edit.
public enum MembershipSchema {
    public static func register(in migrator: inout Migrator) {
        migrator.register("membership.1", sql: """
            CREATE TABLE membership_plans (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0),
                period_months INTEGER NOT NULL CHECK (period_months BETWEEN 1 AND 120),
                max_loans INTEGER NOT NULL CHECK (max_loans >= 0),
                max_reservations INTEGER NOT NULL CHECK (max_reservations >= 0),
                created_at TEXT NOT NULL
            );
            CREATE TABLE members (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                email TEXT UNIQUE COLLATE NOCASE,
                phone TEXT,
                language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
                category TEXT NOT NULL CHECK (category IN ('user', 'worker', 'supporting')),
                plan_id INTEGER REFERENCES membership_plans(id),
                suspended INTEGER NOT NULL DEFAULT 0,
                suspension_reason TEXT,
                joined_on TEXT NOT NULL,
                membership_ends TEXT,
                share_capital_cents INTEGER NOT NULL DEFAULT 0 CHECK (share_capital_cents >= 0),
                anonymized_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE TABLE membership_renewals (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES members(id),
                plan_id INTEGER NOT NULL REFERENCES membership_plans(id),
                amount_cents INTEGER NOT NULL,
                paid_at TEXT NOT NULL,
                previous_end TEXT,
                new_end TEXT NOT NULL
            );
            CREATE INDEX membership_renewals_member ON membership_renewals(member_id);
            CREATE TABLE membership_events (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES members(id),
                kind TEXT NOT NULL,
                reason TEXT,
                at TEXT NOT NULL
            );
            CREATE INDEX membership_events_member ON membership_events(member_id);
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY,
                prefix TEXT NOT NULL,
                hash BLOB NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'member')),
                member_id INTEGER REFERENCES members(id),
                label TEXT,
                created_at TEXT NOT NULL,
                revoked_at TEXT
            );
            CREATE INDEX api_tokens_prefix ON api_tokens(prefix);
            """)
        // One account per member, shared by every domain: Lending posts fees and waivers, Orders
        // invoices and credit notes, the desk payments. Entries are never updated or deleted.
        migrator.register("membership.2", sql: """
            CREATE TABLE account_entries (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES members(id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                amount_cents INTEGER NOT NULL,
                description TEXT NOT NULL,
                source TEXT NOT NULL,
                reference TEXT,
                method TEXT
            );
            CREATE INDEX account_entries_member ON account_entries(member_id, id);
            CREATE TRIGGER account_entries_no_update BEFORE UPDATE ON account_entries
                BEGIN SELECT RAISE(ABORT, 'account entries are never changed'); END;
            CREATE TRIGGER account_entries_no_delete BEFORE DELETE ON account_entries
                BEGIN SELECT RAISE(ABORT, 'account entries are never deleted'); END;
            """)
        // Finding a member by name, e-mail or phone at the desk: each member row carries its names and
        // e-mail folded (lower case, no accents) and its phone's digits, written by the service with the
        // row, so a search is a scan of two short columns with no function call per row.
        migrator.register("membership.3") { db in
            try db.execute("""
                ALTER TABLE members ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
                ALTER TABLE members ADD COLUMN phone_digits TEXT NOT NULL DEFAULT '';
                """)
            for row in try db.query("SELECT id, first_name, last_name, email, phone FROM members") {
                try db.execute("UPDATE members SET search_text = ?, phone_digits = ? WHERE id = ?", [
                    MemberSearch.text(firstName: try row.get("first_name"), lastName: try row.get("last_name"), email: try row.get("email")),
                    MemberSearch.digits(try row.get("phone")), try row.get("id") as Int64,
                ])
            }
        }
        // A payment typed wrong is undone by a void: a new entry of the opposite amount that names the
        // payment it voids. The unique index makes a second void of the same payment impossible.
        migrator.register("membership.4", sql: """
            ALTER TABLE account_entries ADD COLUMN voids INTEGER REFERENCES account_entries(id);
            CREATE UNIQUE INDEX account_entries_voids ON account_entries(voids) WHERE voids IS NOT NULL;
            """)
        // What an entry is, in no language (`{"phrase":"invoice","values":{"number":"2026-000001"}}`,
        // `EntryWording`): each reader gets it in theirs, a member's statement in the member's. NULL for
        // a note or reason a person wrote, and for older entries, whose two-language text is shown by halves.
        migrator.register("membership.5", sql: """
            ALTER TABLE account_entries ADD COLUMN wording TEXT;
            """)
        // What other domains may read of Membership's tables in their list joins (an invoice list, a
        // packing slip, a member's fees), so that only Membership names its tables in SQL (see
        // `DomainBoundaryTests`); single rows inside a write go through `MemberRecord` and `AccountLedger`.
        // Only the columns those joins read: no e-mail, phone or other personal data. Plain views over
        // one table, which SQLite inlines into the query, so a join still uses the tables' indexes.
        migrator.register("membership.6", sql: """
            CREATE VIEW membership_public_members AS
                SELECT id, number, first_name, last_name, language FROM members;
            CREATE VIEW membership_public_account_entries AS
                SELECT id, wording FROM account_entries;
            """)
        // Signing in to the web pages (`SignInService`): a member's role there, their password's scrypt
        // hash and failed attempts; one-time codes by SHA-256; and the pages' sessions, keyed by the
        // SHA-256 of the cookie's value so that reading the database does not let one sign in as anyone.
        migrator.register("membership.7", sql: """
            CREATE TABLE membership_web_accounts (
                member_id INTEGER PRIMARY KEY REFERENCES members(id),
                role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'staff', 'admin')),
                password_hash TEXT,
                failures INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT
            );
            CREATE TABLE membership_sign_in_codes (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES members(id),
                hash BLOB NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            );
            CREATE INDEX membership_sign_in_codes_member ON membership_sign_in_codes(member_id);
            CREATE TABLE web_sessions (
                key_hash BLOB PRIMARY KEY,
                value BLOB NOT NULL,
                expires_at TEXT
            );
            """)
        // The co-op's profile, printed on its invoices and statements (`CoopProfile`): one row, absent
        // until an administrator first sets it, with who changed it last.
        migrator.register("membership.8", sql: """
            CREATE TABLE membership_coop_profile (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
                address TEXT,
                gst_number TEXT,
                qst_number TEXT,
                updated_at TEXT NOT NULL,
                updated_by TEXT
            );
            """)
    }
}
