import CoopCore
import Membership

/// A member as Lending needs them inside its own write transaction: row id, number, status on a given
/// day and the plan's limits.
///
/// Why this reads `members` and `membership_plans` itself: Membership exposes its member lookup
/// (`MembershipService.fetchMember`) and status rule (`Member.status`) only internally, and its public
/// `member(_:)` opens its own read, which cannot join our write transaction. This is the one place
/// Lending reads Membership's tables, and it mirrors `Member.status` exactly; it should give way to a
/// public in-transaction lookup from Membership.
struct Borrower: Sendable {
    let id: Int64
    /// `M-0001`.
    let number: String
    let status: MemberStatus
    let anonymized: Bool
    /// Units on loan at once; nil when the member has no plan (no limit).
    let maxLoans: Int?
    /// Active reservations at once; nil when the member has no plan (no limit).
    let maxReservations: Int?

    /// The member with this number (`m-1`, `1` and `M-0001` alike), their status as of `day`.
    static func fetch(_ number: String, on day: LocalDate, in db: Connection) throws -> Borrower {
        let normalized = MembershipService.normalizedNumber(number)
        guard let row = try db.queryOne("""
            SELECT m.id, m.number, m.suspended, m.membership_ends, m.anonymized_at, p.max_loans, p.max_reservations
            FROM members m LEFT JOIN membership_plans p ON p.id = m.plan_id WHERE m.number = ?
            """, [normalized])
        else { throw CoopError.memberNotFound(number) }
        let suspended: Bool = try row.get("suspended")
        let ends: LocalDate? = try row.get("membership_ends")
        let status: MemberStatus = suspended ? .suspended : (ends.map { $0 < day } == true ? .expired : .active)
        return Borrower(id: try row.get("id"), number: try row.get("number"), status: status,
                        anonymized: (try row.get("anonymized_at") as String?) != nil,
                        maxLoans: try row.get("max_loans"), maxReservations: try row.get("max_reservations"))
    }

    /// Refuses a member who is suspended, expired or anonymized.
    func requireActive() throws {
        if anonymized { throw CoopError.memberInactive(number, status: "anonymized") }
        guard status == .active else { throw CoopError.memberInactive(number, status: status.rawValue) }
    }
}
