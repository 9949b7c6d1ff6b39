import CoopCore

/// Everything Coop holds about one member (Québec's privacy law gives members the right to it).
public struct PersonalData: Sendable, Codable, Equatable {
    public struct Renewal: Sendable, Codable, Equatable {
        public let paidAt: Instant
        public let amount: Money
        public let plan: String
        public let previousEnd: LocalDate?
        public let newEnd: LocalDate
    }

    public struct Event: Sendable, Codable, Equatable {
        public let kind: String
        public let reason: String?
        public let at: Instant
    }

    public struct Token: Sendable, Codable, Equatable {
        public let prefix: String
        public let role: Role
        public let label: String?
        public let createdAt: Instant
        public let revokedAt: Instant?
    }

    public let member: Member
    public let renewals: [Renewal]
    public let events: [Event]
    public let tokens: [Token]
    /// Fees, invoices and payments posted to the member's account by every domain.
    public let account: Account
}

extension MembershipService {
    public func personalData(_ number: String) async throws -> PersonalData {
        try caller.check(MembershipVerb.personalData)
        let today = context.today()
        let number = Self.normalizedNumber(number)
        return try await database.read { db in
            let member = try Self.fetchMember(number, today: today, in: db)
            let id = try Self.memberID(number, in: db)
            let renewals = try db.query("""
                SELECT r.paid_at, r.amount_cents, p.name, r.previous_end, r.new_end
                FROM membership_renewals r JOIN membership_plans p ON p.id = r.plan_id
                WHERE r.member_id = ? ORDER BY r.id
                """, [id]).map {
                PersonalData.Renewal(paidAt: try $0.get("paid_at"), amount: try $0.get("amount_cents"), plan: try $0.get("name"),
                                     previousEnd: try $0.get("previous_end"), newEnd: try $0.get("new_end"))
            }
            let events = try db.query("SELECT kind, reason, at FROM membership_events WHERE member_id = ? ORDER BY id", [id]).map {
                PersonalData.Event(kind: try $0.get("kind"), reason: try $0.get("reason"), at: try $0.get("at"))
            }
            let tokens = try db.query("SELECT prefix, role, label, created_at, revoked_at FROM api_tokens WHERE member_id = ? ORDER BY id", [id]).map {
                PersonalData.Token(prefix: try $0.get("prefix"), role: try Role(parsing: try $0.get("role")), label: try $0.get("label"),
                                   createdAt: try $0.get("created_at"), revokedAt: try $0.get("revoked_at"))
            }
            let account = try AccountLedger.account(memberNumber: number, in: db)
            return PersonalData(member: member, renewals: renewals, events: events, tokens: tokens, account: account)
        }
    }

    /// Erases name, email, phone and free-text reasons; keeps the number, dates and every amount, so
    /// the accounts still add up. The member's tokens are revoked and their web sign-in removed. It cannot be undone.
    public func anonymize(_ number: String) async throws -> Member {
        try caller.check(MembershipVerb.anonymize)
        let today = context.today(), now = context.now()
        let number = Self.normalizedNumber(number)
        return try await database.write { db in
            let id = try Self.changeableMemberID(number, in: db)
            try db.execute("""
                UPDATE members SET first_name = '', last_name = '', email = NULL, phone = NULL, search_text = '', phone_digits = '',
                       suspension_reason = NULL, anonymized_at = ?, updated_at = ? WHERE id = ?
                """, [now, now, id])
            try db.execute("UPDATE membership_events SET reason = NULL WHERE member_id = ?", [id])
            try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL", [now, id])
            // A label may name the member ("Alice's phone"): it goes with the rest of the free text.
            try db.execute("UPDATE api_tokens SET label = NULL WHERE member_id = ?", [id])
            // No more signing in to the web pages: the password and codes go (a session left open
            // stands for nobody once the member is erased, `SignInService.sessionCaller`).
            try db.execute("DELETE FROM membership_web_accounts WHERE member_id = ?", [id])
            try db.execute("DELETE FROM membership_sign_in_codes WHERE member_id = ?", [id])
            try Self.logEvent(id, "anonymized", reason: nil, at: now, in: db)
            return try Self.fetchMember(number, today: today, in: db)
        }
    }
}
