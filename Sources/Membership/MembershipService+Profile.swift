import CoopCore
import Foundation

extension MembershipService {
    // MARK: The co-op's profile

    /// The co-op's name, address and tax registration numbers, as its documents print them
    /// (`CoopProfile.defaults` until an administrator sets them). Open to anyone.
    public func coopProfile() async throws -> CoopProfile {
        try caller.check(MembershipVerb.coopProfile)
        return try await database.read { db in try CoopProfile.load(in: db) }
    }

    /// Changes the fields given and keeps the others; an empty address or tax number removes it.
    /// Refused, changing nothing: no field given or an empty name (`common.required`), a name over 100
    /// or an address over 300 characters (`common.too_long`), a name on several lines
    /// (`membership.invalid_coop_name`), a GST number not like `123456789RT0001`
    /// (`membership.invalid_gst_number`), a QST number not like `1234567890TQ0001`
    /// (`membership.invalid_qst_number`), all 422.
    public func updateCoopProfile(_ changes: CoopProfileChanges) async throws -> CoopProfile {
        try caller.check(MembershipVerb.updateCoopProfile)
        guard !changes.isEmpty else { throw CoopError.required("name") }
        let actor = caller.label, now = context.now()
        return try await database.write { db in
            let next = try changes.applied(to: try CoopProfile.load(in: db))
            try db.execute("""
                INSERT INTO membership_coop_profile (id, name, address, gst_number, qst_number, updated_at, updated_by)
                VALUES (1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address, gst_number = excluded.gst_number,
                    qst_number = excluded.qst_number, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """, [next.name, next.address, next.gstNumber, next.qstNumber, now, actor])
            return next
        }
    }
}
