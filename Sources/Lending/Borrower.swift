import CoopCore
import Membership

/// A member as Lending needs them inside its own write transaction: row id, number, status on a given
/// day and the plan's limits, read through Membership's `MemberRecord`.
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
        let member = try MemberRecord.fetch(number, on: day, in: db)
        return Borrower(id: member.id, number: member.number, status: member.status, anonymized: member.anonymized,
                        maxLoans: member.maxLoans, maxReservations: member.maxReservations)
    }

    /// Refuses a member who is suspended, expired or anonymized.
    func requireActive() throws {
        if anonymized { throw CoopError.memberInactive(number, status: nil) }
        guard status == .active else { throw CoopError.memberInactive(number, status: status) }
    }
}
