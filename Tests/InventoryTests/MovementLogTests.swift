import CoopCore
import Foundation
import Testing
@testable import Inventory
import CoopTestSupport

@Suite("Movements: an item's history, newest first, paginated")
struct MovementLogTests {
    @Test func historyPagesNewestFirstWithoutGapsOrRepeats() async throws {
        let db = try await TestInventory()
        try await db.add("T-1", "Perceuse", location: "A")
        try await db.add("T-2", "Scie", location: "A")
        for n in 1...12 {
            db.clock.advance(seconds: 1)
            _ = try await db.service.move("T-1", to: n.isMultiple(of: 2) ? "A" : "B", create: true, reason: "r\(n)")
            _ = try await db.service.move("T-2", to: n.isMultiple(of: 2) ? "A" : "B", create: true)
        }
        var reasons: [String?] = []
        var cursor: String?
        repeat {
            let page = try await db.service.history("t-1", page: try PageRequest(limit: "5", cursor: cursor))
            #expect(page.items.allSatisfy { $0.item == "T-1" })
            reasons += page.items.map(\.reason)
            cursor = page.next
        } while cursor != nil
        #expect(reasons == (1...12).reversed().map { "r\($0)" } + [nil])
        let all = try await db.service.history("T-1", page: PageRequest(limit: 500)).items
        #expect(all.map(\.at) == all.map(\.at).sorted(by: >))
        try await expectRefusal("common.invalid_cursor") { try await db.service.history("T-1", page: PageRequest(after: "x")) }
    }
}
