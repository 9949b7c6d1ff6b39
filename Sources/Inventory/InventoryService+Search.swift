import CoopCore
import Foundation

extension InventoryService {
    /// Searches the catalogue: text and filters combined, one page at a time.
    ///
    /// With text, results are ranked by relevance (bm25, code and name hits first) and the cursor
    /// continues in that order; without text (or with text that holds no letter or digit), everything
    /// matching the filters is listed by code. A filter naming a path that does not exist matches nothing.
    public func search(_ query: ItemQuery = ItemQuery(), page: PageRequest = PageRequest()) async throws -> Page<Item> {
        try await search(query, page: page, window: nil)
    }

    /// `window` overrides the first pass of a filtered listing (tests make it small, so that a few
    /// hundred items exercise both passes).
    func search(_ query: ItemQuery, page: PageRequest, window: Int?) async throws -> Page<Item> {
        var plan = try SearchPlan(query)
        plan.window = window
        let cursor = try SearchCursor(page.after, ranked: plan.match != nil)
        let limit = page.limit
        let ready = plan
        return try await database.read { db in try ready.resolvingPaths(in: db).run(after: cursor, limit: limit, in: db) }
    }
}
