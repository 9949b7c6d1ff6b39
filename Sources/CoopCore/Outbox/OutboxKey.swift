import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The key that keeps an outbox's secrets (credential codes) unreadable to anyone holding only the
/// database, and that signs the opt-out links in its messages.
///
/// It is 32 random bytes in a file beside the database (`coop.sqlite.notices-key`, mode 0600), made
/// the first time it is needed. A copy of the database alone (a backup, a stolen file, `sqlite3` on
/// the server) shows sealed codes only; the key file is needed to open them, and the code is erased
/// from the row once its notice is sent.
public struct OutboxKey: Sendable {
    let secret: [UInt8]

    /// The file's path for a database file.
    public static func path(forDatabase database: String) -> String { database + ".notices-key" }

    private static let loaded = Mutex<[String: OutboxKey]>([:])

    /// The key of the database at `database`, read once per process (made if missing).
    public static func forDatabase(_ database: String) throws -> OutboxKey {
        if let key = loaded.withLock({ $0[database] }) { return key }
        let key = try readOrCreate(path(forDatabase: database))
        loaded.withLock { $0[database] = key }
        return key
    }

    private static func readOrCreate(_ path: String) throws -> OutboxKey {
        let fresh = try SecureRandom.bytes(32)
        // O_EXCL: of two processes making the key at once, one writes it and the other reads it.
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd >= 0 {
            let written = fresh.withUnsafeBytes { write(fd, $0.baseAddress, 32) }
            fsync(fd)
            Glibc.close(fd)
            guard written == 32 else { throw CryptoError("outbox key", reason: "could not write \(path)") }
            return OutboxKey(secret: fresh)
        }
        guard errno == EEXIST, let data = FileManager.default.contents(atPath: path), data.count == 32 else {
            throw CryptoError("outbox key", reason: "could not read \(path) (32 bytes expected)")
        }
        return OutboxKey(secret: Array(data))
    }

    /// AES-256-GCM (see `AESGCM`); `binding` (the notice's key) is authenticated with it, so a sealed
    /// value copied to another row does not open.
    public func seal(_ plaintext: [UInt8], binding: String) throws -> [UInt8] {
        try AESGCM.seal(plaintext, key: secret, aad: Array(binding.utf8))
    }

    /// The plaintext of `seal`'s output, or an error if it was altered or sealed for another binding.
    public func open(_ sealed: [UInt8], binding: String) throws -> [UInt8] {
        try AESGCM.open(sealed, key: secret, aad: Array(binding.utf8))
    }

    /// The signature of an opt-out link (`member` and `topic`), so that only the member who received
    /// the message can use it: HMAC-SHA256 under a key derived for links, first 16 bytes, base64url.
    public func linkSignature(_ text: String) -> String {
        let linkKey = HMACSHA256.authenticate(Array("coop opt-out links".utf8), key: secret)
        return Base64URL.encode(Array(HMACSHA256.authenticate(Array(text.utf8), key: linkKey).prefix(16)))
    }
}
