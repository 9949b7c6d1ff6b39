import Testing
@testable import Inventory

@Suite("UTF8Check: the line of the first byte that is not UTF-8")
struct UTF8CheckTests {
    @Test func validTextHasNoBadLine() {
        #expect(UTF8Check.firstInvalidLine(Array("a\nÉtage 2\n😀\r\n".utf8)) == nil)
        #expect(UTF8Check.firstInvalidLine([]) == nil)
    }

    @Test(arguments: [
        ([0x61, 0x0A, 0xE9, 0x0A] as [UInt8], 2),   // Latin-1 é
        ([0xC0, 0xAF], 1),                          // overlong /
        ([0x0A, 0x0A, 0xED, 0xA0, 0x80], 3),        // surrogate
        ([0xF4, 0x90, 0x80, 0x80], 1),              // above U+10FFFF
        ([0x61, 0xE2, 0x82], 1),                    // truncated at the end
        ([0x0A, 0xE2, 0x28, 0xA1], 2),              // bad continuation
        ([0x80], 1),                                // lone continuation
    ])
    func badBytesAreFoundOnTheirLine(bytes: [UInt8], line: Int) {
        #expect(UTF8Check.firstInvalidLine(bytes) == line)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
    }
}
