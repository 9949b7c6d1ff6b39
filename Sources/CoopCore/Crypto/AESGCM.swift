import COpenSSL

/// AES-256-GCM with a random 12-byte nonce: nonce ‖ ciphertext ‖ tag (16). `aad` is authenticated with
/// it, so a sealed value moved to another place (another notice, another election) does not open.
public enum AESGCM {
    public static func seal(_ plaintext: [UInt8], key: [UInt8], aad: [UInt8]) throws -> [UInt8] {
        precondition(key.count == 32)
        let nonce = try SecureRandom.bytes(12)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("seal") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var length: Int32 = 0, final: Int32 = 0
        var tag = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              EVP_EncryptUpdate(ctx, nil, &length, aad, Int32(aad.count)) == 1,
              EVP_EncryptUpdate(ctx, &out, &length, plaintext, Int32(plaintext.count)) == 1,
              out.withUnsafeMutableBufferPointer({ EVP_EncryptFinal_ex(ctx, $0.baseAddress! + Int(length), &final) }) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1
        else { throw CryptoError.openSSL("seal") }
        return nonce + out.prefix(Int(length + final)) + tag
    }

    /// The plaintext of `seal`'s output, or an error if it was altered, or sealed under another key or aad.
    public static func open(_ sealed: [UInt8], key: [UInt8], aad: [UInt8]) throws -> [UInt8] {
        guard sealed.count >= 28, key.count == 32 else { throw CryptoError("open", reason: "sealed value too short") }
        let nonce = Array(sealed.prefix(12))
        var tag = Array(sealed.suffix(16))
        let body = Array(sealed.dropFirst(12).dropLast(16))
        guard let ctx = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("open") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0, final: Int32 = 0
        guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              EVP_DecryptUpdate(ctx, nil, &length, aad, Int32(aad.count)) == 1,
              EVP_DecryptUpdate(ctx, &out, &length, body, Int32(body.count)) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1,
              out.withUnsafeMutableBufferPointer({ EVP_DecryptFinal_ex(ctx, $0.baseAddress! + Int(length), &final) }) == 1
        else {
            ERR_clear_error()
            throw CryptoError("open", reason: "the sealed value was altered, or sealed under another key")
        }
        return Array(out.prefix(Int(length + final)))
    }

    /// A 32-byte key from a passphrase: scrypt (N = 2^15, r = 8, p = 1: about 0.1 s and 32 MiB here),
    /// so guessing passphrases from a stolen file is slow.
    public static func key(passphrase: String, salt: [UInt8], n: UInt64 = 1 << 15, r: UInt64 = 8, p: UInt64 = 1) throws -> [UInt8] {
        var key = [UInt8](repeating: 0, count: 32)
        let pass = Array(passphrase.utf8)
        let ok = pass.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                EVP_PBE_scrypt(chars.baseAddress, chars.count, salt, salt.count, n, r, p, 64 * 1024 * 1024, &key, 32)
            }
        }
        guard ok == 1 else { throw CryptoError.openSSL("scrypt") }
        return key
    }
}
