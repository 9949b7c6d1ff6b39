import CoopCore
import Foundation

/// The web pages' sessions as rows of `web_sessions`: a value (JSON) under the SHA-256 of the key the
/// cookie carries, with the instant it expires. The web face's session store (a hummingbird-auth
/// `PersistDriver`) is a thin layer over this. Not a domain verb: it stores what the face hands it,
/// and who the session stands for is decided by `SignInService.sessionCaller` on every request.
public struct WebSessionRecords: Sendable {
    let context: CoopContext

    public init(context: CoopContext) { self.context = context }

    /// Stores `value` under `key`; `expiresIn` nil keeps the row's expiry (a new row then never expires).
    /// - Parameter onlyIfNew: refuse (return false) when the key exists.
    @discardableResult
    public func save(key: String, value: [UInt8], expiresIn seconds: Int64?, onlyIfNew: Bool = false) async throws -> Bool {
        let now = context.now()
        let expires = seconds.map { now.adding(seconds: $0) }
        let hash = SHA256.hash(key)
        return try await context.database.write { db in
            // Expired sessions go as new ones come, so the table stays the size of the signed-in crowd.
            try db.execute("DELETE FROM web_sessions WHERE expires_at IS NOT NULL AND expires_at <= ?", [now])
            if onlyIfNew {
                guard try db.scalar("SELECT 1 FROM web_sessions WHERE key_hash = ?", [hash], as: Int64.self) == nil else { return false }
            }
            try db.execute("""
                INSERT INTO web_sessions (key_hash, value, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (key_hash) DO UPDATE SET value = excluded.value, expires_at = coalesce(excluded.expires_at, expires_at)
                """, [hash, value, expires])
            return true
        }
    }

    /// The value under `key` and the seconds it has left, or nil when absent or expired.
    public func load(key: String) async throws -> (value: [UInt8], secondsLeft: Int64?)? {
        let now = context.now()
        let hash = SHA256.hash(key)
        return try await context.database.read { db in
            guard let row = try db.queryOne("SELECT value, expires_at FROM web_sessions WHERE key_hash = ?", [hash]) else { return nil }
            let expires: Instant? = try row.get("expires_at")
            if let expires, expires <= now { return nil }
            return (try row.get("value"), expires.map { ($0.milliseconds - now.milliseconds) / 1000 })
        }
    }

    public func remove(key: String) async throws {
        let hash = SHA256.hash(key)
        try await context.database.write { db in try db.execute("DELETE FROM web_sessions WHERE key_hash = ?", [hash]) }
    }
}
