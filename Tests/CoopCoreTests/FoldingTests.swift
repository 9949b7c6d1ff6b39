import Testing

@testable import CoopCore

@Suite struct FoldingTests {
    @Test func foldsCaseAccentsWidthAndSurroundingSpaces() {
        #expect("  Échelles ".folded == "echelles")
        #expect("ＡＢＣ".folded == "abc")
        #expect("E\u{301}poque".folded == "epoque")
        #expect("\tMakita 18 V ".folded == "makita 18 v")
    }

    /// ASCII text takes a short path; it must fold exactly as Foundation does, every character.
    @Test func theASCIIPathFoldsAsFoundationDoes() {
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        #expect(every.folded == every.foundationFolded)
        let alphabet = Array(" \t\n\u{0B}\u{0C}\raAzZ09-_/'=.")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(text.folded == text.foundationFolded, "\(text.debugDescription)")
        }
    }
}
