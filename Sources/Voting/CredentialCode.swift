import CoopCore

/// A member's private voting credential as a code to type: 16 characters of Crockford's base 32
/// (`0-9 A-Z` without `I L O U`), the last one a check character, shown as `XXXX-XXXX-XXXX-XXXX`.
///
/// 15 random characters carry 75 bits. The check character is Damm's algorithm over GF(32), which
/// catches every single mistyped character and every swap of two neighbours before any key is derived.
/// Reading forgives what people do: lower case, dashes, spaces, `O` for `0`, `I` and `L` for `1`.
public struct CredentialCode: Sendable, Hashable, CustomStringConvertible {
    /// The 16 characters, upper case, no dashes: what the derivation hashes.
    public let normalized: String

    /// Characters in a code, the check character included.
    public static let length = 16
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Reads a typed code; refuses one of the wrong length, with a foreign character or a wrong check.
    public init(_ typed: String) throws {
        var values: [UInt8] = []
        for c in typed.uppercased().utf8 {
            switch c {
            case UInt8(ascii: "-"), UInt8(ascii: " "): continue
            case UInt8(ascii: "O"): values.append(0)
            case UInt8(ascii: "I"), UInt8(ascii: "L"): values.append(1)
            default:
                guard let v = Self.alphabet.firstIndex(of: c) else { throw CoopError.invalidCode() }
                values.append(UInt8(v))
            }
        }
        guard values.count == Self.length, Self.checksum(values) == 0 else { throw CoopError.invalidCode() }
        normalized = String(decoding: values.map { Self.alphabet[Int($0)] }, as: UTF8.self)
    }

    private init(values: [UInt8]) {
        normalized = String(decoding: values.map { Self.alphabet[Int($0)] }, as: UTF8.self)
    }

    /// A new random code.
    public static func generate() throws -> CredentialCode {
        // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
        var values = try SecureRandom.bytes(length - 1).map { $0 & 0x1F }
        values.append(multiplyByTwo(checksum(values)))
        return CredentialCode(values: values)
    }

    /// `XXXX-XXXX-XXXX-XXXX`, for printing.
    public var grouped: String {
        var out = ""
        for (i, c) in normalized.enumerated() {
            if i > 0, i % 4 == 0 { out.append("-") }
            out.append(c)
        }
        return out
    }

    public var description: String { grouped }

    /// The Ed25519 key of this code in one election (docs/VOTING.md, "Credential derivation"):
    /// seed = HMAC-SHA-256(key: "coop-voting-1/credential/" + election id + "/" + salt, message: code).
    public func privateKey(electionID: String, salt: String) throws -> Ed25519.PrivateKey {
        let key = Array("coop-voting-1/credential/\(electionID)/\(salt)".utf8)
        return try Ed25519.PrivateKey(seed: HMACSHA256.authenticate(Array(normalized.utf8), key: key))
    }

    // MARK: Damm over GF(32)

    /// The interim digit after `values`: x ∘ y = 2·x ⊕ y in GF(2⁵) mod x⁵ + x² + 1. The operation is a
    /// totally anti-symmetric quasigroup (2 ≠ 0, 1), which is what Damm's guarantees rest on.
    static func checksum(_ values: [UInt8]) -> UInt8 {
        values.reduce(0) { multiplyByTwo($0) ^ $1 }
    }

    /// 2·x in GF(32): the check character c makes 2·interim ⊕ c = 0, so c = 2·interim.
    static func multiplyByTwo(_ x: UInt8) -> UInt8 {
        let shifted = x << 1
        return shifted & 0x20 != 0 ? (shifted ^ 0x25) & 0x1F : shifted
    }
}
