import CoopCore
import Foundation
import Testing
@testable import Inventory
import CoopTestSupport

/// Search results kept under the catalogue version, with units read fresh: a kept answer must always
/// be exactly the answer of the same search run from scratch.
@Suite("Search snapshots: the catalogue version, units read fresh, available and cursors")
struct SearchSnapshotTests {
    /// The same search from scratch, the way it ran before snapshots: availability checked in SQL.
    static func exact(_ db: TestInventory, _ query: ItemQuery, _ page: PageRequest) async throws -> Page<Item> {
        let plan = try SearchPlan(query)
        let cursor = try SearchCursor(page.after, ranked: plan.match != nil)
        return try await db.pool.read { try plan.resolvingPaths(in: $0).run(after: cursor, limit: page.limit, in: $0) }
    }

    static func version(_ db: TestInventory) async throws -> Int64 {
        try await db.pool.read { try CatalogueVersion.current(in: $0) }
    }

    /// Twenty items `K-01` … `K-20` of one unit each in `Kit`, named "Kit …" so that text finds them too.
    static func kits(_ db: TestInventory, count: Int = 20) async throws -> [Int64] {
        var ids: [Int64] = []
        for n in 1...count {
            try await db.add(String(format: "K-%02d", n), "Kit \(n)", description: n.isMultiple(of: 2) ? "kit pair" : nil,
                             category: "Kit")
            ids.append(try await db.pool.read { try ItemStore.id(String(format: "K-%02d", n), in: $0) })
        }
        return ids
    }

    func checkOut(_ db: TestInventory, _ id: Int64, units: Int = 1) async throws {
        try await db.ledger { try InventoryLedger.checkOut(itemID: id, units: units, actor: "desk", at: $1, in: $0) }
    }

    func checkIn(_ db: TestInventory, _ id: Int64, units: Int = 1) async throws {
        try await db.ledger { try InventoryLedger.checkIn(itemID: id, units: units, actor: "desk", at: $1, in: $0) }
    }

    @Test func checkingOutTheLastUnitHidesTheItemFromTheVeryNextAvailableSearch() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", quantity: 2)
        try await db.add("T-2", "Perceuse à percussion")
        let id = try await db.pool.read { try ItemStore.id("T-1", in: $0) }
        let query = ItemQuery(text: "perceuse", available: true), page = PageRequest(limit: 50)
        let first = try await db.service.search(query, page: page, reusing: nil)
        #expect(first.page.items.map(\.code) == ["T-1", "T-2"])
        let snapshot = try #require(first.snapshot)

        try await checkOut(db, id)
        let one = try await db.service.search(query, page: page, reusing: snapshot)
        #expect(one.reused, "a check-out leaves the catalogue as it was")
        #expect(one.page.items.map(\.code) == ["T-1", "T-2"], "one unit of two is still free")
        #expect(one.page.items.first?.available == 1)
        #expect(one.page.items.first?.unitsOut == 1)

        try await checkOut(db, id)
        let none = try await db.service.search(query, page: page, reusing: snapshot)
        #expect(none.reused)
        #expect(none.page.items.map(\.code) == ["T-2"], "the last unit is out: the item is not available")

        // Without `available` the item is listed, with its units as they are now.
        let all = try await db.service.search(ItemQuery(text: "perceuse"), page: page, reusing: nil)
        #expect(all.page.items.first?.available == 0)

        try await checkIn(db, id)
        let back = try await db.service.search(query, page: page, reusing: snapshot)
        #expect(back.reused)
        #expect(back.page.items.map(\.code) == ["T-1", "T-2"], "a check-in brings it back")
        #expect(back.page.items.first?.available == 1)
    }

    @Test func maintenanceAndWriteOffsAreUnitsToo() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", quantity: 2)
        let id = try await db.pool.read { try ItemStore.id("T-1", in: $0) }
        let query = ItemQuery(available: true), page = PageRequest()
        let snapshot = try #require(try await db.service.search(query, page: page, reusing: nil).snapshot)
        let listing = try #require(try await db.service.search(ItemQuery(), page: page, reusing: nil).snapshot)
        _ = try await db.service.sendToMaintenance("T-1", units: 1)
        try await checkOut(db, id)
        db.clock.advance(seconds: 60)
        try await db.ledger { try InventoryLedger.writeOffLoanedUnits(itemID: id, units: 1, actor: "desk", at: $1, in: $0) }
        let answer = try await db.service.search(query, page: page, reusing: snapshot)
        #expect(answer.reused)
        #expect(answer.page.items.isEmpty, "one unit left, in maintenance")
        let kept = try await db.service.search(ItemQuery(), page: page, reusing: listing)
        #expect(kept.reused)
        let listed = kept.page.items
        #expect(listed.first?.quantity == 1)
        #expect(listed.first?.maintenanceUnits == 1)
        #expect(listed.first == (try await db.service.item("T-1")), "updatedAt follows the write-off")
        _ = try await db.service.returnFromMaintenance("T-1", units: 1)
        #expect(try await db.service.search(query, page: page, reusing: snapshot).page.items.map(\.code) == ["T-1"])
    }

    @Test func everyCatalogueEditMovesTheVersionAndNoUnitsChangeDoes() async throws {
        let db = try await TestInventory()
        var last = try await Self.version(db)
        func expectMoved(_ what: String, by steps: Int64 = 1, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let now = try await Self.version(db)
            #expect(now == last + steps, "\(what)", sourceLocation: sourceLocation)
            last = now
        }
        try await db.add("T-1", "Perceuse", category: "Outils", location: "Atelier", quantity: 3); try await expectMoved("add")
        _ = try await db.service.updateItem("T-1", ItemChanges(name: "Perceuse 18 V")); try await expectMoved("rename")
        _ = try await db.service.updateItem("T-1", ItemChanges(tags: ["sans fil"])); try await expectMoved("tags")
        _ = try await db.service.updateItem("T-1", ItemChanges(attributes: ["marque": "Makita"])); try await expectMoved("attributes")
        _ = try await db.service.move("T-1", to: "Succursale", create: true); try await expectMoved("move")
        _ = try await db.service.setStatus("T-1", .maintenance); try await expectMoved("status")
        _ = try await db.service.setStatus("T-1", .active); try await expectMoved("status back")
        _ = try await db.service.addCategory("Jardin"); try await expectMoved("category")
        _ = try await db.service.addLocation("Remise"); try await expectMoved("location")
        _ = try await db.ledger { try InventoryLedger.addItem(code: "P-1", name: "Pommes", quantity: 10, actor: "orders", at: $1, in: $0) }
        try await expectMoved("a product's item")
        _ = try await db.service.importCSV(utf8("code,name,quantity\nC-1,Un,1\nC-2,Deux,1\nC-3,Trois,1\n"), source: "c.csv")
        try await expectMoved("an import, once for all its rows")

        let id = try await db.pool.read { try ItemStore.id("T-1", in: $0) }
        try await checkOut(db, id); try await expectMoved("check-out", by: 0)
        try await checkIn(db, id); try await expectMoved("check-in", by: 0)
        _ = try await db.service.sendToMaintenance("T-1"); try await expectMoved("to maintenance", by: 0)
        _ = try await db.service.returnFromMaintenance("T-1"); try await expectMoved("back from maintenance", by: 0)
        try await checkOut(db, id)
        try await db.ledger { try InventoryLedger.writeOffLoanedUnits(itemID: id, units: 1, actor: "desk", at: $1, in: $0) }
        try await expectMoved("write-off", by: 0)
        let product = try await db.pool.read { try ItemStore.id("P-1", in: $0) }
        try await db.ledger { try InventoryLedger.setQuantity(itemID: product, to: 20, actor: "orders", at: $1, in: $0) }
        try await db.ledger { try InventoryLedger.consume(itemID: try InventoryLedger.checkOut(itemID: product, units: 2, actor: "o", at: $1, in: $0).id,
                                                          units: 2, actor: "orders", at: $1, in: $0) }
        try await expectMoved("stock counted, sold", by: 0)
        // A refused edit rolls its bump back with it.
        try await expectRefusal("inventory.code_taken") { try await db.add("T-1", "Autre") }
        try await expectMoved("refused", by: 0)
    }

    @Test func aCatalogueEditIsSeenAtOnceThroughAKeptSnapshot() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", category: "Outils")
        try await db.add("T-2", "Scie", category: "Outils")
        let page = PageRequest()
        let byText = try #require(try await db.service.search(ItemQuery(text: "perceuse"), page: page, reusing: nil).snapshot)
        let byCategory = try #require(try await db.service.search(ItemQuery(category: "Outils", available: true), page: page, reusing: nil).snapshot)
        _ = try await db.service.updateItem("T-1", ItemChanges(name: "Marteau"))
        let renamed = try await db.service.search(ItemQuery(text: "perceuse"), page: page, reusing: byText)
        #expect(!renamed.reused)
        #expect(renamed.page.items.isEmpty)
        let listed = try await db.service.search(ItemQuery(category: "Outils", available: true), page: page, reusing: byCategory)
        #expect(!listed.reused)
        #expect(listed.page.items.map(\.name) == ["Marteau", "Scie"])
        _ = try await db.service.setStatus("T-2", .retired)
        let retired = try await db.service.search(ItemQuery(category: "Outils", available: true), page: page, reusing: listed.snapshot)
        #expect(!retired.reused)
        #expect(retired.page.items.map(\.code) == ["T-1"])
        try await db.add("T-3", "Perceuse", category: "Outils")
        #expect(try await db.service.search(ItemQuery(text: "perceuse"), page: page, reusing: renamed.snapshot).page.items.map(\.code) == ["T-3"])
    }

    @Test func aSnapshotAnswersOnlyItsOwnSearch() async throws {
        let db = try await TestInventory()
        _ = try await Self.kits(db, count: 5)
        let snapshot = try #require(try await db.service.search(ItemQuery(text: "kit"), page: PageRequest(limit: 2), reusing: nil).snapshot)
        let other = try await db.service.search(ItemQuery(text: "kit", available: true), page: PageRequest(limit: 2), reusing: snapshot)
        #expect(!other.reused)
        let longer = try await db.service.search(ItemQuery(text: "kit"), page: PageRequest(limit: 3), reusing: snapshot)
        #expect(!longer.reused)
        #expect(longer.page.items.count == 3)
        let same = try await db.service.search(ItemQuery(text: "kit"), page: PageRequest(limit: 2), reusing: snapshot)
        #expect(same.reused)
    }

    /// Each page's answer is checked against the exact query after every change of units, for pages
    /// whose snapshot was kept from before the change.
    @Test(arguments: [
        ItemQuery(category: "Kit", available: true),
        ItemQuery(available: true),
        ItemQuery(text: "kit", available: true),
        ItemQuery(text: "kit pair", available: true),
        ItemQuery(category: "Kit"),
        ItemQuery(text: "kit"),
    ])
    func cursorPagesStayExactWhileUnitsChange(query: ItemQuery) async throws {
        let db = try await TestInventory()
        let ids = try await Self.kits(db)
        var random = SplitMix(seed: 2026)
        for limit in [1, 3, 7] {
            // A kept snapshot per page, as coop-api keeps one per query string (cursor included).
            var kept: [String: SearchSnapshot] = [:]
            for round in 0..<12 {
                var cursor: String?
                var pages = 0
                repeat {
                    let page = try PageRequest(limit: String(limit), cursor: cursor)
                    let key = cursor ?? ""
                    let answer = try await db.service.search(query, page: page, reusing: kept[key])
                    let exact = try await Self.exact(db, query, page)
                    #expect(answer.page.items == exact.items, "round \(round) limit \(limit) page \(pages)")
                    #expect(answer.page.next == exact.next, "round \(round) limit \(limit) page \(pages)")
                    if let snapshot = answer.snapshot { kept[key] = snapshot }
                    cursor = answer.page.next
                    pages += 1
                    // Units change between pages: the next page's kept snapshot predates it.
                    let id = ids[Int(random.next() % UInt64(ids.count))]
                    let out = try await db.pool.read { try InventoryLedger.item(id: id, in: $0).unitsOut }
                    if out > 0 { try await checkIn(db, id) } else { try await checkOut(db, id) }
                } while cursor != nil && pages < 40
            }
        }
    }

    @Test func whenMostCandidatesAreOutTheSearchLooksFurther() async throws {
        let db = try await TestInventory()
        let ids = try await Self.kits(db, count: 30)
        let query = ItemQuery(category: "Kit", available: true), page = PageRequest(limit: 2)
        let before = try await db.service.search(query, page: page, reusing: nil)
        #expect(before.page.items.map(\.code) == ["K-01", "K-02"])
        #expect(before.snapshot?.candidates.count == SearchSnapshot.initialCandidates(limit: 2))
        for id in ids.prefix(25) { try await checkOut(db, id) }
        // The kept snapshot's six candidates are all out: it is not enough, so more are found.
        let after = try await db.service.search(query, page: page, reusing: before.snapshot)
        #expect(!after.reused)
        #expect(after.page.items.map(\.code) == ["K-26", "K-27"])
        #expect(after.page.next == (try await Self.exact(db, query, page)).next)
        #expect((after.snapshot?.candidates.count ?? 0) > 25)
        // Past `maxCandidates` the exact query answers, and nothing is kept.
        let exact = try await db.service.answer(query, page: page, window: nil, maxCandidates: 16)
        #expect(exact.snapshot == nil)
        #expect(exact.page.items.map(\.code) == ["K-26", "K-27"])
        // The last page: fewer free items than the page holds, no cursor.
        let last = try await db.service.search(query, page: PageRequest(limit: 10), reusing: nil)
        #expect(last.page.items.map(\.code) == ["K-26", "K-27", "K-28", "K-29", "K-30"])
        #expect(last.page.next == nil)
    }
}

/// A small deterministic generator, so that a failing sequence can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
