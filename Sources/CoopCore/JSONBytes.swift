/// JSON written straight into bytes, exactly as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes it (CoopHTTP's encoder): for the one answer where the encoder's
/// cost shows, a page of search results (see `ItemJSON`). The caller writes keys in sorted order.
public struct JSONBytes {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A raw fragment: punctuation or a key already quoted (`{"code":`).
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string: `"` and `\` escaped, \b \f \n \r \t by name, other control characters as
    /// `\u00xx` (lower-case hex), everything else (`/`, DEL, U+2028, any non-ASCII) as its UTF-8 bytes.
    public mutating func string(_ value: String) {
        bytes.append(34)
        for b in value.utf8 {
            switch b {
            case 34: bytes.append(92); bytes.append(34)
            case 92: bytes.append(92); bytes.append(92)
            case 8: bytes.append(92); bytes.append(98)
            case 12: bytes.append(92); bytes.append(102)
            case 10: bytes.append(92); bytes.append(110)
            case 13: bytes.append(92); bytes.append(114)
            case 9: bytes.append(92); bytes.append(116)
            case 0..<32:
                bytes.append(contentsOf: [92, 117, 48, 48, Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(34)
    }

    /// The string, or `null` (the API writes absent optional fields as `null`).
    public mutating func optional(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    public mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `[ … ]` of strings.
    public mutating func strings(_ values: [String]) {
        bytes.append(91)
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(44) }
            string(value)
        }
        bytes.append(93)
    }
}
