import CoopCore

/// The columns of an item the ledger writes: what a check-out, a check-in, maintenance or a sale can
/// change. A search page reads them fresh every time; everything else about a page is in its snapshot.
struct ItemUnits: Sendable, Equatable {
    let quantity: Int
    let unitsOut: Int
    let maintenanceUnits: Int
    let status: ItemStatus
    /// `updated_at` as stored: parsing it costs more than the rest of the read, and it changes only
    /// on a write-off or a stock count, so it is parsed only when it differs from the kept item's.
    let updatedText: String

    var available: Int {
        Availability.units(quantity: quantity, unitsOut: unitsOut, maintenanceUnits: maintenanceUnits, status: status)
    }

    /// The units of these items now, by id (an id that names no item is absent).
    static func read(_ ids: some Collection<Int64>, in db: Connection) throws -> [Int64: ItemUnits] {
        guard !ids.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        var units: [Int64: ItemUnits] = [:]
        units.reserveCapacity(ids.count)
        try db.forEach("""
            SELECT id, quantity, units_out, maintenance_units, status, updated_at FROM inventory_items WHERE id IN (\(marks))
            """, Array(ids)) { row in
            units[try row.get(0)] = ItemUnits(
                quantity: try row.get(1), unitsOut: try row.get(2), maintenanceUnits: try row.get(3),
                status: ItemStatus(rawValue: try row.get(4)) ?? .active, updatedText: try row.get(5))
        }
        return units
    }
}

/// What a check-out cannot change about one search page, kept under the catalogue version it was
/// read at (`CatalogueVersion`): which items match after the cursor and in what order, and their text.
/// Each use reads the units of the page's items fresh, in the same read transaction as the version.
///
/// Only `available` depends on units among the filters, so its candidates are the matches found
/// *without* it, in the search's order (bm25 or code, neither of which depends on units); a use
/// walks them, keeps those with a unit free now, and stops at `limit + 1`. The page and its cursor
/// are therefore exactly those of the same search run from scratch: the first `limit` matches after
/// the cursor, and a next cursor after the last of them when one more match exists. When too many
/// candidates are out for the page to fill, more are found (`SearchSnapshot.make`).
///
/// A snapshot is a value: faces keep it as they like (coop-api, by query string) and hand it back to
/// `InventoryService.search(_:page:reusing:)`, which uses it only for the same question at the same
/// catalogue version.
public struct SearchSnapshot: Sendable {
    struct Candidate: Sendable {
        let id: Int64
        /// The cursor of a page that ends with this item.
        let next: SearchCursor
    }

    let query: ItemQuery
    let page: PageRequest
    let window: Int?
    /// The catalogue version the candidates and items were read at.
    let version: Int64
    /// The matches after the cursor, in order, without the `available` filter.
    let candidates: [Candidate]
    /// Whether `candidates` holds every such match (otherwise it holds the first ones).
    let complete: Bool
    /// The items of the first candidates as read at `version`; their units are replaced on each use,
    /// and a page reaching past them reads the others whole.
    let items: [Int64: Item]

    /// How many candidates an `available` search finds at first, for a page of `limit`: room for as
    /// many unavailable ones as the page holds.
    static func initialCandidates(limit: Int) -> Int { 2 * (limit + 1) }

    /// Beyond this many candidates an `available` search whose matches are mostly out is answered by
    /// the exact query (availability checked in SQL) and not kept.
    static let maxCandidates = 4_096

    /// Whether this snapshot answers `query` and `page` at `version`.
    func answers(_ query: ItemQuery, _ page: PageRequest, window: Int?, at version: Int64) -> Bool {
        self.version == version && self.page == page && self.window == window && self.query == query
    }

    /// Finds the candidates of `plan` (paths resolved) after `cursor`: `count` of them for an `available`
    /// search, `limit + 1` otherwise; reads the first `limit` items whole. Returns the units it read
    /// too, for `currentPage(in:known:)` in the same transaction.
    static func make(
        _ plan: SearchPlan, query: ItemQuery, page: PageRequest, cursor: SearchCursor?, count: Int, version: Int64, in db: Connection
    ) throws -> (snapshot: SearchSnapshot, units: [Int64: ItemUnits]) {
        var unfiltered = plan
        unfiltered.available = false
        let keys = try unfiltered.keys(after: cursor, limit: count, in: db)
        let read = try ItemStore.fetch(ids: keys.prefix(page.limit).map(\.id), in: db)
        var items: [Int64: Item] = [:], units: [Int64: ItemUnits] = [:]
        for (key, item) in zip(keys, read) {
            items[key.id] = item
            units[key.id] = ItemUnits(quantity: item.quantity, unitsOut: item.unitsOut, maintenanceUnits: item.maintenanceUnits,
                                      status: item.status, updatedText: item.updatedAt.iso8601)
        }
        let snapshot = SearchSnapshot(
            query: query, page: page, window: plan.window, version: version,
            candidates: keys.map { Candidate(id: $0.id, next: $0.next) }, complete: keys.count < count, items: items)
        return (snapshot, units)
    }

    /// The page with units as they are now; nil when the candidates ran out before the page filled
    /// and more matches may exist (an `available` search with many items out).
    /// - Parameter known: units already read in this transaction (those of `items` right after `make`).
    func currentPage(in db: Connection, known: [Int64: ItemUnits] = [:]) throws -> Page<Item>? {
        let limit = page.limit, wanted = limit + 1
        // Without `available` every candidate is shown; only the page's own units are needed.
        let needed = query.available ? wanted : limit
        var shown: [(candidate: Candidate, units: ItemUnits)] = []
        var start = 0
        while shown.count < needed, start < candidates.count {
            // Units for as many candidates as the page still needs (all of them are usually free).
            let end = min(candidates.count, start + needed - shown.count)
            let batch = candidates[start..<end]
            start = end
            let units = try ItemUnits.read(batch.lazy.map(\.id).filter { known[$0] == nil }, in: db)
            for candidate in batch {
                // An item cannot leave the catalogue; a missing row would mean the version moved.
                guard let fresh = known[candidate.id] ?? units[candidate.id] else { continue }
                if query.available && fresh.available == 0 { continue }
                shown.append((candidate, fresh))
            }
        }
        if shown.count < needed && !complete { return nil }

        let onPage = shown.prefix(limit)
        let missing = onPage.map(\.candidate.id).filter { items[$0] == nil }
        var whole: [Int64: Item] = [:]
        for (id, item) in zip(missing, try ItemStore.fetch(ids: missing, in: db)) { whole[id] = item }
        let pageItems = try onPage.map { entry -> Item in
            if let kept = items[entry.candidate.id] { return try kept.with(entry.units) }
            // Read whole just now, in this transaction: already current.
            guard let read = whole[entry.candidate.id] else { throw CoopError.itemNotFound("#\(entry.candidate.id)") }
            return read
        }
        let more = query.available ? shown.count > limit : candidates.count > limit
        let next = more && shown.count >= limit ? shown[limit - 1].candidate.next.encoded : nil
        return Page(items: pageItems, next: next)
    }
}

/// A search's page and what to keep for the next same search.
public struct SearchAnswer: Sendable {
    public let page: Page<Item>
    /// Hand it back to `search(_:page:reusing:)` for the same search; nil when the page was found by
    /// the exact query (an `available` search with most matches out), which is not kept.
    public let snapshot: SearchSnapshot?
    /// Whether the snapshot handed in was used (only units were read).
    public let reused: Bool
}
