import Foundation
import Testing

@testable import CoopCore

@Suite struct PasswordHashTests {
    /// Small costs keep the suite fast; the format and the checks are the same.
    static let fast = PasswordHash.Parameters(n: 1024, r: 8, p: 1)

    @Test func rfc7914Vector() throws {
        let key = try PasswordHash.scrypt(
            password: Array("password".utf8), salt: Array("NaCl".utf8),
            parameters: PasswordHash.Parameters(n: 1024, r: 8, p: 16), length: 64)
        #expect(Hex.encode(key) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func rfc7914EmptyVector() throws {
        let key = try PasswordHash.scrypt(password: [], salt: [], parameters: PasswordHash.Parameters(n: 16, r: 1, p: 1), length: 64)
        #expect(Hex.encode(key) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test func scryptRejectsImpossibleParameters() {
        // N must be a power of two above 1.
        #expect(throws: CryptoError.self) {
            try PasswordHash.scrypt(password: [1], salt: [2], parameters: PasswordHash.Parameters(n: 1000, r: 8, p: 1), length: 32)
        }
    }

    @Test func hashThenVerify() throws {
        let stored = try PasswordHash.hash("correct horse battery staple", parameters: Self.fast)
        let parts = stored.split(separator: "$").map(String.init)
        #expect(parts.count == 6)
        #expect(Array(parts.prefix(4)) == ["scrypt", "1024", "8", "1"])
        #expect(Hex.decode(parts[4])?.count == 16)
        #expect(Hex.decode(parts[5])?.count == 32)
        #expect(PasswordHash.verify("correct horse battery staple", against: stored))
        #expect(!PasswordHash.verify("correct horse battery stapler", against: stored))
        #expect(!PasswordHash.verify("Correct horse battery staple", against: stored))
        #expect(!PasswordHash.verify("", against: stored))
    }

    @Test func unicodePasswords() throws {
        let stored = try PasswordHash.hash("mot de passe élégant 🔑", parameters: Self.fast)
        #expect(PasswordHash.verify("mot de passe élégant 🔑", against: stored))
        // Same letters, other normalization (e + combining acute): other bytes, other password.
        #expect(!PasswordHash.verify("mot de passe e\u{301}le\u{301}gant 🔑", against: stored))
    }

    @Test func eachHashHasItsOwnSalt() throws {
        let a = try PasswordHash.hash("same", parameters: Self.fast)
        let b = try PasswordHash.hash("same", parameters: Self.fast)
        #expect(a != b)
        #expect(PasswordHash.verify("same", against: a))
        #expect(PasswordHash.verify("same", against: b))
    }

    @Test func defaultParameters() throws {
        #expect(PasswordHash.Parameters() == PasswordHash.Parameters(n: 32_768, r: 8, p: 1))
        let stored = try PasswordHash.hash("default costs")
        #expect(stored.hasPrefix("scrypt$32768$8$1$"))
        #expect(PasswordHash.verify("default costs", against: stored))
    }

    @Test func tamperedHashFails() throws {
        let stored = try PasswordHash.hash("secret", parameters: Self.fast)
        var parts = stored.split(separator: "$").map(String.init)
        let last = parts[5]
        parts[5] = (last.first == "0" ? "1" : "0") + last.dropFirst()
        #expect(!PasswordHash.verify("secret", against: parts.joined(separator: "$")))
        // Another salt gives another key.
        var salted = stored.split(separator: "$").map(String.init)
        salted[4] = String(repeating: "00", count: 16)
        #expect(!PasswordHash.verify("secret", against: salted.joined(separator: "$")))
        // Other costs give another key.
        var costs = stored.split(separator: "$").map(String.init)
        costs[1] = "2048"
        #expect(!PasswordHash.verify("secret", against: costs.joined(separator: "$")))
    }

    @Test func malformedStoredHashesNeverVerify() throws {
        let stored = try PasswordHash.hash("pw", parameters: Self.fast)
        let parts = stored.split(separator: "$").map(String.init)
        let salt = parts[4], key = parts[5]
        let malformed = [
            "",
            "pw",
            "scrypt",
            "scrypt$$$$$",
            "bcrypt$1024$8$1$\(salt)$\(key)",
            "scrypt$1024$8$1$\(salt)",
            "scrypt$1024$8$1$\(salt)$\(key)$extra",
            "scrypt$abc$8$1$\(salt)$\(key)",
            "scrypt$-1024$8$1$\(salt)$\(key)",
            "scrypt$1024$8$1$zz\(salt.dropFirst(2))$\(key)",
            "scrypt$1024$8$1$\(salt)$\(key.dropLast())",
            "scrypt$1024$8$1$\(salt)$",
            "scrypt$1$8$1$\(salt)$\(key)",  // N too small
            "scrypt$1000$8$1$\(salt)$\(key)",  // N not a power of two
            "scrypt$2097152$8$1$\(salt)$\(key)",  // N above the 2^20 limit: refused, not computed
            "scrypt$1024$33$1$\(salt)$\(key)",  // r above 32
            "scrypt$1024$8$17$\(salt)$\(key)",  // p above 16
            "scrypt$1024$0$1$\(salt)$\(key)",
            "scrypt$1024$8$0$\(salt)$\(key)",
        ]
        for text in malformed {
            #expect(!PasswordHash.verify("pw", against: text), "\(text)")
        }
        // The well-formed one does verify, so the rejections above are about the form.
        #expect(PasswordHash.verify("pw", against: stored))
    }
}
