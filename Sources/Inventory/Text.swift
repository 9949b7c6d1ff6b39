import Foundation

/// Trimming and Unicode normalization without Foundation's cost where it can be avoided.
///
/// On Linux, `trimmingCharacters(in:)` and `precomposedStringWithCanonicalMapping` bridge through
/// `NSString` and cost microseconds per call; a 100,000-row import calls them about a million times,
/// which profiling showed to be a third of the import. These return at once in the common cases
/// (nothing to trim, pure ASCII) and fall back to Foundation only for text that needs it.
extension StringProtocol {
    /// Without leading or trailing white space (line breaks included).
    var trimmed: String {
        // Most cells start and end with a plain ASCII character: nothing to trim, and no Unicode
        // property to look up (White_Space holds, in ASCII, for tab to carriage return and space).
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last, Self.isPlainASCII(first), Self.isPlainASCII(last) {
            return String(self)
        }
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start...end])
        return String(view)
    }

    /// Empty or only white space.
    var isBlank: Bool {
        if let first = unicodeScalars.first, Self.isPlainASCII(first) { return false }
        return unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// An ASCII character without Unicode's White_Space property (which, in ASCII, only tab, line
    /// feed, vertical tab, form feed, carriage return and space have).
    static func isPlainASCII(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 && !(0x09...0x0D).contains(scalar.value) && scalar.value != 0x20
    }

    /// In Unicode NFC, so that text typed on different systems (`é` as one scalar or as `e` + accent)
    /// is stored and compared byte for byte the same. ASCII is already NFC.
    var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return String(self) }
        return String(self).precomposedStringWithCanonicalMapping
    }
}
