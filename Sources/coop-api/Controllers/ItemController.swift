import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Inventory
import Membership

/// `/api/v1/items`: any token searches and reads the catalogue; staff change it.
struct ItemController {
    let inventory: InventoryService
    let database: DatabasePool
    /// Encoded search pages by query string, until the next write. A catalogue is searched far more
    /// often than it changes, and a page costs milliseconds to find and encode; a cached one costs
    /// microseconds. Results do not depend on who asks (any token reads the whole catalogue).
    let searches = GenerationCache<String, ByteBuffer>(capacity: 512)
    /// Pages above this size (long pages of 500 items, ~250 KB) are not kept, which bounds the cache
    /// at 512 × 64 KB = 32 MB; a page of 50 items is about 26 KB.
    static let maxCachedPage = 64 << 10
    /// Concurrent misses of one search at one generation share one computation.
    let searching = SingleFlight<SearchKey, ByteBuffer>()
    /// What a check-out cannot change about each search (matches, order, text), by query string, for
    /// the pages `searches` no longer holds after a write: Inventory checks each one against the
    /// catalogue version and reads only the page's units fresh (`SearchSnapshot`). Entries are never
    /// out of date, only unused, so they are kept by use alone (one generation, least recently used
    /// out first); 512 snapshots of 50 items with their pages take about 50 MB at most.
    let snapshots = GenerationCache<String, KeptSearch>(capacity: 512)

    /// A snapshot and the page last answered from it, encoded: when the fresh units leave the page as
    /// it was (a check-out of an item on no kept page, the common case), the bytes are sent again
    /// instead of encoding 50 items anew, which was half of the server's time on a busy Saturday.
    struct KeptSearch: Sendable {
        let snapshot: SearchSnapshot
        let page: Page<Item>
        let body: ByteBuffer
    }

    struct SearchKey: Hashable, Sendable {
        let query: String
        let generation: UInt64
    }

    /// A CSV import may be much larger than a JSON body (100,000 items is about 15 MB).
    static let maxImportSize = 64 << 20

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("items", use: search)
        group.post("items", use: create)
        group.post("items/import", use: importCSV)
        group.get("items/:code", use: show)
        group.patch("items/:code", use: update)
        group.get("items/:code/history", use: history)
        group.post("items/:code/move", use: move)
        group.post("items/:code/status", use: status)
    }

    struct MoveBody: Decodable {
        let to: String
        let reason: String?
        let create: Bool?
    }

    struct StatusBody: Decodable {
        let status: ItemStatus
        let reason: String?
    }

    @Sendable func search(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.search)
        let key = request.uri.query ?? ""
        let generation = await database.generation()
        if let body = searches.value(for: key, at: generation) { return JSON.response(body: body) }
        let query = request.formQuery
        let page = try request.pageRequest()
        var available = false
        if let text = query.get("available") {
            guard let flag = Bool(text) else {
                throw CoopError.invalidValue("available", text, expected: .init(fr: "`true` ou `false`", en: "`true` or `false`"))
            }
            available = flag
        }
        let itemQuery = ItemQuery(
            text: query.get("q"), category: query.get("category"), location: query.get("location"),
            status: try query.get("status").map(ItemStatus.init(parsing:)), available: available,
            attributes: try query.getAll("attr").map(AttributeFilter.init(parsing:)), tag: query.get("tag"))
        let snapshots = snapshots
        let body = try await searching.run(SearchKey(query: key, generation: generation)) {
            let kept = snapshots.value(for: key, at: 0)
            let answer = try await inventory.search(itemQuery, page: page, reusing: kept?.snapshot)
            if answer.reused, let kept, kept.page.items == answer.page.items, kept.page.next == answer.page.next {
                return kept.body
            }
            let body = ByteBuffer(bytes: ItemJSON.page(answer.page))
            if let snapshot = answer.snapshot { snapshots.store(KeptSearch(snapshot: snapshot, page: answer.page, body: body), for: key, at: 0) }
            return body
        }
        if body.readableBytes <= Self.maxCachedPage { searches.store(body, for: key, at: generation) }
        return JSON.response(body: body)
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.addItem)
        let input = try await JSON.decode(NewItem.self, from: request, context: context)
        let createPaths = request.formQuery.get("create") == "true"
        let item = try await inventory.addItem(input, createPaths: createPaths)
        return try JSON.response(item, status: .created, location: "/api/v1/items/\(item.code)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.item)
        return try JSON.response(try await inventory.item(try context.parameters.require("code")))
    }

    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.updateItem)
        let changes = try await JSON.decode(ItemChanges.self, from: request, context: context)
        let createPaths = request.formQuery.get("create") == "true"
        return try JSON.response(try await inventory.updateItem(
            try context.parameters.require("code"), changes, createPaths: createPaths))
    }

    @Sendable func history(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.history)
        let page = try request.pageRequest()
        return try JSON.response(try await inventory.history(try context.parameters.require("code"), page: page))
    }

    @Sendable func move(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.move)
        let body = try await JSON.decode(MoveBody.self, from: request, context: context)
        return try JSON.response(try await inventory.move(
            try context.parameters.require("code"), to: body.to, create: body.create ?? false, reason: body.reason))
    }

    @Sendable func status(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.setStatus)
        let body = try await JSON.decode(StatusBody.self, from: request, context: context)
        return try JSON.response(try await inventory.setStatus(
            try context.parameters.require("code"), body.status, reason: body.reason))
    }

    @Sendable func importCSV(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.importCSV)
        let buffer = try await request.body.collect(upTo: Self.maxImportSize)
        let summary = try await inventory.importCSV(
            Data(buffer.readableBytesView), source: "import.csv", progress: { _, _ in })
        return try JSON.response(summary)
    }
}

/// `/api/v1/locations` and `/api/v1/categories`: any token reads the trees, staff add to them.
struct TreeController {
    let inventory: InventoryService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("locations", use: locations)
        group.post("locations", use: addLocation)
        group.get("categories", use: categories)
        group.post("categories", use: addCategory)
    }

    struct PathBody: Decodable {
        let path: String
    }

    @Sendable func locations(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.locations)
        return try JSON.response(ItemList(try await inventory.locations(under: request.formQuery.get("under"))))
    }

    @Sendable func addLocation(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.addLocation)
        let body = try await JSON.decode(PathBody.self, from: request, context: context)
        return try JSON.response(try await inventory.addLocation(body.path), status: .created)
    }

    @Sendable func categories(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.categories)
        return try JSON.response(ItemList(try await inventory.categories(under: request.formQuery.get("under"))))
    }

    @Sendable func addCategory(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let inventory = try context.authenticated(self.inventory, for: InventoryVerb.addCategory)
        let body = try await JSON.decode(PathBody.self, from: request, context: context)
        return try JSON.response(try await inventory.addCategory(body.path), status: .created)
    }
}
