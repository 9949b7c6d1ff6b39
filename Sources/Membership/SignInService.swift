import CoopCore

/// Signing in to the web pages: a member's e-mail with a password they set, or with a one-time code
/// the desk gives them (`coopctl member sign-in-code`), which is how a member without a password gets
/// in the first time. Volunteers sign in the same way; their role on the web is the one an
/// administrator gave their member record (`member`, unless raised to `staff` or `admin`).
///
/// Secrets are stored as scrypt hashes (passwords) or SHA-256 (codes: machine-drawn, short-lived and
/// used once); repeated failures lock the account for a while.
public struct SignInService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `SignInVerb`

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }

    /// Failed attempts in a row after which an account is locked for `lockMinutes`.
    public static let maxFailures = 5
    public static let lockMinutes = 15
    /// How long a one-time code stays good: the rest of the day it was handed out.
    public static let codeHours = 24
    /// Digits in a one-time code: 10⁸ codes, five tries before a lock.
    static let codeDigits = 8
    public static let minPasswordLength = 8
    public static let maxPasswordLength = 200

    /// The caller behind an e-mail and a password or one-time code, labelled `web:M-0001`.
    /// Any failure is the same refusal (`membership.sign_in_failed`), so that it does not tell which
    /// e-mail addresses are members'; a locked account says when to try again.
    public func signIn(email: String, secret: String) async throws -> Caller {
        try caller.check(SignInVerb.signIn)
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw CoopError.required("email") }
        guard !secret.isEmpty else { throw CoopError.required("password") }
        let now = context.now()
        let account = try await database.read { db in try Self.account(email: email, in: db) }
        guard let account else {
            // As slow as a real check, so that timing does not tell members from strangers.
            _ = PasswordHash.verify(secret, against: Self.decoyHash)
            throw CoopError.signInFailed()
        }
        if let until = account.lockedUntil, until > now { throw CoopError.signInLocked(until: until, timeZone: context.timeZone, now: now) }
        // scrypt runs outside any transaction: it takes a tenth of a second.
        let passwordMatches = account.passwordHash.map { PasswordHash.verify(secret, against: $0) } ?? false
        let codeHash = SHA256.hash(Self.normalizedCode(secret))
        return try await database.write { db -> Result<Caller, CoopError> in
            var matched = passwordMatches
            if !matched, let codeID = try db.scalar("""
                SELECT id FROM membership_sign_in_codes
                WHERE member_id = ? AND hash = ? AND used_at IS NULL AND expires_at > ?
                """, [account.id, codeHash, now], as: Int64.self) {
                try db.execute("UPDATE membership_sign_in_codes SET used_at = ? WHERE id = ?", [now, codeID])
                matched = true
            }
            guard matched else {
                let failures = account.failures + 1
                let lock = failures >= Self.maxFailures ? now.adding(seconds: Int64(Self.lockMinutes * 60)) : nil
                try Self.saveFailures(account.id, failures: lock == nil ? failures : 0, lockedUntil: lock, in: db)
                if let lock { return .failure(CoopError.signInLocked(until: lock, timeZone: self.context.timeZone, now: now)) }
                return .failure(CoopError.signInFailed())
            }
            try Self.saveFailures(account.id, failures: 0, lockedUntil: nil, in: db)
            return .success(Self.caller(number: account.number, role: account.role))
        }.get()
    }

    /// The caller a signed-in session stands for, read again on every request so that a role taken
    /// away or a member erased takes effect at once; nil when the member is gone.
    public func sessionCaller(member number: String) async throws -> Caller? {
        try caller.check(SignInVerb.sessionCaller)
        let number = MembershipService.normalizedNumber(number)
        return try await database.read { db in
            guard let row = try db.queryOne("""
                SELECT m.number, coalesce(a.role, 'member') AS role FROM members m
                LEFT JOIN membership_web_accounts a ON a.member_id = m.id
                WHERE m.number = ? AND m.anonymized_at IS NULL
                """, [number]) else { return nil }
            return Self.caller(number: try row.get("number"), role: try Role(parsing: try row.get("role")))
        }
    }

    /// A one-time code for a member to sign in with (8 digits, good for `codeHours`, used once),
    /// shown this once; a new code replaces the member's unused ones.
    public func issueCode(member number: String) async throws -> SignInCode {
        try caller.check(SignInVerb.issueCode)
        let number = MembershipService.normalizedNumber(number)
        let code = String(try SecureRandom.integer(below: 100_000_000) + 100_000_000).dropFirst()
        let now = context.now()
        let expires = now.adding(seconds: Int64(Self.codeHours * 3600))
        try await database.write { db in
            let id = try MembershipService.changeableMemberID(number, in: db)
            guard try db.scalar("SELECT email IS NOT NULL FROM members WHERE id = ?", [id], as: Bool.self) == true else {
                throw CoopError.signInNeedsEmail(number)
            }
            try db.execute("DELETE FROM membership_sign_in_codes WHERE member_id = ? AND used_at IS NULL", [id])
            try db.execute("INSERT INTO membership_sign_in_codes (member_id, hash, expires_at) VALUES (?, ?, ?)",
                           [id, SHA256.hash(String(code)), expires])
            try MembershipService.logEvent(id, "sign_in_code", reason: nil, at: now, in: db)
        }
        return SignInCode(member: number, code: String(code), expiresAt: expires)
    }

    /// Sets the caller's own password (a member on their page), which also unlocks the account.
    public func setPassword(_ password: String) async throws {
        try caller.check(SignInVerb.setPassword)
        let number = try caller.ownMemberNumber()
        guard password.count >= Self.minPasswordLength else { throw CoopError.passwordTooShort(min: Self.minPasswordLength) }
        guard password.count <= Self.maxPasswordLength else { throw CoopError.tooLong("password", max: Self.maxPasswordLength) }
        let hash = try PasswordHash.hash(password)
        let now = context.now()
        try await database.write { db in
            let id = try MembershipService.changeableMemberID(number, in: db)
            try Self.ensureAccount(id, in: db)
            try db.execute("UPDATE membership_web_accounts SET password_hash = ?, failures = 0, locked_until = NULL WHERE member_id = ?",
                           [hash, id])
            try MembershipService.logEvent(id, "password_set", reason: nil, at: now, in: db)
        }
    }

    /// Gives a member's web sign-in a role: `staff` for a desk volunteer, `admin`, or back to `member`.
    public func setRole(member number: String, role: Role) async throws {
        try caller.check(SignInVerb.setRole)
        let number = MembershipService.normalizedNumber(number)
        let now = context.now()
        try await database.write { db in
            let id = try MembershipService.changeableMemberID(number, in: db)
            try Self.ensureAccount(id, in: db)
            try db.execute("UPDATE membership_web_accounts SET role = ? WHERE member_id = ?", [role.rawValue, id])
            try MembershipService.logEvent(id, "web_role", reason: role.rawValue, at: now, in: db)
        }
    }

    // MARK: Rows

    struct Account: Sendable {
        let id: Int64
        let number: String
        let role: Role
        let passwordHash: String?
        let failures: Int
        let lockedUntil: Instant?
    }

    static func account(email: String, in db: Connection) throws -> Account? {
        guard let row = try db.queryOne("""
            SELECT m.id, m.number, coalesce(a.role, 'member') AS role, a.password_hash, coalesce(a.failures, 0) AS failures,
                   a.locked_until FROM members m LEFT JOIN membership_web_accounts a ON a.member_id = m.id
            WHERE m.email = ? AND m.anonymized_at IS NULL
            """, [email]) else { return nil }
        return Account(id: try row.get("id"), number: try row.get("number"), role: try Role(parsing: try row.get("role")),
                       passwordHash: try row.get("password_hash"), failures: Int(try row.get("failures") as Int64),
                       lockedUntil: try row.get("locked_until"))
    }

    static func ensureAccount(_ memberID: Int64, in db: Connection) throws {
        try db.execute("INSERT OR IGNORE INTO membership_web_accounts (member_id) VALUES (?)", [memberID])
    }

    static func saveFailures(_ memberID: Int64, failures: Int, lockedUntil: Instant?, in db: Connection) throws {
        try ensureAccount(memberID, in: db)
        try db.execute("UPDATE membership_web_accounts SET failures = ?, locked_until = ? WHERE member_id = ?",
                       [Int64(failures), lockedUntil, memberID])
    }

    static func caller(number: String, role: Role) -> Caller {
        Caller(role: role, memberNumber: number, label: "web:\(number)")
    }

    /// A code as typed: spaces and dashes dropped (`1234 5678`, `1234-5678`).
    static func normalizedCode(_ text: String) -> String {
        String(text.filter { $0 != " " && $0 != "-" })
    }

    /// A hash that no password matches, checked when the e-mail is unknown so that the answer takes as long.
    static let decoyHash = "scrypt$32768$8$1$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000"
}

/// A one-time sign-in code as issued: shown once to hand to the member.
public struct SignInCode: Sendable, Codable, Equatable {
    public let member: String
    public let code: String
    public let expiresAt: Instant
}
