import Foundation
import Testing

@testable import CoopCore

@Suite struct ConstantTimeEqualsTests {
    @Test func comparesContents() {
        #expect(constantTimeEquals([], []))
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([0, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(!constantTimeEquals([], [0]))
        let digest = SHA256.hash("token")
        var other = digest
        other[31] ^= 0x80
        #expect(constantTimeEquals(digest, SHA256.hash("token")))
        #expect(!constantTimeEquals(digest, other))
    }
}
