import CoopCore
import Foundation

/// A catalogue search: free text and filters, all combined (AND). An empty query lists everything.
public struct ItemQuery: Sendable, Codable, Equatable {
    /// Words to find in code, name, description, category path, tags and attribute values, without
    /// regard to case or accents; the last word matches as a prefix. Any character is allowed.
    public var text: String?
    /// A category path: that category and everything under it.
    public var category: String?
    /// A location path: items currently there or anywhere under it.
    public var location: String?
    public var status: ItemStatus?
    /// Only items with at least one unit free now.
    public var available: Bool
    /// Attributes that must have these values, keys and values compared without regard to case or
    /// accents (`Époque=1920` matches `epoque = 1920`); at most 10.
    public var attributes: [AttributeFilter]
    /// A tag the items must carry (without regard to case).
    public var tag: String?

    public init(
        text: String? = nil, category: String? = nil, location: String? = nil, status: ItemStatus? = nil,
        available: Bool = false, attributes: [AttributeFilter] = [], tag: String? = nil
    ) {
        self.text = text
        self.category = category
        self.location = location
        self.status = status
        self.available = available
        self.attributes = attributes
        self.tag = tag
    }
}

/// One `KEY=VALUE` attribute filter (`couleur=rouge`).
public struct AttributeFilter: Sendable, Codable, Equatable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Reads `KEY=VALUE` as typed after `--attr` or in the API's `attr` parameter; the first `=`
    /// separates (values may contain `=`). Refused with `inventory.invalid_attribute` otherwise.
    public init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "=") else { throw CoopError.invalidAttribute(text) }
        let key = try ItemValidation.attributeKey(String(text[..<equals]))
        let value = text[text.index(after: equals)...].trimmed
        self.init(key: key, value: value.nfc)
    }
}
