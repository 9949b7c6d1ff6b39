/// One page of a list: `{"items": [...], "next": "..."}`; `next` is null on the last page.
public struct Page<Item: Sendable & Encodable>: Sendable, Encodable {
    public let items: [Item]
    public let next: String?

    public init(items: [Item], next: String?) {
        self.items = items
        self.next = next
    }

    enum CodingKeys: String, CodingKey { case items, next }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)
    }
}

/// Where a page starts and how long it is. Cursors are opaque to clients: base64url of the last key.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maxLimit = 500

    public let limit: Int
    /// The sort key of the last item already seen.
    public let after: String?

    /// `limit` is brought into 1…500.
    public init(limit: Int = PageRequest.defaultLimit, after: String? = nil) {
        self.limit = min(max(limit, 1), PageRequest.maxLimit)
        self.after = after
    }

    /// Validates the raw `limit` and `cursor` a client sent.
    public init(limit rawLimit: String?, cursor: String?) throws {
        var limit = PageRequest.defaultLimit
        if let rawLimit {
            guard let n = Int(rawLimit), (1...PageRequest.maxLimit).contains(n) else { throw CoopError.invalidLimit(rawLimit) }
            limit = n
        }
        var after: String?
        if let cursor, !cursor.isEmpty {
            guard let bytes = Base64URL.decode(cursor), let key = String(validating: bytes, as: UTF8.self), !key.isEmpty else {
                throw CoopError.invalidCursor()
            }
            after = key
        }
        self.init(limit: limit, after: after)
    }

    public static func cursor(for key: String) -> String { Base64URL.encode(Array(key.utf8)) }
}
