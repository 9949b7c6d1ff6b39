import Foundation
import Testing

@testable import CoopCore

@Suite struct SecureRandomTests {
    @Test func bytesHaveTheAskedLengthAndDiffer() throws {
        #expect(try SecureRandom.bytes(0) == [])
        #expect(try SecureRandom.bytes(32).count == 32)
        #expect(try SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test func integerStaysBelowTheBoundAndCoversIt() throws {
        #expect(try SecureRandom.integer(below: 1) == 0)
        var seen = Set<UInt64>()
        for _ in 0..<500 {
            let value = try SecureRandom.integer(below: 6)
            #expect(value < 6)
            seen.insert(value)
        }
        // 500 draws missing one of 6 values has probability about 6·(5/6)^500 ≈ 1e-39.
        #expect(seen == [0, 1, 2, 3, 4, 5])
        let big = UInt64.max / 3 * 2
        for _ in 0..<100 { #expect(try SecureRandom.integer(below: big) < big) }
    }
}
