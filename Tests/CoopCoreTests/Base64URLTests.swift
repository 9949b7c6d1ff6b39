import Foundation
import Testing

@testable import CoopCore

@Suite struct Base64URLTests {
    /// RFC 4648 section 10, without padding.
    @Test func rfc4648Vectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func usesTheURLSafeAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        let token = Base64URL.encode((0...255).map { UInt8($0) })
        #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
    }

    @Test func roundTripsEveryLength() throws {
        for length in 0...70 {
            let bytes = try SecureRandom.bytes(length)
            let text = Base64URL.encode(bytes)
            #expect(text.count == (length * 4 + 2) / 3)
            #expect(Base64URL.decode(text) == bytes, "length \(length)")
        }
    }

    @Test(arguments: ["A", "AAAAA", "Zm9v+g", "Zm9v/g", "Zm8=", "Zg==", "Zm 9v", "Zm9v\n", "é", "Zm9v.", "%2B"])
    func rejectsBadInput(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
