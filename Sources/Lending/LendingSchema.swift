import CoopCore

/// The Lending tables, all prefixed `lending_`. Forward-only: a change is a new numbered migration.
///
/// Register after Inventory (`Sequences`, `MembershipSchema`, `InventorySchema`, then this): loans,
/// reservations and holds refer to members and items by row id.
public enum LendingSchema {
    /// Adds Lending's migrations to `migrator`.
    public static func register(in migrator: inout Migrator) {
        migrator.register("lending.1", sql: """
            -- One row per category subtree, NULL for the co-op's default. Without a default row the
            -- built-in one (LoanPolicy.builtInDefault) applies, so lending works before any `policy set`.
            CREATE TABLE lending_policies (
                id INTEGER PRIMARY KEY,
                category TEXT COLLATE NOCASE,
                loan_days INTEGER NOT NULL CHECK (loan_days >= 1),
                max_renewals INTEGER NOT NULL CHECK (max_renewals >= 0),
                self_renew INTEGER NOT NULL CHECK (self_renew IN (0, 1)),
                fee_per_day_cents INTEGER NOT NULL CHECK (fee_per_day_cents >= 0),
                grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
                fee_cap_cents INTEGER NOT NULL CHECK (fee_cap_cents >= 0),
                max_reservation_days INTEGER NOT NULL CHECK (max_reservation_days >= 1),
                max_advance_days INTEGER NOT NULL CHECK (max_advance_days >= 0),
                buffer_days INTEGER NOT NULL CHECK (buffer_days >= 0),
                hold_ready_days INTEGER NOT NULL CHECK (hold_ready_days >= 1),
                updated_at TEXT NOT NULL
            );
            -- A UNIQUE column would allow many NULLs: one default, one row per path (without regard to case).
            CREATE UNIQUE INDEX lending_policies_scope ON lending_policies(coalesce(category, '') COLLATE NOCASE);

            -- The co-op's lending settings: one row, absent until first set (defaults in LendingSettings).
            CREATE TABLE lending_settings (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                fee_threshold_cents INTEGER NOT NULL CHECK (fee_threshold_cents >= 0),
                updated_at TEXT NOT NULL
            );

            -- Closed days push due dates to the next open day: ISO weekdays closed every week, and dates.
            CREATE TABLE lending_closed_weekdays (
                weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7)
            );
            CREATE TABLE lending_closures (
                day TEXT PRIMARY KEY,
                reason TEXT NOT NULL,
                created_at TEXT NOT NULL
            );

            -- A loan keeps the fee and renewal terms of the policy it went out under, so a later policy
            -- change never rewrites what a member agreed to. Status 'overdue' is derived, never stored.
            CREATE TABLE lending_loans (
                id INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                item_code TEXT NOT NULL,
                member_id INTEGER NOT NULL REFERENCES members(id),
                member_number TEXT NOT NULL,
                units INTEGER NOT NULL CHECK (units >= 1),
                out_at TEXT NOT NULL,
                due TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'returned', 'lost')),
                returned_at TEXT,
                renewals INTEGER NOT NULL DEFAULT 0,
                loan_days INTEGER NOT NULL,
                max_renewals INTEGER NOT NULL,
                self_renew INTEGER NOT NULL,
                fee_per_day_cents INTEGER NOT NULL,
                grace_days INTEGER NOT NULL,
                fee_cap_cents INTEGER NOT NULL,
                late_fee_cents INTEGER NOT NULL DEFAULT 0,
                condition TEXT,
                maintenance_reason TEXT,
                reservation_id INTEGER REFERENCES lending_reservations(id),
                out_by TEXT,
                returned_by TEXT
            );
            CREATE INDEX lending_loans_open_item ON lending_loans(item_id) WHERE status = 'open';
            CREATE INDEX lending_loans_open_due ON lending_loans(due) WHERE status = 'open';
            CREATE INDEX lending_loans_member ON lending_loans(member_number, id);
            CREATE INDEX lending_loans_item ON lending_loans(item_id, id);

            -- Status 'expired' is derived: a booked reservation whose first day has passed.
            CREATE TABLE lending_reservations (
                id INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                item_code TEXT NOT NULL,
                member_id INTEGER NOT NULL REFERENCES members(id),
                member_number TEXT NOT NULL,
                units INTEGER NOT NULL CHECK (units >= 1),
                from_day TEXT NOT NULL,
                to_day TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('booked', 'collected', 'cancelled')),
                loan_id INTEGER REFERENCES lending_loans(id),
                created_at TEXT NOT NULL,
                created_by TEXT,
                cancelled_at TEXT,
                cancelled_by TEXT,
                CHECK (from_day <= to_day)
            );
            CREATE INDEX lending_reservations_item ON lending_reservations(item_id, from_day) WHERE status = 'booked';
            CREATE INDEX lending_reservations_from ON lending_reservations(from_day) WHERE status = 'booked';
            CREATE INDEX lending_reservations_member ON lending_reservations(member_number, id);

            -- The waitlist: waiting holds are ordered by position (gaps allowed; reordering renumbers).
            CREATE TABLE lending_holds (
                id INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL REFERENCES inventory_items(id),
                item_code TEXT NOT NULL,
                member_id INTEGER NOT NULL REFERENCES members(id),
                member_number TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('waiting', 'ready', 'fulfilled', 'expired', 'cancelled')),
                position INTEGER,
                ready_since TEXT,
                ready_until TEXT,
                loan_id INTEGER REFERENCES lending_loans(id),
                created_at TEXT NOT NULL,
                closed_at TEXT
            );
            CREATE INDEX lending_holds_item ON lending_holds(item_id, status, position);
            CREATE INDEX lending_holds_member ON lending_holds(member_number, id);

            -- Every fee is also an entry in the member's account (account_entry_id); a waiver is a new
            -- negative entry. Amounts are never changed and rows never deleted (the triggers refuse it).
            CREATE TABLE lending_fees (
                id INTEGER PRIMARY KEY,
                member_id INTEGER NOT NULL REFERENCES members(id),
                member_number TEXT NOT NULL,
                loan_id INTEGER REFERENCES lending_loans(id),
                item_code TEXT,
                kind TEXT NOT NULL CHECK (kind IN ('late', 'lost', 'damage')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                description TEXT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT,
                account_entry_id INTEGER NOT NULL,
                waived_at TEXT,
                waived_reason TEXT,
                waived_by TEXT,
                waiver_entry_id INTEGER
            );
            CREATE INDEX lending_fees_member ON lending_fees(member_number, id);
            CREATE INDEX lending_fees_loan ON lending_fees(loan_id);
            CREATE TRIGGER lending_fees_no_delete BEFORE DELETE ON lending_fees
                BEGIN SELECT RAISE(ABORT, 'lending fees are never deleted'); END;
            CREATE TRIGGER lending_fees_fixed BEFORE UPDATE OF id, member_id, member_number, loan_id, kind, amount_cents,
                description, created_at, account_entry_id ON lending_fees
                BEGIN SELECT RAISE(ABORT, 'a fee is never rewritten: waive it'); END;
            CREATE TRIGGER lending_fees_waived_once BEFORE UPDATE ON lending_fees WHEN old.waived_at IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a waived fee stays waived'); END;
            CREATE TRIGGER lending_loans_no_delete BEFORE DELETE ON lending_loans
                BEGIN SELECT RAISE(ABORT, 'loans are never deleted'); END;
            CREATE TRIGGER lending_reservations_no_delete BEFORE DELETE ON lending_reservations
                BEGIN SELECT RAISE(ABORT, 'reservations are never deleted'); END;
            CREATE TRIGGER lending_holds_no_delete BEFORE DELETE ON lending_holds
                BEGIN SELECT RAISE(ABORT, 'holds are never deleted'); END;

            -- What happened, in order: one row per verb (and per hold offered or expired). Append-only.
            CREATE TABLE lending_events (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT,
                loan_id INTEGER,
                reservation_id INTEGER,
                hold_id INTEGER,
                fee_id INTEGER,
                detail TEXT
            );
            CREATE INDEX lending_events_loan ON lending_events(loan_id) WHERE loan_id IS NOT NULL;
            CREATE TRIGGER lending_events_no_update BEFORE UPDATE ON lending_events
                BEGIN SELECT RAISE(ABORT, 'lending events are append-only'); END;
            CREATE TRIGGER lending_events_no_delete BEFORE DELETE ON lending_events
                BEGIN SELECT RAISE(ABORT, 'lending events are append-only'); END;
            """)
        migrator.register("lending.2", sql: """
            -- Each check-out counts the member's open loans against the plan's limit; through
            -- lending_loans_member that read every loan the member ever had, so the desk slowed down
            -- as years of history piled up. Open loans are few: this index holds only them.
            CREATE INDEX lending_loans_open_member ON lending_loans(member_number) WHERE status = 'open';
            """)
        migrator.register("lending.3", sql: """
            -- An overdue loan blocks new loans for its member unless the co-op turns that off.
            ALTER TABLE lending_settings ADD COLUMN overdue_blocks_loans INTEGER NOT NULL DEFAULT 1 CHECK (overdue_blocks_loans IN (0, 1));
            """)
    }
}

/// Appends to `lending_events`, inside the verb's own transaction.
enum LendingEvents {
    static func append(
        _ kind: String, loan: Int64? = nil, reservation: Int64? = nil, hold: Int64? = nil, fee: Int64? = nil,
        actor: String?, detail: String? = nil, at: Instant, in db: Connection
    ) throws {
        try db.execute("""
            INSERT INTO lending_events (at, kind, actor, loan_id, reservation_id, hold_id, fee_id, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [at, kind, actor, loan, reservation, hold, fee, detail])
    }
}
