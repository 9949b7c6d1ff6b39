import Foundation

/// The order of every list people read (producers, pickup points, plans, categories…), as a French
/// reader expects it and as ICU's root collation has it for Latin text: letters first without regard
/// to case or accents, so `Érablière` sorts with the E's and `eau` before `École`; then, between names
/// equal that way, unaccented before accented (`cote` < `coté`), then lower case before upper case
/// (`eau` < `Eau`), then the bytes, so that the order is total.
///
/// The same rule runs in SQL as the collation `french`, registered on every connection
/// (`ORDER BY name COLLATE french`), and in Swift (`ReadingOrder.less`). It is never used in the schema:
/// an index or a column declared with it would make the file unreadable by the plain `sqlite3` shell.
public enum ReadingOrder {
    /// The collation's name in SQL.
    public static let collation = "french"

    /// Whether `a` comes before `b` in a list people read.
    public static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

    /// Negative when `a` comes first, zero when the two are the same text, positive otherwise.
    public static func compare(_ a: String, _ b: String) -> Int32 {
        var a = a, b = b
        return a.withUTF8 { left in b.withUTF8 { right in compare(UnsafeRawBufferPointer(left), UnsafeRawBufferPointer(right)) } }
    }

    /// The comparison over UTF-8 bytes, as SQLite hands them to a collation. Pure ASCII text (most
    /// names, every code) is compared in place without decoding or allocating.
    public static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        // Fast path: the first difference between two ASCII prefixes, letters lowered, decides, since
        // folding never changes an ASCII character nor what comes before a later one.
        var i = 0
        let n = min(a.count, b.count)
        while i < n {
            let x = a[i], y = b[i]
            if x >= 0x80 || y >= 0x80 { return slowCompare(a, b) }
            let lx = lower(x), ly = lower(y)
            if lx != ly { return lx < ly ? -1 : 1 }
            i += 1
        }
        if a.count != b.count {
            // One is an ASCII prefix of the other: the rest decides unless it folds to nothing (a lone
            // combining accent), which only the full comparison knows.
            let rest = a.count > b.count ? a[n...] : b[n...]
            if rest.contains(where: { $0 >= 0x80 }) { return slowCompare(a, b) }
            return a.count < b.count ? -1 : 1
        }
        return tieBreak(a, b)
    }

    // MARK: Levels

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    /// Text that is not all ASCII: the folded letters, then the tie-breaks.
    private static func slowCompare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        var left = FoldedScalars(a), right = FoldedScalars(b)
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return tieBreak(a, b)
            case (nil, _): return -1
            case (_, nil): return 1
            case let (x?, y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }

    /// Between texts whose letters fold alike: accents (on lower-cased text), then case with lower case
    /// first, then the bytes.
    private static func tieBreak(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int32 {
        let x = String(decoding: a, as: UTF8.self), y = String(decoding: b, as: UTF8.self)
        let lx = x.lowercased(), ly = y.lowercased()
        if lx != ly { return lx < ly ? -1 : 1 }
        let sx = swappingCase(x), sy = swappingCase(y)
        if sx != sy { return sx < sy ? -1 : 1 }
        if a.elementsEqual(b) { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    /// `Eau` → `eAU`: compared this way, lower case comes before upper case.
    private static func swappingCase(_ text: String) -> String {
        String(text.map { character in
            let lower = character.lowercased(), upper = character.uppercased()
            if String(character) == lower, lower != upper { return Character(upper.count == 1 ? upper : lower) }
            if String(character) == upper, lower != upper { return Character(lower.count == 1 ? lower : upper) }
            return character
        })
    }

    // MARK: Folding

    /// The scalars of UTF-8 text with case, accents and width folded away and the ligatures spelt out
    /// (`Œuvre` → `oeuvre`), one at a time, decoded in place without building the folded text.
    struct FoldedScalars {
        private var bytes: UnsafeRawBufferPointer.Iterator
        private var decoder = UTF8()
        private var pending: [Unicode.Scalar] = []

        init(_ text: UnsafeRawBufferPointer) { bytes = text.makeIterator() }

        mutating func next() -> UInt32? {
            while true {
                if !pending.isEmpty { return pending.removeFirst().value }
                let scalar: Unicode.Scalar
                switch decoder.decode(&bytes) {
                case .scalarValue(let decoded): scalar = decoded
                case .emptyInput: return nil
                case .error: scalar = "\u{FFFD}"
                }
                let value = scalar.value
                if value < 0x80 { return UInt32(ReadingOrder.lower(UInt8(value))) }
                if (0x300...0x36F).contains(value) { continue }  // a combining accent folds to nothing
                if value < ReadingOrder.latinEnd {
                    let folded = ReadingOrder.latin[Int(value - 0x80)]
                    if folded.count == 1 { return folded[0].value }
                    pending = folded
                } else {
                    pending = Array(ReadingOrder.fold(String(scalar)).unicodeScalars)
                }
            }
        }
    }

    /// Latin-1 and Latin Extended A and B, where every letter of French (and of most languages written
    /// in Latin letters) lives: folded once, when first needed.
    static let latinEnd: UInt32 = 0x250
    static let latin: [[Unicode.Scalar]] = (0x80..<latinEnd).map { value in
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return Array(fold(String(scalar)).unicodeScalars)
    }

    /// One character folded as `String.folded` folds, ligatures spelt out.
    static func fold(_ text: String) -> String {
        switch text {
        case "œ", "Œ": return "oe"
        case "æ", "Æ": return "ae"
        case "ß", "ẞ": return "ss"
        default: return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        }
    }
}
