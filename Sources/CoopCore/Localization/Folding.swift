import Foundation

extension StringProtocol {
    /// The text as people's typing is compared with what is stored: lower case, no accents, ordinary
    /// width, surrounding white space dropped (`  Échelles ` and `echelles` fold alike). Every "case and
    /// accents ignored" match in the domains goes through this, so they all agree.
    public var folded: String {
        let text = String(self)
        // Pure ASCII (most keys, codes and values): the same result as Foundation's folding, without
        // it, about ten times faster — an import folds every attribute of every row.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return FoldingASCII.fold(text) }
        return text.foundationFolded
    }
}

extension String {
    /// The folding itself, for any text.
    var foundationFolded: String {
        trimmingCharacters(in: .whitespaces)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }
}

enum FoldingASCII {
    /// ASCII text folded: spaces and tabs trimmed (the ASCII part of `.whitespaces`), letters lowered.
    static func fold(_ text: String) -> String {
        var bytes = text.utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
