import CoopCore

/// A token as listed: never the secret, only its first characters.
public struct TokenInfo: Sendable, Codable, Equatable {
    public let prefix: String
    public let role: Role
    public let member: String?
    /// What the token is for, as the admin wrote it (`Desk, Saturday volunteer`); nil when none was given.
    public let label: String?
    public let createdAt: Instant
    public let revokedAt: Instant?
}

/// A token just created: the secret is shown this once and stored only as its SHA-256.
public struct IssuedToken: Sendable, Codable, Equatable {
    public let token: String
    public let info: TokenInfo
}

/// API tokens: 32 random bytes, base64url, stored as SHA-256, optionally tied to a member, revocable.
public struct TokenService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `TokenVerb`
    /// Identities of tokens in use, by hash, until the next write anywhere (a revocation is a write).
    /// Unknown tokens are never cached, so guessing cannot crowd out the real ones.
    private let known = GenerationCache<[UInt8], Caller>(capacity: 4_096)

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }

    /// Characters of the token kept in clear to name it (`token revoke PREFIX`).
    static let prefixLength = 8
    /// 32 bytes in unpadded base64url.
    static let tokenLength = 43

    /// A new secret: 32 random bytes in base64url, never starting with `-`, which would make the token
    /// or its prefix read as an option where it is typed (`coopctl token revoke -Xdu…` was refused).
    /// Drawing again costs 1 token in 64 a second draw and the secret 0.02 bits of its 256.
    static func newSecret() throws -> String {
        while true {
            let secret = Base64URL.encode(try SecureRandom.bytes(32))
            if secret.first != "-" { return secret }
        }
    }

    /// The longest label a token takes.
    public static let maxLabelLength = 100

    /// A label as stored: trimmed, nil when empty, refused beyond `maxLabelLength` characters.
    static func validLabel(_ label: String?) throws -> String? {
        guard let label = label?.trimmingCharacters(in: .whitespacesAndNewlines), !label.isEmpty else { return nil }
        guard label.count <= maxLabelLength else { throw CoopError.tooLong("label", max: maxLabelLength) }
        return label
    }

    /// Creates a token, returned with its secret this once.
    /// - Parameters:
    ///   - role: what the token may do.
    ///   - member: the member a `member` token acts for.
    ///   - label: what the token is for (`Desk, Saturday volunteer`), shown in the token list; optional.
    public func create(role: Role, member: String? = nil, label: String? = nil) async throws -> IssuedToken {
        try caller.check(TokenVerb.create)
        if role == .member && member == nil { throw CoopError.memberTokenNeedsMember() }
        let label = try Self.validLabel(label)
        let secret = try Self.newSecret()
        let now = context.now()
        let number = member.map(MembershipService.normalizedNumber)
        try await context.database.write { db in
            let memberID = try number.map { try MembershipService.changeableMemberID($0, in: db) }
            try db.execute("""
                INSERT INTO api_tokens (prefix, hash, role, member_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, [String(secret.prefix(Self.prefixLength)), SHA256.hash(secret), role.rawValue, memberID, label, now])
        }
        return IssuedToken(
            token: secret,
            info: TokenInfo(prefix: String(secret.prefix(Self.prefixLength)), role: role, member: number, label: label,
                            createdAt: now, revokedAt: nil))
    }

    /// Revokes the one active token starting with `prefix` (or equal to it).
    public func revoke(prefix: String) async throws -> TokenInfo {
        try caller.check(TokenVerb.revoke)
        let prefix = prefix.trimmingCharacters(in: .whitespaces)
        guard prefix.count >= 6 else { throw CoopError.tokenPrefixTooShort(prefix) }
        let now = context.now()
        return try await context.database.write { db in
            let key = String(prefix.prefix(Self.prefixLength))
            let rows = try db.query("""
                SELECT t.id, t.prefix, t.hash, t.role, t.label, t.created_at, m.number FROM api_tokens t
                LEFT JOIN members m ON m.id = t.member_id
                WHERE t.revoked_at IS NULL AND substr(t.prefix, 1, ?) = ?
                """, [key.count, key])
            // A whole token is matched by its hash; a prefix by the characters kept in clear.
            let matches = prefix.count == Self.tokenLength
                ? try rows.filter { constantTimeEquals(try $0.get("hash"), SHA256.hash(prefix)) }
                : rows
            guard !matches.isEmpty else { throw CoopError.tokenNotFound(prefix) }
            guard matches.count == 1 else { throw CoopError.tokenAmbiguous(prefix) }
            let row = matches[0]
            try db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", [now, try row.get("id") as Int64])
            return TokenInfo(prefix: try row.get("prefix"), role: try Role(parsing: try row.get("role")),
                             member: try row.get("number"), label: try row.get("label"), createdAt: try row.get("created_at"), revokedAt: now)
        }
    }

    public func list() async throws -> [TokenInfo] {
        try caller.check(TokenVerb.list)
        return try await context.database.read { db in
            try db.query("""
                SELECT t.prefix, t.role, t.label, t.created_at, t.revoked_at, m.number FROM api_tokens t
                LEFT JOIN members m ON m.id = t.member_id ORDER BY t.id
                """).map {
                TokenInfo(prefix: try $0.get("prefix"), role: try Role(parsing: try $0.get("role")), member: try $0.get("number"),
                          label: try $0.get("label"), createdAt: try $0.get("created_at"), revokedAt: try $0.get("revoked_at"))
            }
        }
    }

    /// The caller behind a bearer token, or nil for an unknown or revoked one.
    public func authenticate(_ token: String) async throws -> Caller? {
        try caller.check(TokenVerb.authenticate)
        guard token.count == Self.tokenLength, token.utf8.allSatisfy({ $0 < 128 }) else { return nil }
        let hash = SHA256.hash(token)
        let generation = await context.database.generation()
        if let identity = known.value(for: hash, at: generation) { return identity }
        let identity = try await context.database.read { db -> Caller? in
            guard let row = try db.queryOne("""
                SELECT t.hash, t.role, t.prefix, t.revoked_at, m.number FROM api_tokens t
                LEFT JOIN members m ON m.id = t.member_id WHERE t.hash = ?
                """, [hash]),
                constantTimeEquals(try row.get("hash"), hash),
                try row.get("revoked_at") as String? == nil
            else { return nil }
            return Caller.token(role: try Role(parsing: try row.get("role")), memberNumber: try row.get("number"), prefix: try row.get("prefix"))
        }
        if let identity { known.store(identity, for: hash, at: generation) }
        return identity
    }

    /// Creates an admin token when none is active (first start); returns it, or nil when one exists.
    /// The check and the insert share one write transaction, so two first starts issue one token.
    public func bootstrapAdminToken() async throws -> IssuedToken? {
        try caller.check(TokenVerb.bootstrapAdminToken)
        let secret = try Self.newSecret()
        let prefix = String(secret.prefix(Self.prefixLength))
        let now = context.now()
        let created = try await context.database.write { db in
            let active = try db.scalar("SELECT count(*) FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL", as: Int64.self) ?? 0
            guard active == 0 else { return false }
            try db.execute("INSERT INTO api_tokens (prefix, hash, role, member_id, created_at) VALUES (?, ?, 'admin', NULL, ?)",
                           [prefix, SHA256.hash(secret), now])
            return true
        }
        guard created else { return nil }
        return IssuedToken(token: secret, info: TokenInfo(prefix: prefix, role: .admin, member: nil, label: nil, createdAt: now, revokedAt: nil))
    }
}
