import COpenSSL

/// SHA-256 through OpenSSL's one-shot EVP digest.
public enum SHA256 {
    public static func hash<Bytes: Collection>(_ data: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = Array(data).withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest only fails when out of memory; there is no way to go on from that.
        precondition(ok == 1 && length == 32, "SHA-256 failed")
        return digest
    }

    public static func hash(_ text: String) -> [UInt8] { hash(Array(text.utf8)) }

    public static func hex(_ data: [UInt8]) -> String { Hex.encode(hash(data)) }
    public static func hex(_ text: String) -> String { Hex.encode(hash(text)) }
}

/// HMAC-SHA-256.
public enum HMACSHA256 {
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in
                HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count, &mac, &length)
            }
        }
        precondition(result != nil && length == 32, "HMAC-SHA-256 failed")
        return mac
    }
}
