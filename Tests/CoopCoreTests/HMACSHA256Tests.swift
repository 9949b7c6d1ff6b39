import Foundation
import Testing

@testable import CoopCore

/// RFC 4231 test cases for HMAC-SHA-256.
@Suite struct HMACSHA256Tests {
    @Test func rfc4231TestCase1() throws {
        let mac = HMACSHA256.authenticate(Array("Hi There".utf8), key: Array(repeating: 0x0b, count: 20))
        #expect(Hex.encode(mac) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231TestCase2() throws {
        let mac = HMACSHA256.authenticate(Array("what do ya want for nothing?".utf8), key: Array("Jefe".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231TestCase6KeyLongerThanTheBlock() throws {
        let mac = HMACSHA256.authenticate(
            Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8), key: Array(repeating: 0xaa, count: 131))
        #expect(Hex.encode(mac) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func emptyKeyAndMessage() {
        #expect(Hex.encode(HMACSHA256.authenticate([], key: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func keyMatters() {
        let message = Array("token".utf8)
        #expect(HMACSHA256.authenticate(message, key: [1]) != HMACSHA256.authenticate(message, key: [2]))
        #expect(HMACSHA256.authenticate(message, key: [1]) == HMACSHA256.authenticate(message, key: [1]))
    }
}
