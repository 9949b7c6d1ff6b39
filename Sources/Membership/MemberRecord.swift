import CoopCore
import Foundation

/// A member as other domains need them inside their OWN write transaction (a check-out, a basket):
/// row id, canonical number, status on a given day and the plan's limits; and the roll of members
/// active at an instant, for Voting. Other domains read members only through this (and, for list joins,
/// the `membership_public_members` view), so Membership's tables and its status rule are written in one place.
public struct MemberRecord: Sendable, Equatable {
    /// The row id, for the other domain's foreign keys.
    public let id: Int64
    /// `M-0001`.
    public let number: String
    public let status: MemberStatus
    public let anonymized: Bool
    /// Units on loan at once; nil when the member has no plan (no limit).
    public let maxLoans: Int?
    /// Active reservations at once; nil when the member has no plan (no limit).
    public let maxReservations: Int?

    /// The member with this number (`m-1`, `1` and `M-0001` alike), their status as of `day`.
    /// Refuses an unknown number with `membership.member_not_found`.
    public static func fetch(_ number: String, on day: LocalDate, in db: Connection) throws -> MemberRecord {
        let normalized = MembershipService.normalizedNumber(number)
        guard let row = try db.queryOne("""
            SELECT m.id, m.number, m.suspended, m.membership_ends, m.anonymized_at, p.max_loans, p.max_reservations
            FROM members m LEFT JOIN membership_plans p ON p.id = m.plan_id WHERE m.number = ?
            """, [normalized])
        else { throw CoopError.memberNotFound(number) }
        return MemberRecord(
            id: try row.get("id"), number: try row.get("number"),
            status: Member.status(suspended: try row.get("suspended"), ends: try row.get("membership_ends"), today: day),
            anonymized: (try row.get("anonymized_at") as String?) != nil,
            maxLoans: try row.get("max_loans"), maxReservations: try row.get("max_reservations"))
    }

    /// The canonical number (`M-0001`) of the member with this row id, for another domain's row that
    /// holds only the id (an invoice being credited). Refuses an unknown id with
    /// `membership.member_not_found`.
    public static func number(id: Int64, in db: Connection) throws -> String {
        guard let number = try db.scalar("SELECT number FROM members WHERE id = ?", [id], as: String.self) else {
            throw CoopError.memberNotFound("#\(id)")
        }
        return number
    }

    /// Member numbers active at `cutoff` (an election's roll), read from the history rather than today's
    /// state:
    /// - registered by then, and not anonymized by then (an erased member has left);
    /// - not suspended then: the last suspension or reinstatement at or before the cut-off decides
    ///   (today's flag only for a member with no such event at all);
    /// - membership end in force then on or after the cut-off's local date (or no end): the end
    ///   before the first renewal paid after the cut-off, else today's end.
    public static func numbersActive(at cutoff: Instant, timeZone: TimeZone, in db: Connection) throws -> [String] {
        let day = cutoff.localDate(in: timeZone)
        return try db.query("""
            SELECT m.number FROM members m
            WHERE m.created_at <= ?1
              AND (m.anonymized_at IS NULL OR m.anonymized_at > ?1)
              AND NOT (CASE
                    WHEN EXISTS (SELECT 1 FROM membership_events e WHERE e.member_id = m.id AND e.kind IN ('suspended', 'reinstated'))
                    THEN COALESCE((SELECT e.kind = 'suspended' FROM membership_events e
                                   WHERE e.member_id = m.id AND e.kind IN ('suspended', 'reinstated') AND e.at <= ?1
                                   ORDER BY e.at DESC, e.id DESC LIMIT 1), 0)
                    ELSE m.suspended = 1 END)
              AND COALESCE((SELECT r.previous_end IS NULL OR r.previous_end >= ?2 FROM membership_renewals r
                            WHERE r.member_id = m.id AND r.paid_at > ?1 ORDER BY r.paid_at, r.id LIMIT 1),
                           m.membership_ends IS NULL OR m.membership_ends >= ?2)
            ORDER BY m.number
            """, [cutoff, day]).map { try $0.get("number") }
    }
}
