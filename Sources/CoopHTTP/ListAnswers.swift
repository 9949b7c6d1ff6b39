import CoopCore
import Hummingbird

/// A whole list as JSON, `{"items": [...]}`: what every list answer that is never paged sends. Paged
/// lists send CoopCore's `Page`, `{"items": [...], "next": ...}`.
public struct ItemList<Item: Encodable & Sendable>: Encodable, Sendable {
    public let items: [Item]

    public init(_ items: [Item]) { self.items = items }
}

extension Request {
    /// The page a list request asks for: `limit` (1–500, default 50) and `cursor` (the `next` of the
    /// previous page); a bad value is a 422 naming it.
    public func pageRequest() throws -> PageRequest {
        let query = formQuery
        return try PageRequest(limit: query.get("limit"), cursor: query.get("cursor"))
    }
}
