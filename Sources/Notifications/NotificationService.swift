import CoopCore
import Foundation
import Membership

/// Who may call each verb: staff read the outbox, retry and run the delivery; a member turns their
/// own reminders on or off; anyone holding a message's signed link may turn that kind off.
public enum NotifyVerb: String, DomainVerb {
    case list, notice, retry, run, preferences, setPreference, optOutByLink

    public var rule: AccessRule {
        switch self {
        case .list, .notice, .retry, .run: .staff
        case .preferences, .setPreference: .signedIn
        case .optOutByLink: .anyone
        }
    }
}

/// The outbox as staff and members see it, and the delivery that drains it.
public struct NotificationService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller
    public let settings: NotificationSettings
    private let transport: (any MailTransport)?

    /// - Parameter transport: how mail leaves; by default libcurl to `settings.smtpURL`, or none
    ///   (notices stay queued) when no server is configured.
    public init(context: CoopContext, caller: Caller, settings: NotificationSettings = NotificationSettings(),
                transport: (any MailTransport)? = nil) {
        self.context = context
        self.caller = caller
        self.settings = settings
        self.transport = transport ?? settings.smtpURL.map { SMTPTransport(url: $0) }
    }

    /// Whether notices can leave: a server is configured.
    public var canDeliver: Bool { transport != nil }

    /// The newest notices first, optionally of one status and one member.
    public func list(status: NoticeStatus? = nil, member: String? = nil, limit: Int = 100) async throws -> [NoticeRecord] {
        try caller.check(NotifyVerb.list)
        let member = member.map(MembershipService.normalizedNumber), limit = max(1, min(limit, 1000))
        return try await database.read { db in
            var sql = "SELECT \(NoticeRecord.columns) FROM coop_outbox WHERE 1"
            var arguments: [any DatabaseValueConvertible] = []
            if let status { sql += " AND status = ?"; arguments.append(status.rawValue) }
            if let member { sql += " AND member_number = ?"; arguments.append(member) }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments.append(limit)
            return try db.query(sql, arguments).map(NoticeRecord.init(row:))
        }
    }

    /// One notice.
    public func notice(_ id: Int64) async throws -> NoticeRecord {
        try caller.check(NotifyVerb.notice)
        return try await database.read { db in try Self.fetch(id, in: db) }
    }

    /// How many notices stand in each state.
    public func counts() async throws -> NoticeCounts {
        try await database.read { db in try Self.counts(in: db) }
    }

    static func counts(in db: Connection) throws -> NoticeCounts {
        var n: [String: Int] = [:]
        for row in try db.query("SELECT status, count(*) FROM coop_outbox GROUP BY status") { n[try row.get(0)] = try row.get(1) }
        return NoticeCounts(queued: n["queued"] ?? 0, sending: n["sending"] ?? 0, sent: n["sent"] ?? 0, failed: n["failed"] ?? 0)
    }

    /// Puts a failed notice back in the queue, due now, with its attempts counted from zero (after
    /// staff fixed the member's address, or the server). Refused unless it failed.
    public func retry(_ id: Int64) async throws -> NoticeRecord {
        try caller.check(NotifyVerb.retry)
        let now = context.now()
        return try await database.write { db in
            let notice = try Self.fetch(id, in: db)
            guard notice.status == .failed else { throw CoopError.noticeNotFailed(id, status: notice.status) }
            try db.execute("""
                UPDATE coop_outbox SET status = 'queued', attempts = 0, next_attempt_ms = ?, failed_at = NULL WHERE id = ?
                """, [now.milliseconds, id])
            return try Self.fetch(id, in: db)
        }
    }

    /// One pass: the scheduler enqueues the time-based notices that are due, then every due notice is
    /// delivered (when a server is configured). `coopctl notify run --once`, and each turn of
    /// coop-api's delivery service.
    /// - Parameter progress: told (sent so far, due at the start) after each message.
    public func runOnce(schedule: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> NotifyRun {
        try caller.check(NotifyVerb.run)
        let scheduled = schedule ? try await NoticeScheduler.enqueueDue(context) : 0
        guard let transport else { return NotifyRun(scheduled: scheduled, delivery: nil) }
        let delivery = Delivery(context: context, settings: settings, templates: try NoticeTemplates.bundled(), transport: transport)
        return NotifyRun(scheduled: scheduled, delivery: try await delivery.deliverDue(progress: progress))
    }

    /// Which reminders the member receives (every topic is on until turned off).
    public func preferences(member: String) async throws -> [NoticePreference] {
        try caller.check(NotifyVerb.preferences)
        try caller.requireAccess(toMember: member)
        let number = MembershipService.normalizedNumber(member)
        return try await database.read { db in
            guard try MemberContact.fetch(number, in: db) != nil else { throw CoopError.memberNotFound(member) }
            return try NoticeTopic.allCases.map { NoticePreference(topic: $0, enabled: !(try Outbox.optedOut(member: number, topic: $0, in: db))) }
        }
    }

    /// Turns a kind of reminders on or off for the member; turning it off also drops the member's
    /// queued reminders of that kind.
    public func setPreference(member: String, topic: NoticeTopic, enabled: Bool) async throws -> [NoticePreference] {
        try caller.check(NotifyVerb.setPreference)
        try caller.requireAccess(toMember: member)
        try await Self.set(member: member, topic: topic, enabled: enabled, context: context)
        return try await preferences(member: member)
    }

    /// Sets every kind at once, as a form of boxes does: the kinds in `enabled` on, the others off.
    public func setPreferences(member: String, enabled: Set<NoticeTopic>) async throws -> [NoticePreference] {
        try caller.check(NotifyVerb.setPreference)
        try caller.requireAccess(toMember: member)
        for preference in try await preferences(member: member) where preference.enabled != enabled.contains(preference.topic) {
            try await Self.set(member: member, topic: preference.topic, enabled: !preference.enabled, context: context)
        }
        return try await preferences(member: member)
    }

    /// Refuses a link whose signature is not the one a message to this member about this kind carries
    /// (`notify.invalid_link`, 403); changes nothing (the page asks before it acts).
    public func checkOptOutLink(member: String, topic: NoticeTopic, signature: String) throws {
        try caller.check(NotifyVerb.optOutByLink)
        let expected = NoticeLinks.signature(member: MembershipService.normalizedNumber(member), topic: topic,
                                             key: try OutboxKey.forDatabase(database.path))
        guard constantTimeEquals(Array(expected.utf8), Array(signature.utf8)) else { throw CoopError.invalidOptOutLink() }
    }

    /// The signed link of a message turns its kind off, without signing in.
    public func optOut(link member: String, topic: NoticeTopic, signature: String) async throws {
        try checkOptOutLink(member: member, topic: topic, signature: signature)
        try await Self.set(member: member, topic: topic, enabled: false, context: context)
    }

    private static func set(member: String, topic: NoticeTopic, enabled: Bool, context: CoopContext) async throws {
        let number = MembershipService.normalizedNumber(member)
        let now = context.now()
        try await context.database.write { db in
            guard try MemberContact.fetch(number, in: db) != nil else { throw CoopError.memberNotFound(member) }
            if enabled {
                try db.execute("DELETE FROM coop_notice_opt_outs WHERE member_number = ? AND topic = ?", [number, topic.rawValue])
            } else {
                try db.execute("INSERT INTO coop_notice_opt_outs (member_number, topic, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               [number, topic.rawValue, now])
                try db.execute("DELETE FROM coop_outbox WHERE member_number = ? AND topic = ? AND status = 'queued'", [number, topic.rawValue])
            }
        }
    }

    static func fetch(_ id: Int64, in db: Connection) throws -> NoticeRecord {
        guard let row = try db.queryOne("SELECT \(NoticeRecord.columns) FROM coop_outbox WHERE id = ?", [id]) else {
            throw CoopError.noticeNotFound(id)
        }
        return try NoticeRecord(row: row)
    }
}

/// Whether a member receives one kind of reminders.
public struct NoticePreference: Sendable, Codable, Equatable {
    public let topic: NoticeTopic
    public let enabled: Bool
}

/// What one `runOnce` did; `delivery` is nil when no server is configured.
public struct NotifyRun: Sendable, Encodable, Equatable {
    public let scheduled: Int
    public let delivery: DeliverySummary?
}

extension NoticeTopic {
    /// Reads `loans`, `cycles`, `membership` or their words (`emprunts`, `rappels d’emprunts`); anything
    /// else is a localized refusal.
    public init(parsing text: String) throws {
        guard let topic = NoticeTopic(words: text) else { throw CoopError.invalidTopic(text) }
        self = topic
    }
}

extension NoticeTemplates {
    private static let loaded = Result { try NoticeTemplates() }

    /// The templates shipped with the module, loaded once per process.
    public static func bundled() throws -> NoticeTemplates { try loaded.get() }
}
