import CoopCore
import Membership
import Foundation

extension InventoryService {
    /// Searches the catalogue: text and filters combined, one page at a time.
    ///
    /// With text, results are ranked by relevance (bm25, code and name hits first) and the cursor
    /// continues in that order; without text (or with text that holds no letter or digit), everything
    /// matching the filters is listed by code. A filter naming a path that does not exist matches nothing.
    public func search(_ query: ItemQuery = ItemQuery(), page: PageRequest = PageRequest()) async throws -> Page<Item> {
        try caller.check(InventoryVerb.search)
        return try await answer(query, page: page, window: nil).page
    }

    /// The same search, reusing what an earlier answer to it found when the catalogue has not changed
    /// since: then only the units of the page's items are read (a check-out changes no snapshot, so the
    /// page is exactly what a search from scratch would answer, `available` included). Keep the
    /// answer's `snapshot` and hand it back next time; one made for another search or another catalogue
    /// version is ignored.
    public func search(_ query: ItemQuery, page: PageRequest, reusing snapshot: SearchSnapshot?) async throws -> SearchAnswer {
        try caller.check(InventoryVerb.search)
        return try await answer(query, page: page, window: nil, reusing: snapshot)
    }

    /// `window` overrides the first pass of a filtered listing (tests make it small, so that a few
    /// hundred items exercise both passes).
    func search(_ query: ItemQuery, page: PageRequest, window: Int?) async throws -> Page<Item> {
        try await answer(query, page: page, window: window).page
    }

    /// The search behind both: `maxCandidates` overrides the point where an `available` search with
    /// most of its matches out is answered by the exact query instead.
    func answer(
        _ query: ItemQuery, page: PageRequest, window: Int?, reusing snapshot: SearchSnapshot? = nil,
        maxCandidates: Int = SearchSnapshot.maxCandidates
    ) async throws -> SearchAnswer {
        var plan = try SearchPlan(query)
        plan.window = window
        let cursor = try SearchCursor(page.after, ranked: plan.match != nil)
        let ready = plan
        return try await database.read { db in
            let version = try CatalogueVersion.current(in: db)
            var count = ready.available ? SearchSnapshot.initialCandidates(limit: page.limit) : page.limit + 1
            if let snapshot, snapshot.answers(query, page, window: window, at: version) {
                if let current = try snapshot.currentPage(in: db) { return SearchAnswer(page: current, snapshot: snapshot, reused: true) }
                // More of its candidates are out now than it holds: look further at once.
                count = max(count, snapshot.candidates.count * 4)
            }
            let resolved = try ready.resolvingPaths(in: db)
            while count <= maxCandidates {
                let (made, units) = try SearchSnapshot.make(resolved, query: query, page: page, cursor: cursor, count: count, version: version, in: db)
                if let current = try made.currentPage(in: db, known: units) { return SearchAnswer(page: current, snapshot: made, reused: false) }
                count *= 4
            }
            return SearchAnswer(page: try resolved.run(after: cursor, limit: page.limit, in: db), snapshot: nil, reused: false)
        }
    }
}
