import CoopCore
import Foundation

/// The reminders Membership sends, found by the scheduler's daily look at the end dates.
public enum MembershipNotices {
    /// How long before the end a member is told to renew.
    public static let daysBeforeEnd = 30

    /// Memberships ending within 30 days (told once per end date: a renewal moves the date, and the
    /// next end is told in its turn) and those that ended in the past week (not older ones, so a
    /// co-op turning notices on does not write to every lapsed member it ever had).
    public static func due(today: LocalDate, in db: Connection) throws -> [Notice] {
        try db.query("""
            SELECT number, membership_ends FROM members
            WHERE anonymized_at IS NULL AND membership_ends IS NOT NULL AND membership_ends >= ? AND membership_ends <= ?
            ORDER BY id
            """, [today.adding(days: -7), today.adding(days: daysBeforeEnd)]).map { row in
            let number: String = try row.get("number")
            let ends: LocalDate = try row.get("membership_ends")
            // The end date is the last day of membership: it has ended once that day is past.
            return ends < today
                ? Notice(.membershipEnded, cause: "\(number):\(ends)", member: number, values: ["ends": .date(ends)])
                : Notice(.membershipEnding, cause: "\(number):\(ends)", member: number, values: ["ends": .date(ends)])
        }
    }
}

/// Where and how a notice reaches a member: read when it is sent, so a changed address or language
/// applies to notices already queued.
public struct MemberContact: Sendable, Equatable {
    public let number: String
    public let firstName: String
    public let lastName: String
    /// nil once the member is anonymized: a notice to them cannot be sent.
    public let email: String?
    public let language: Language

    /// The member with this number, or nil if there is none.
    public static func fetch(_ number: String, in db: Connection) throws -> MemberContact? {
        guard let row = try db.queryOne("SELECT number, first_name, last_name, email, language FROM members WHERE number = ?",
                                        [MembershipService.normalizedNumber(number)]) else { return nil }
        return MemberContact(number: try row.get("number"), firstName: try row.get("first_name"), lastName: try row.get("last_name"),
                             email: try row.get("email"), language: Language(rawValue: try row.get("language")) ?? .default)
    }
}
