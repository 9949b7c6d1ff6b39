import CoopCore
import Foundation
import Membership

/// Drains the outbox: claims the notices that are due, sends each, records how it went.
///
/// - At most one attempt at a time per notice: a notice is claimed (`sending`, this process's id) in a
///   write transaction before it is sent, so two deliveries (coop-api's and a `coopctl notify run`)
///   never take the same one.
/// - A claim whose process died (a crash, SIGKILL) is taken back by the next delivery; the one notice
///   that process was sending may then be sent a second time, with the same Message-ID. Nothing else
///   is sent twice: the claim and the result are each one transaction.
/// - Temporary failures wait `settings.backoff` and try again, until `maxAttempts`; permanent ones fail
///   at once. A notice's sealed code is erased once it is sent (a failed one keeps it, sealed,
///   so that staff can fix the address and retry).
struct Delivery: Sendable {
    let context: CoopContext
    let settings: NotificationSettings
    let templates: NoticeTemplates
    let transport: any MailTransport

    /// How many notices one claim takes.
    static let batch = 50
    /// A claim older than this is taken back even if its process seems alive (a reused process id).
    static let leaseSeconds: Int64 = 600
    private static let processID = Int64(getpid())

    /// Sends every notice that is due now (and, with `limit`, at most that many); returns what happened.
    func deliverDue(limit: Int = .max, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> DeliverySummary {
        var summary = DeliverySummary()
        let now = context.now()
        let total = progress == nil ? 0 : try await context.database.read { db in
            try db.scalar("SELECT count(*) FROM coop_outbox WHERE status = 'queued' AND next_attempt_ms <= ?", [now.milliseconds], as: Int.self) ?? 0
        }
        // A read first: coop-api looks every second, and a write transaction when nothing is due would
        // bump the pool's generation and empty every cache keyed on it.
        guard try await hasWork(now: now) else { return summary }
        while summary.attempted < limit {
            let claimed = try await claim(min(Self.batch, limit - summary.attempted))
            if claimed.isEmpty { break }
            // The co-op's name and address, read once per batch rather than once per message.
            let profile = try await context.database.read { db in try CoopProfile.load(in: db) }
            for notice in claimed {
                let outcome = await attempt(notice, profile: profile)
                try await record(notice, outcome)
                summary.count(outcome, gaveUp: notice.attempts >= settings.maxAttempts)
                progress?(summary.attempted, max(total, summary.attempted))
            }
        }
        return summary
    }

    /// A claimed notice and what sending it needs.
    struct Claimed: Sendable {
        let id: Int64
        let key: String
        let kind: NoticeKind
        let member: String
        let values: [String: NoticeValue]
        let sealed: [UInt8]?
        /// Attempts including this one.
        let attempts: Int
    }

    private func claim(_ count: Int) async throws -> [Claimed] {
        let now = context.now()
        return try await context.database.write { db in
            try Self.releaseDeadClaims(now: now, in: db)
            let rows = try db.query("""
                UPDATE coop_outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?, claimed_until_ms = ?
                WHERE id IN (SELECT id FROM coop_outbox WHERE status = 'queued' AND next_attempt_ms <= ? ORDER BY id LIMIT ?)
                RETURNING id, key, kind, member_number, payload, sealed, attempts
                """, [Self.processID, now.milliseconds + Self.leaseSeconds * 1000, now.milliseconds, count])
            return try rows.map { row in
                let payload: String = try row.get("payload")
                return Claimed(id: try row.get("id"), key: try row.get("key"), kind: NoticeKind(rawValue: try row.get("kind")) ?? .holdReady,
                               member: try row.get("member_number"),
                               values: try JSONDecoder().decode([String: NoticeValue].self, from: Data(payload.utf8)),
                               sealed: try row.get("sealed"), attempts: try row.get("attempts"))
            }.sorted { $0.id < $1.id }
        }
    }

    /// Whether a notice is due, or a claim is left by a process that is gone or past its lease.
    private func hasWork(now: Instant) async throws -> Bool {
        try await context.database.read { db in
            if try db.scalar("SELECT 1 FROM coop_outbox WHERE status = 'queued' AND next_attempt_ms <= ? LIMIT 1",
                             [now.milliseconds], as: Int64.self) != nil { return true }
            return try db.query("SELECT DISTINCT claimed_by, min(claimed_until_ms) FROM coop_outbox WHERE status = 'sending' GROUP BY claimed_by")
                .contains { row in
                    let pid: Int64? = try row.get(0), until: Int64? = try row.get(1)
                    return (until ?? 0) < now.milliseconds || (pid.map { $0 != Self.processID && !Self.isAlive($0) } ?? true)
                }
        }
    }

    /// Claims of processes that are gone, or older than the lease, go back to the queue.
    static func releaseDeadClaims(now: Instant, in db: Connection) throws {
        let claimants = try db.query("SELECT DISTINCT claimed_by FROM coop_outbox WHERE status = 'sending'").map { try $0.get(0) as Int64? }
        for case let pid? in claimants where pid != processID && !isAlive(pid) {
            try db.execute("UPDATE coop_outbox SET status = 'queued' WHERE status = 'sending' AND claimed_by = ?", [pid])
        }
        try db.execute("UPDATE coop_outbox SET status = 'queued' WHERE status = 'sending' AND claimed_until_ms < ?", [now.milliseconds])
    }

    private static func isAlive(_ pid: Int64) -> Bool {
        kill(pid_t(pid), 0) == 0 || errno == EPERM
    }

    /// Renders and sends one notice; a notice that cannot be written (no address, no such member)
    /// fails permanently without reaching the server.
    private func attempt(_ notice: Claimed, profile: CoopProfile) async -> DeliveryOutcome {
        let message: MailMessage
        do {
            guard let prepared = try await prepare(notice, profile: profile) else {
                return .permanent("the member has no e-mail address")
            }
            message = prepared
        } catch {
            return .permanent("could not write the message: \(error)")
        }
        return await transport.send(message.bytes, from: settings.from, to: message.to)
    }

    private func prepare(_ notice: Claimed, profile: CoopProfile) async throws -> MailMessage? {
        let contact = try await context.database.read { db in try MemberContact.fetch(notice.member, in: db) }
        guard let contact, let email = contact.email else { return nil }
        var code: String?
        if let sealed = notice.sealed {
            code = String(decoding: try OutboxKey.forDatabase(context.database.path).open(sealed, binding: notice.key), as: UTF8.self)
        }
        let links = NoticeLinks(base: settings.publicURL, key: try OutboxKey.forDatabase(context.database.path), language: contact.language)
        let frame = NoticeFrame(firstName: contact.firstName, lastName: contact.lastName, coop: profile.name,
                                coopAddress: profile.addressLines, link: links.page(notice.kind, values: notice.values),
                                optOut: notice.kind.topic.map { links.optOut(member: contact.number, topic: $0) }, code: code)
        let rendered = try templates.render(notice.kind, contact.language, values: notice.values, frame: frame, timeZone: context.timeZone)
        return MailMessage(from: settings.from, fromName: profile.name, to: email, subject: rendered.subject, text: rendered.text,
                           html: rendered.html, messageID: MailMessage.messageID(key: notice.key, from: settings.from),
                           date: context.now(), unsubscribe: frame.optOut)
    }

    private func record(_ notice: Claimed, _ outcome: DeliveryOutcome) async throws {
        let now = context.now()
        let settings = self.settings
        try await context.database.write { db in
            // Only if the claim is still ours: a claim taken back after the lease is the other's now.
            let mine = "id = ? AND status = 'sending' AND claimed_by = ?"
            switch outcome {
            case .sent:
                let to = try MemberContact.fetch(notice.member, in: db)?.email
                try db.execute("""
                    UPDATE coop_outbox SET status = 'sent', sent_at = ?, sealed = NULL, last_error = NULL, recipient = ?, claimed_by = NULL
                    WHERE \(mine)
                    """, [now, to, notice.id, Self.processID])
            case .temporary(let reason) where notice.attempts < settings.maxAttempts:
                let next = now.adding(seconds: settings.backoff(afterAttempts: notice.attempts))
                try db.execute("""
                    UPDATE coop_outbox SET status = 'queued', next_attempt_ms = ?, last_error = ?, claimed_by = NULL WHERE \(mine)
                    """, [next.milliseconds, reason, notice.id, Self.processID])
            case .temporary(let reason), .permanent(let reason):
                try db.execute("""
                    UPDATE coop_outbox SET status = 'failed', failed_at = ?, last_error = ?, claimed_by = NULL WHERE \(mine)
                    """, [now, reason, notice.id, Self.processID])
            }
        }
    }
}

/// What one `deliverDue` did.
public struct DeliverySummary: Sendable, Codable, Equatable {
    public var attempted = 0
    public var sent = 0
    /// Temporary failures that will be tried again.
    public var retrying = 0
    public var failed = 0

    mutating func count(_ outcome: DeliveryOutcome, gaveUp: Bool) {
        attempted += 1
        switch outcome {
        case .sent: sent += 1
        case .temporary where !gaveUp: retrying += 1
        case .temporary, .permanent: failed += 1
        }
    }
}
