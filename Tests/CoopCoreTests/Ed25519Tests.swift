import Foundation
import Testing

@testable import CoopCore

/// Project Wycheproof's Ed25519 verification vectors, read from `../shared/testvectors` beside the package.
struct WycheproofEd25519Case: Sendable, CustomTestStringConvertible {
    let tcId: Int
    let comment: String
    let publicKey: String
    let message: String
    let signature: String
    let valid: Bool

    var testDescription: String { "tcId \(tcId) \(valid ? "valid" : "invalid") \(comment)" }

    private struct File: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let pk: String }
            struct Test: Decodable {
                let tcId: Int
                let comment: String
                let msg: String
                let sig: String
                let result: String
            }
            let publicKey: Key
            let tests: [Test]
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    static var url: URL { sharedFolder().appendingPathComponent("testvectors/wycheproof-ed25519_test.json") }

    static func all() throws -> [WycheproofEd25519Case] {
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        let cases = file.testGroups.flatMap { group in
            group.tests.map {
                WycheproofEd25519Case(
                    tcId: $0.tcId, comment: $0.comment, publicKey: group.publicKey.pk,
                    message: $0.msg, signature: $0.sig, valid: $0.result == "valid")
            }
        }
        guard cases.count == file.numberOfTests else { throw CocoaError(.fileReadCorruptFile) }
        return cases
    }
}

@Suite struct Ed25519Tests {
    // MARK: Wycheproof

    @Test func wycheproofFileHoldsAll151Cases() throws {
        let cases = try WycheproofEd25519Case.all()
        #expect(cases.count == 151)
        #expect(cases.filter(\.valid).count == 88)
        #expect(cases.filter { !$0.valid }.count == 63)
        #expect(Set(cases.map(\.tcId)).count == 151)
    }

    @Test(arguments: try WycheproofEd25519Case.all())
    func wycheproof(_ vector: WycheproofEd25519Case) throws {
        let message = try hexBytes(vector.message)
        let signature = try hexBytes(vector.signature)
        let key = try Ed25519.PublicKey(raw: try hexBytes(vector.publicKey))
        #expect(key.isValidSignature(signature, for: message) == vector.valid)
    }

    // MARK: RFC 8032 section 7.1

    struct RFC8032Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let secretKey: String
        let publicKey: String
        let message: String
        let signature: String
        var testDescription: String { name }
    }

    static let rfc8032Vectors: [RFC8032Vector] = [
        RFC8032Vector(
            name: "TEST 1",
            secretKey: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        RFC8032Vector(
            name: "TEST 2",
            secretKey: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        RFC8032Vector(
            name: "TEST 3",
            secretKey: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        RFC8032Vector(
            name: "TEST SHA(abc)",
            secretKey: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            // SHA-512("abc")
            message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"),
    ]

    @Test(arguments: rfc8032Vectors)
    func rfc8032(_ vector: RFC8032Vector) throws {
        let privateKey = try Ed25519.PrivateKey(seed: try hexBytes(vector.secretKey))
        let publicKey = try privateKey.publicKey
        #expect(publicKey.hex == vector.publicKey)
        let message = try hexBytes(vector.message)
        let signature = try privateKey.sign(message)
        #expect(Hex.encode(signature) == vector.signature)
        #expect(publicKey.isValidSignature(signature, for: message))
        let parsedKey = try Ed25519.PublicKey(raw: try hexBytes(vector.publicKey))
        #expect(parsedKey == publicKey)
        #expect(parsedKey.isValidSignature(try hexBytes(vector.signature), for: message))
    }

    // MARK: Round trips and tampering

    @Test func signAndVerifyWithANewKey() throws {
        let key = try Ed25519.PrivateKey()
        #expect(key.seed.count == 32)
        let message = Array(#"{"election":"2026-ag","answers":[1]}"#.utf8)
        let signature = try key.sign(message)
        #expect(signature.count == Ed25519.signatureLength)
        #expect(try key.publicKey.isValidSignature(signature, for: message))
        // Deterministic: the same key and message give the same signature.
        #expect(try key.sign(message) == signature)
    }

    @Test func newKeysDiffer() throws {
        #expect(try Ed25519.PrivateKey().seed != Ed25519.PrivateKey().seed)
    }

    @Test func anyFlippedBitFailsVerification() throws {
        let key = try Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))
        let publicKey = try key.publicKey
        let message = Array("ballot".utf8)
        let signature = try key.sign(message)
        for byte in [0, 31, 32, 63] {
            for bit in [0, 7] {
                var tampered = signature
                tampered[byte] ^= 1 << bit
                #expect(!publicKey.isValidSignature(tampered, for: message), "signature byte \(byte) bit \(bit)")
            }
        }
        for byte in message.indices {
            var tampered = message
            tampered[byte] ^= 1
            #expect(!publicKey.isValidSignature(signature, for: tampered), "message byte \(byte)")
        }
        var otherKey = publicKey.raw
        otherKey[0] ^= 1
        #expect(!(try Ed25519.PublicKey(raw: otherKey).isValidSignature(signature, for: message)))
        #expect(!publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!publicKey.isValidSignature(signature, for: []))
    }

    @Test func anotherKeysSignatureFails() throws {
        let alice = try Ed25519.PrivateKey()
        let bob = try Ed25519.PrivateKey()
        let message = Array("same message".utf8)
        #expect(!(try bob.publicKey.isValidSignature(try alice.sign(message), for: message)))
    }

    @Test func malformedSignaturesAreSimplyInvalid() throws {
        let key = try Ed25519.PrivateKey()
        let publicKey = try key.publicKey
        let message = Array("m".utf8)
        let signature = try key.sign(message)
        #expect(!publicKey.isValidSignature([], for: message))
        #expect(!publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
        #expect(!publicKey.isValidSignature(signature + [0], for: message))
        #expect(!publicKey.isValidSignature(Array(repeating: 0, count: 64), for: message))
        #expect(!publicKey.isValidSignature(Array(repeating: 0xFF, count: 64), for: message))
    }

    @Test func keysOfTheWrongLengthAreRejected() {
        #expect(throws: CryptoError.self) { try Ed25519.PrivateKey(seed: Array(repeating: 1, count: 31)) }
        #expect(throws: CryptoError.self) { try Ed25519.PrivateKey(seed: Array(repeating: 1, count: 64)) }
        #expect(throws: CryptoError.self) { try Ed25519.PublicKey(raw: []) }
        #expect(throws: CryptoError.self) { try Ed25519.PublicKey(raw: Array(repeating: 1, count: 33)) }
    }
}
