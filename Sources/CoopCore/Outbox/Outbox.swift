import Foundation

/// The table of notices waiting to be sent, written by the domains in the same transaction as the
/// change that causes each (so a notice exists if and only if its cause was committed), and drained
/// by the Notifications module's delivery.
public enum Outbox {
    /// Registers the outbox and the members' opt-outs.
    public static func register(in migrator: inout Migrator) {
        migrator.register("core.2", sql: """
            -- status: queued (waiting for its next attempt, at next_attempt_ms), sending (claimed by the
            -- process claimed_by until claimed_until_ms), sent, failed (given up: last_error says why).
            CREATE TABLE coop_outbox (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                member_number TEXT NOT NULL,
                topic TEXT,
                payload TEXT NOT NULL,
                sealed BLOB,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_ms INTEGER NOT NULL,
                claimed_by INTEGER,
                claimed_until_ms INTEGER,
                last_error TEXT,
                recipient TEXT,
                created_at TEXT NOT NULL,
                sent_at TEXT,
                failed_at TEXT
            );
            CREATE INDEX coop_outbox_due ON coop_outbox(status, next_attempt_ms, id);
            CREATE INDEX coop_outbox_member ON coop_outbox(member_number, id);
            CREATE TABLE coop_notice_opt_outs (
                member_number TEXT NOT NULL,
                topic TEXT NOT NULL,
                at TEXT NOT NULL,
                PRIMARY KEY (member_number, topic)
            ) WITHOUT ROWID;
            """)
    }

    /// Writes `notice` unless one with its key exists or the member turned its topic off; call inside
    /// the transaction of its cause. Returns whether it was written.
    @discardableResult
    public static func enqueue(_ notice: Notice, at now: Instant, in db: Connection) throws -> Bool {
        if let topic = notice.kind.topic, try optedOut(member: notice.member, topic: topic, in: db) { return false }
        let payload = String(decoding: try JSONEncoder.sorted.encode(notice.values), as: UTF8.self)
        var sealed: [UInt8]?
        if let secret = notice.secret {
            sealed = try OutboxKey.forDatabase(db.path).seal(Array(secret.utf8), binding: notice.key)
        }
        try db.cachedStatement("""
            INSERT INTO coop_outbox (key, kind, member_number, topic, payload, sealed, next_attempt_ms, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING
            """).execute([notice.key, notice.kind.rawValue, notice.member, notice.kind.topic?.rawValue, payload, sealed, now.milliseconds, now])
        return db.changes > 0
    }

    /// Whether the member turned off the reminders of `topic`.
    public static func optedOut(member: String, topic: NoticeTopic, in db: Connection) throws -> Bool {
        try db.scalar("SELECT 1 FROM coop_notice_opt_outs WHERE member_number = ? AND topic = ?", [member, topic.rawValue], as: Int64.self) != nil
    }
}

extension JSONEncoder {
    /// Keys in order, so the same values always give the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
