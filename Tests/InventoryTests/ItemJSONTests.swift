import CoopCore
import Foundation
import Testing

@testable import Inventory

/// The hand-written search page is byte for byte what the API's `JSONEncoder` (sorted keys, slashes
/// unescaped) writes, so clients and the OpenAPI document see no difference.
@Suite struct ItemJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Texts a catalogue may hold: accents, quotes, backslashes, slashes, every control character,
    /// DEL, U+2028, emoji beside characters above U+E000 (UTF-8 and UTF-16 order them apart), combining
    /// accents, digits that a numeric sort would order otherwise.
    static let texts: [String] = [
        "", "Robe de bal", "« Chapeau » d’été", "a\"b\\c/d", "ligne\nsuivante\tet\rretour", "\u{8}\u{c}\u{0}\u{1f}\u{7f}",
        "\u{2028}\u{2029}", "😀 costume", "\u{FF21}\u{FFFD}", "e\u{301}poque", "époque", "a10", "a9", "B", "_x", "Entrepôt/Étage 2/Allée J",
    ] + (0..<32).map { String(UnicodeScalar(UInt8($0))) }

    /// An item with random fields, read through `Item`'s own decoder (its fields are the API's).
    static func item(_ n: Int, _ random: inout some RandomNumberGenerator) throws -> Item {
        func text() -> String { texts.randomElement(using: &random)! + (Bool.random(using: &random) ? "\(n)" : "") }
        var attributes: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &random) { attributes[text()] = text() }
        let quantity = Int.random(in: 0...1_000, using: &random)
        var fields: [String: Any] = [
            "code": "GC-\(n)", "name": text(), "quantity": quantity, "unitsOut": Int.random(in: 0...quantity, using: &random),
            "maintenanceUnits": 0, "available": Int.random(in: 0...quantity, using: &random),
            "status": ItemStatus.allCases.randomElement(using: &random)!.rawValue,
            "tags": (0..<Int.random(in: 0...3, using: &random)).map { _ in text() }, "attributes": attributes,
            "photos": (0..<Int.random(in: 0...2, using: &random)).map { _ in "photos/\(text())" },
            "value": Int64.random(in: -10_000...10_000_000, using: &random),
            "createdAt": Instant(milliseconds: Int64.random(in: 0...4_102_444_800_000, using: &random)).iso8601,
            "updatedAt": Instant(milliseconds: Int64.random(in: 0...4_102_444_800_000, using: &random)).iso8601,
        ]
        for optional in ["description", "category", "location", "homeLocation", "notes"] where Bool.random(using: &random) {
            fields[optional] = text()
        }
        return try JSONDecoder().decode(Item.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    @Test func aPageIsWhatTheEncoderWrites() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let items = try (0..<Int.random(in: 0...12, using: &random)).map { try Self.item(round * 100 + $0, &random) }
            for next in [nil, "eyJrIjoiR0MtMSJ9", "a/b\"c"] as [String?] {
                let page = Page(items: items, next: next)
                let expected = try Self.encoder.encode(page)
                let written = ItemJSON.page(page)
                #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
                #expect(written == Array(expected), "byte for byte")
                if written != Array(expected) { return }
            }
        }
    }
}
