import CoopCore
import Foundation

/// The one byte form of a JSON value that every hash and signature of the voting protocol covers.
///
/// Rules (docs/VOTING.md, "Canonical JSON"):
/// - no whitespace; object members sorted by the UTF-8 bytes of their keys; each key once;
/// - integers only, written in shortest decimal form (`-0` reads as `0`); no fractions or exponents;
/// - strings in UTF-8, escaped as RFC 8785 (JCS) does: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
///   control characters as `\u00xx` (lower-case hex), everything else as the raw UTF-8 bytes.
///
/// The parser reads any JSON text (whitespace allowed) but refuses what the canonical form cannot say:
/// fractions, exponents, integers outside Int64, duplicate keys, invalid UTF-8, lone surrogates.
/// Re-encoding a parsed value therefore gives the canonical bytes a signer or hasher used.
public enum CanonicalJSON {
    /// How deep arrays and objects may nest; the protocol needs 4, the limit stops stack exhaustion.
    public static let defaultMaxDepth = 32

    // MARK: Encoding

    /// The canonical bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        encode(value, into: &out)
        return out
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// The canonical bytes of `value`, as `Data`.
    public static func data(_ value: JSONValue) -> Data { Data(encode(value)) }

    /// SHA-256 of the canonical bytes, in lower-case hex.
    public static func sha256Hex(_ value: JSONValue) -> String { SHA256.hex(encode(value)) }

    /// Appends the canonical bytes of `value` to `out`.
    public static func encode(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: nullBytes)
        case .bool(let b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case .integer(let n): out.append(contentsOf: String(n).utf8)
        case .string(let s): encodeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                encode(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                encodeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                encode(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func encodeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Parsing

    /// Reads JSON text (any whitespace, order or escapes) with the protocol's refusals.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, maxDepth: maxDepth)
            return Result { () throws(JSONParseError) -> JSONValue in try parser.parseDocument() }
        }
        return try result.get()
    }

    /// Reads JSON text from `Data`.
    public static func parse(_ data: Data, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = data.withUnsafeBytes { raw in
            var parser = JSONParser(raw.bindMemory(to: UInt8.self), maxDepth: maxDepth)
            return Result { () throws(JSONParseError) -> JSONValue in try parser.parseDocument() }
        }
        return try result.get()
    }

    /// Reads JSON text from a `String`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// Why a text is not JSON the protocol accepts, where (byte offset) and inside what (path).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case controlCharacterInString
        case invalidEscape
        case loneSurrogate
        /// A number with a fraction or an exponent: the protocol has integers only.
        case notAnInteger
        case integerOutOfRange
        case duplicateKey(String)
        case tooDeep
        case trailingData
    }

    /// One step from the document's root: an array index or an object key.
    public enum PathComponent: Sendable, Equatable, CustomStringConvertible {
        case index(Int)
        case key(String)
        public var description: String {
            switch self {
            case .index(let i): "[\(i)]"
            case .key(let k): ".\(k)"
            }
        }
    }

    /// What is wrong.
    public let reason: Reason
    /// Byte offset from the start of the text.
    public let offset: Int
    /// Outermost first.
    public var path: [PathComponent]

    init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
        path = []
    }

    /// The reason in French and English.
    public var text: LocalizedText {
        switch reason {
        case .unexpectedEnd: LocalizedText(fr: "fin inattendue du texte", en: "unexpected end of text")
        case .unexpectedByte(let b):
            LocalizedText(fr: "caractère inattendu (octet 0x\(Hex.encode([b])))", en: "unexpected character (byte 0x\(Hex.encode([b])))")
        case .invalidUTF8: LocalizedText(fr: "texte qui n’est pas de l’UTF-8 valide", en: "text that is not valid UTF-8")
        case .controlCharacterInString:
            LocalizedText(fr: "caractère de contrôle non échappé dans une chaîne", en: "unescaped control character in a string")
        case .invalidEscape: LocalizedText(fr: "séquence d’échappement invalide", en: "invalid escape sequence")
        case .loneSurrogate: LocalizedText(fr: "demi-paire de substitution UTF-16 isolée", en: "lone UTF-16 surrogate")
        case .notAnInteger:
            LocalizedText(fr: "nombre non entier (seuls les entiers sont permis)", en: "number that is not an integer (integers only)")
        case .integerOutOfRange: LocalizedText(fr: "entier hors limites (64 bits)", en: "integer out of range (64 bits)")
        case .duplicateKey(let k): LocalizedText(fr: "clé « \(k) » en double", en: "duplicate key \"\(k)\"")
        case .tooDeep: LocalizedText(fr: "imbrication trop profonde", en: "nesting too deep")
        case .trailingData: LocalizedText(fr: "données après la fin du JSON", en: "data after the end of the JSON")
        }
    }

    public var description: String {
        "JSON error at byte \(offset)\(path.isEmpty ? "" : " (in \(path.map(\.description).joined())")): \(text.en)"
    }
}

/// A recursive-descent parser over raw bytes. Paths are added only when an error unwinds, so a
/// successful parse pays nothing for them.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var i = 0
    var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard i == bytes.count else { throw JSONParseError(.trailingData, at: i) }
        return value
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func peek() throws(JSONParseError) -> UInt8 {
        guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: i) }
        return bytes[i]
    }

    private mutating func expect(_ literal: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let count = literal.utf8CodeUnitCount
        for k in 0..<count {
            guard i + k < bytes.count else { throw JSONParseError(.unexpectedEnd, at: i + k) }
            guard bytes[i + k] == literal.utf8Start[k] else { throw JSONParseError(.unexpectedByte(bytes[i + k]), at: i + k) }
        }
        i += count
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        case let b: throw JSONParseError(.unexpectedByte(b), at: i)
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep, at: i) }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        i += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            do {
                elements.append(try parseValue())
            } catch {
                var e = error
                e.path.insert(.index(elements.count), at: 0)
                throw e
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"):
                i += 1
                depth -= 1
                return .array(elements)
            case let b: throw JSONParseError(.unexpectedByte(b), at: i)
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        let start = i
        i += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(JSONObject())
        }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw JSONParseError(.unexpectedByte(bytes[i]), at: i) }
            let key = try parseString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedByte(bytes[i]), at: i) }
            i += 1
            skipWhitespace()
            do {
                members.append((key, try parseValue()))
            } catch {
                var e = error
                e.path.insert(.key(key), at: 0)
                throw e
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"):
                i += 1
                depth -= 1
                guard let object = JSONObject(uniqueMembers: members) else {
                    throw JSONParseError(.duplicateKey(Self.firstDuplicate(members)), at: start)
                }
                return .object(object)
            case let b: throw JSONParseError(.unexpectedByte(b), at: i)
            }
        }
    }

    private static func firstDuplicate(_ members: [(String, JSONValue)]) -> String {
        var seen: Set<[UInt8]> = []
        for (key, _) in members where !seen.insert(Array(key.utf8)).inserted { return key }
        return ""
    }

    private mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: i) }
        let first = bytes[i]
        guard first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { throw JSONParseError(.unexpectedByte(first), at: i) }
        // Accumulated as a negative number so that Int64.min fits.
        var value: Int64 = 0
        var overflow = false
        if first == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                let digit = Int64(bytes[i] - UInt8(ascii: "0"))
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.subtractingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                value = next
                i += 1
            }
        }
        if i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw JSONParseError(.notAnInteger, at: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): throw JSONParseError(.unexpectedByte(bytes[i]), at: i)  // leading zero
            default: break
            }
        }
        if overflow { throw JSONParseError(.integerOutOfRange, at: start) }
        if negative { return value }
        guard value != Int64.min else { throw JSONParseError(.integerOutOfRange, at: start) }
        return -value
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = i
        i += 1
        let contentStart = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[contentStart..<i])
                i += 1
                return try Self.validated(raw, at: contentStart)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw JSONParseError(.controlCharacterInString, at: i) }
            i += 1
        }
        guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: start) }
        // Slow path: collect bytes, decoding escapes, then validate the whole as UTF-8 once.
        var buffer = Array(bytes[contentStart..<i])
        while true {
            guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: start) }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return try buffer.withUnsafeBufferPointer { buf throws(JSONParseError) in try Self.validated(buf, at: contentStart) }
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw JSONParseError(.controlCharacterInString, at: i)
            default:
                buffer.append(b)
                i += 1
            }
        }
    }

    private static func validated(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: raw, as: UTF8.self) else { throw JSONParseError(.invalidUTF8, at: offset) }
        return text
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONParseError) {
        let start = i
        i += 1
        guard i < bytes.count else { throw JSONParseError(.unexpectedEnd, at: i) }
        let c = bytes[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: start)
            var scalarValue = UInt32(unit)
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(.loneSurrogate, at: start)
                }
                i += 2
                let low = try hex4(at: start)
                guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate, at: start) }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw JSONParseError(.loneSurrogate, at: start)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw JSONParseError(.invalidEscape, at: start) }
            UTF8.encode(scalar) { buffer.append($0) }
        default:
            throw JSONParseError(.invalidEscape, at: start)
        }
    }

    private mutating func hex4(at start: Int) throws(JSONParseError) -> UInt16 {
        guard i + 4 <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidEscape, at: start)
            }
            value = value << 4 | UInt16(digit)
            i += 1
        }
        return value
    }
}
