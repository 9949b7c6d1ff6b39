import Foundation
import Testing

@testable import CoopCore

@Suite struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func textIsHashedAsUTF8() {
        let text = "Robe d’époque"
        #expect(SHA256.hash(text) == SHA256.hash(Array(text.utf8)))
        #expect(SHA256.hex(text) == SHA256.hex(Array(text.utf8)))
        #expect(SHA256.hash(text).count == 32)
    }

    @Test func anyCollectionOfBytes() {
        let bytes = Array("xabcx".utf8)
        let expected = SHA256.hash(Array("abc".utf8))
        #expect(SHA256.hash(bytes[1..<4]) == expected)
        #expect(SHA256.hash(Data("abc".utf8)) == expected)
        #expect(SHA256.hash([UInt8]()) == SHA256.hash(""))
    }

    @Test func oneBitChangesTheDigest() {
        #expect(SHA256.hex("abc") != SHA256.hex("abd"))
        #expect(SHA256.hex([0]) != SHA256.hex([]))
    }
}
