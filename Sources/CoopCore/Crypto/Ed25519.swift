import COpenSSL

/// Ed25519 (RFC 8032, "pure") through OpenSSL's EVP interface.
///
/// Keys are held as raw 32-byte values, so they are plain `Sendable` data; an `EVP_PKEY` is made for
/// each operation and freed at once (measured: it costs little next to the curve arithmetic).
public enum Ed25519 {
    public static let keyLength = 32
    public static let signatureLength = 64

    /// A private key, held as its 32-byte seed.
    public struct PrivateKey: Sendable, Equatable {
        public let seed: [UInt8]

        /// A new random key.
        public init() throws { seed = try SecureRandom.bytes(32) }

        public init(seed: [UInt8]) throws {
            guard seed.count == 32 else { throw CryptoError("Ed25519 private key", reason: "a seed is 32 bytes, got \(seed.count)") }
            self.seed = seed
        }

        public var publicKey: PublicKey {
            get throws {
                try withKey(seed, isPrivate: true) { key in
                    var raw = [UInt8](repeating: 0, count: 32)
                    var length = 32
                    guard EVP_PKEY_get_raw_public_key(key, &raw, &length) == 1, length == 32 else {
                        throw CryptoError.openSSL("EVP_PKEY_get_raw_public_key")
                    }
                    return PublicKey(validatedRaw: raw)
                }
            }
        }

        public func sign(_ message: [UInt8]) throws -> [UInt8] {
            try withKey(seed, isPrivate: true) { key in
                guard let ctx = EVP_MD_CTX_new() else { throw CryptoError.openSSL("EVP_MD_CTX_new") }
                defer { EVP_MD_CTX_free(ctx) }
                guard EVP_DigestSignInit(ctx, nil, nil, nil, key) == 1 else { throw CryptoError.openSSL("EVP_DigestSignInit") }
                var signature = [UInt8](repeating: 0, count: 64)
                var length = 64
                let ok = message.withUnsafeBytes { m in
                    EVP_DigestSign(ctx, &signature, &length, m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count)
                }
                guard ok == 1, length == 64 else { throw CryptoError.openSSL("EVP_DigestSign") }
                return signature
            }
        }
    }

    /// A public key: 32 raw bytes.
    public struct PublicKey: Sendable, Hashable {
        public let raw: [UInt8]

        fileprivate init(validatedRaw: [UInt8]) { raw = validatedRaw }

        public init(raw: [UInt8]) throws {
            guard raw.count == 32 else { throw CryptoError("Ed25519 public key", reason: "a key is 32 bytes, got \(raw.count)") }
            self.raw = raw
        }

        public var hex: String { Hex.encode(raw) }

        /// True only for a valid signature of `message` by this key; malformed input is simply invalid.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == 64 else { return false }
            let result: Bool? = try? withKey(raw, isPrivate: false) { key in
                guard let ctx = EVP_MD_CTX_new() else { return false }
                defer { EVP_MD_CTX_free(ctx) }
                guard EVP_DigestVerifyInit(ctx, nil, nil, nil, key) == 1 else { return false }
                let ok = signature.withUnsafeBytes { s in
                    message.withUnsafeBytes { m in
                        EVP_DigestVerify(
                            ctx, s.baseAddress?.assumingMemoryBound(to: UInt8.self), s.count,
                            m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count)
                    }
                }
                return ok == 1
            }
            ERR_clear_error()
            return result ?? false
        }
    }

    private static func withKey<T>(_ raw: [UInt8], isPrivate: Bool, _ body: (OpaquePointer) throws -> T) throws -> T {
        let key = raw.withUnsafeBytes { bytes in
            let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return isPrivate
                ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, base, bytes.count)
                : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, base, bytes.count)
        }
        guard let key else { throw CryptoError.openSSL(isPrivate ? "EVP_PKEY_new_raw_private_key" : "EVP_PKEY_new_raw_public_key") }
        defer { EVP_PKEY_free(key) }
        return try body(key)
    }
}
