import CoopCore

/// A member as other domains need them inside their OWN write transaction (a check-out, a basket):
/// row id, canonical number, status on a given day and the plan's limits. Lending and Orders read
/// members through this, so Membership's tables and its status rule are written in one place.
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
}
