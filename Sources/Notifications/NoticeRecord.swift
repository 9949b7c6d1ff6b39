import CoopCore
import Foundation

/// Where a notice stands in the outbox.
public enum NoticeStatus: String, Sendable, Codable, CaseIterable, Worded {
    case queued, sending, sent, failed

    /// Reads the code or the word of either language (`failed`, `en échec`, `échec`); anything else is
    /// a localized refusal.
    public init(parsing text: String) throws {
        guard let status = NoticeStatus(words: text) else { throw CoopError.invalidNoticeStatus(text) }
        self = status
    }

    public static let synonyms: [String: NoticeStatus] = [
        "attente": .queued, "envoi": .sending, "envoyés": .sent, "échec": .failed, "échoué": .failed, "échoués": .failed,
    ]

    public var label: LocalizedText {
        switch self {
        case .queued: LocalizedText(fr: "en attente", en: "queued")
        case .sending: LocalizedText(fr: "en cours d’envoi", en: "sending")
        case .sent: LocalizedText(fr: "envoyé", en: "sent")
        case .failed: LocalizedText(fr: "en échec", en: "failed")
        }
    }
}

/// A notice as staff see it in `coopctl notify list` and `GET /api/v1/notices`: what, to whom, where
/// it stands; never its values or a credential's code.
public struct NoticeRecord: Sendable, Encodable, Equatable {
    public let id: Int64
    public let kind: NoticeKind
    public let member: String
    public let status: NoticeStatus
    public let attempts: Int
    /// When a queued notice is next tried.
    public let nextAttemptAt: Instant?
    /// Why the last attempt failed (the server's reply), for a retried or failed notice.
    public let error: String?
    /// The address it was sent to.
    public let recipient: String?
    public let createdAt: Instant
    public let sentAt: Instant?
    public let failedAt: Instant?

    static let columns = "id, kind, member_number, status, attempts, next_attempt_ms, last_error, recipient, created_at, sent_at, failed_at"

    init(row: Row) throws {
        id = try row.get("id")
        kind = NoticeKind(rawValue: try row.get("kind")) ?? .holdReady
        member = try row.get("member_number")
        status = NoticeStatus(rawValue: try row.get("status")) ?? .queued
        attempts = try row.get("attempts")
        nextAttemptAt = status == .queued ? Instant(milliseconds: try row.get("next_attempt_ms")) : nil
        error = try row.get("last_error")
        recipient = try row.get("recipient")
        createdAt = try row.get("created_at")
        sentAt = try row.get("sent_at")
        failedAt = try row.get("failed_at")
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, member, status, attempts, nextAttemptAt, error, recipient, createdAt, sentAt, failedAt
    }

    /// Every key is written, absent values as `null`, so every notice object has the same shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(member, forKey: .member)
        try c.encode(status, forKey: .status)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try c.encode(error, forKey: .error)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(sentAt, forKey: .sentAt)
        try c.encode(failedAt, forKey: .failedAt)
    }
}

/// How many notices stand in each state, for `/metrics` and `coopctl notify list`'s summary.
public struct NoticeCounts: Sendable, Codable, Equatable {
    public let queued: Int
    public let sending: Int
    public let sent: Int
    public let failed: Int
}
