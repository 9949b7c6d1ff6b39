import CoopCore
import Foundation

/// The shape rules of an item's fields, shared by add, update and import.
enum ItemValidation {
    static let maxQuantity = 1_000_000

    /// 1–64 letters, digits and `- _ . : +`. No spaces, `/`, `?`, `#` or `%`: a code sits in URLs
    /// (`/api/v1/items/{code}`) and on printed labels. Put in NFC so that lookups match byte for byte.
    static func code(_ value: String) throws -> String {
        // The usual code (ASCII letters, digits and punctuation allowed, 64 bytes at most) is already
        // trimmed, in NFC and valid: checked on its bytes, without Unicode properties.
        if !value.isEmpty, value.utf8.count <= 64, value.utf8.allSatisfy(isPlainCodeByte) { return value }
        let code = value.trimmed.nfc
        guard !code.isEmpty else { throw CoopError.required("code") }
        guard code.count <= 64,
              code.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.:+".unicodeScalars.contains($0) })
        else { throw CoopError.invalidCode(value) }
        return code
    }

    /// An ASCII letter or digit, or one of `- _ . : +`.
    private static func isPlainCodeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"):
            true
        default:
            false
        }
    }

    /// At most `max` characters; the bytes answer first (a character is at least one byte).
    private static func fits(_ text: String, _ max: Int) -> Bool {
        text.utf8.count <= max || text.count <= max
    }

    static func name(_ value: String) throws -> String {
        let name = value.trimmed
        guard !name.isEmpty else { throw CoopError.required("name") }
        guard fits(name, 200) else { throw CoopError.tooLong("name", max: 200) }
        return name
    }

    /// Free text (description, notes): trimmed; empty means none.
    static func text(_ value: String?, field: String, max: Int = 5_000) throws -> String? {
        guard let value else { return nil }
        let text = value.trimmed
        if text.isEmpty { return nil }
        guard fits(text, max) else { throw CoopError.tooLong(field, max: max) }
        return text
    }

    static func quantity(_ value: Int) throws -> Int {
        guard value >= 0 else { throw CoopError.negativeQuantity(value) }
        guard value <= maxQuantity else { throw CoopError.invalidQuantity(String(value)) }
        return value
    }

    static func value(_ value: Money) throws -> Money {
        guard value.cents >= 0 else { throw CoopError.negativeValue(value) }
        return value
    }

    /// Trimmed, 1–50 characters, no `|` (the CSV separator); duplicates (without regard to case) dropped,
    /// sorted as the database lists them (`ReadingOrder`).
    static func tags(_ values: [String]) throws -> [String] {
        var seen = Set<String>()
        var tags: [String] = []
        for value in values {
            let tag = value.trimmed.nfc
            guard !tag.isEmpty, fits(tag, 50), !tag.contains("|") else { throw CoopError.invalidTag(value) }
            if seen.insert(TreeCache.key(tag)).inserted { tags.append(tag) }
        }
        guard tags.count <= 50 else { throw CoopError.invalidTag(tags[50]) }
        return tags.sorted(by: ReadingOrder.less)
    }

    static func attributeKey(_ value: String) throws -> String {
        let key = value.trimmed.nfc
        guard !key.isEmpty, key.count <= 50, !key.contains("="), !key.contains(":") else { throw CoopError.invalidAttribute(value) }
        return key
    }

    /// A value, trimmed; empty means "no value" (the key is removed).
    static func attributeValue(_ value: String, key: String) throws -> String? {
        let text = value.trimmed.nfc
        if text.isEmpty { return nil }
        guard fits(text, 200) else { throw CoopError.invalidAttribute(key) }
        return text
    }

    /// Whole attribute sets for a new item; a key given twice (without regard to case or accents) is refused.
    static func attributes(_ values: [String: String]) throws -> [String: String] {
        var result: [String: String] = [:]
        var seen = Set<String>()
        for (rawKey, rawValue) in values {
            let key = try attributeKey(rawKey)
            guard seen.insert(key.folded).inserted else { throw CoopError.invalidAttribute(rawKey) }
            if let value = try attributeValue(rawValue, key: key) { result[key] = value }
        }
        guard result.count <= 50 else { throw CoopError.invalidAttribute(result.keys.sorted()[50]) }
        return result
    }

    static func photos(_ values: [String]) throws -> [String] {
        let photos = values.map { $0.trimmed }
        for photo in photos where photo.isEmpty || photo.count > 500 { throw CoopError.invalidPhoto(photo) }
        guard photos.count <= 20 else { throw CoopError.invalidPhoto(photos[20]) }
        return photos
    }

    static func photosJSON(_ photos: [String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(photos), as: UTF8.self)
    }

    /// A movement's reason: trimmed, empty means none.
    static func reason(_ value: String?) throws -> String? {
        try text(value, field: "reason", max: 500)
    }

    static func actor(_ value: String?) throws -> String? {
        try text(value, field: "actor", max: 100)
    }

    static func units(_ value: Int) throws -> Int {
        guard value >= 1 else { throw CoopError.invalidUnits(value) }
        return value
    }
}
