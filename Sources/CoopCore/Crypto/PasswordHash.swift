import COpenSSL

/// Password (and passphrase) hashing with scrypt, stored as `scrypt$N$r$p$salt$hash` (salt and hash hex).
public enum PasswordHash {
    /// Costs: N = 2^15, r = 8, p = 1 takes about 0.13 s here (LINUX-NOTES.md) and 32 MiB.
    public struct Parameters: Sendable, Equatable {
        public var n: UInt64 = 1 << 15
        public var r: UInt64 = 8
        public var p: UInt64 = 1
        public init() {}
        public init(n: UInt64, r: UInt64, p: UInt64) { self.n = n; self.r = r; self.p = p }
    }

    /// Raw scrypt (RFC 7914).
    public static func scrypt(password: [UInt8], salt: [UInt8], parameters: Parameters, length: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        // maxmem: enough for 128·r·N plus OpenSSL's slack.
        let maxMemory = 128 * parameters.r * parameters.n * 2 + 1 << 20
        let ok = password.withUnsafeBytes { pw in
            salt.withUnsafeBytes { s in
                EVP_PBE_scrypt(
                    pw.baseAddress?.assumingMemoryBound(to: CChar.self), pw.count,
                    s.baseAddress?.assumingMemoryBound(to: UInt8.self), s.count,
                    parameters.n, parameters.r, parameters.p, maxMemory, &out, length)
            }
        }
        guard ok == 1 else { throw CryptoError.openSSL("EVP_PBE_scrypt") }
        return out
    }

    /// Hashes with a fresh random salt.
    public static func hash(_ password: String, parameters: Parameters = Parameters()) throws -> String {
        let salt = try SecureRandom.bytes(16)
        let key = try scrypt(password: Array(password.utf8), salt: salt, parameters: parameters, length: 32)
        return "scrypt$\(parameters.n)$\(parameters.r)$\(parameters.p)$\(Hex.encode(salt))$\(Hex.encode(key))"
    }

    /// Checks a password against a stored hash in constant time; a malformed hash never verifies.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let n = UInt64(parts[1]), let r = UInt64(parts[2]), let p = UInt64(parts[3]),
              n > 1, n <= 1 << 20, r <= 32, p <= 16,
              let salt = Hex.decode(parts[4]), let expected = Hex.decode(parts[5]), !expected.isEmpty,
              let actual = try? scrypt(password: Array(password.utf8), salt: salt,
                                       parameters: Parameters(n: n, r: r, p: p), length: expected.count)
        else { return false }
        return constantTimeEquals(actual, expected)
    }
}
