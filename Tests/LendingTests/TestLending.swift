import CoopCore
import CoopTestSupport
import Foundation
import Inventory
import Membership
import Testing
@testable import Lending

/// A fresh co-op database with every migration Lending runs after (Sequences, Membership, Inventory,
/// then Lending) in its own temporary folder, removed when the value is released.
///
/// The clock stands at 2026-03-16T14:00:00Z, which is Monday 2026-03-16, 10:00 in America/Toronto (EDT),
/// and moves only when a test moves it. A plan "Standard" (5 units on loan, 3 reservations) exists.
final class TestLending: DatabaseFixture {
    static let start = Instant.parse("2026-03-16T14:00:00Z", timeZone: .gmt)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!
    /// Monday.
    static let today = LocalDate(year: 2026, month: 3, day: 16)!
    /// Every table a lending verb may write to, so that a refusal can be shown to change nothing.
    static let tables = ["lending_policies", "lending_settings", "lending_closed_weekdays", "lending_closures", "lending_loans",
                         "lending_reservations", "lending_holds", "lending_fees", "lending_events", "inventory_items",
                         "inventory_movements", "account_entries", "members"]

    let storage: TemporaryDatabase

    var lending: LendingService { LendingService(context: context, caller: .localOperator("test")) }
    var membership: MembershipService { MembershipService(context: context, caller: .localOperator("test")) }
    var inventory: InventoryService { InventoryService(context: context, caller: .localOperator("test")) }

    init(readers: Int = 2) async throws {
        storage = try await TemporaryDatabase("lending", readers: readers, schemas: [Sequences.register, Outbox.register, MembershipSchema.register, InventorySchema.register, LendingSchema.register],
                                              start: Self.start, timeZone: Self.timeZone)
        _ = try await membership.addPlan(Plan(name: "Standard", fee: Money(cents: 4_000), months: 12, maxLoans: 5, maxReservations: 3))
    }

    // MARK: Time

    /// Puts the clock at `hour`:00 local time on `day` (10:00 by default).
    func setDay(_ day: LocalDate, hour: Int = 10) {
        clock.set(Instant.parse("\(day.iso8601)T\(hour < 10 ? "0" : "")\(hour):00", timeZone: Self.timeZone)!)
    }

    /// Moves the clock `days` days ahead (same local hour, DST aside).
    func advance(days: Int) { clock.advance(days: days) }

    // MARK: Fixtures

    /// Registers a member on `plan` (nil for none) and returns their number.
    @discardableResult
    func member(_ first: String = "Alice", plan: String? = "Standard") async throws -> String {
        try await membership.addMember(NewMember(firstName: first, lastName: "Test", email: "\(first.lowercased())-\(UUID().uuidString.prefix(6))@example.org",
                                                 plan: plan)).number
    }

    /// Adds an item to the catalogue.
    @discardableResult
    func item(_ code: String, quantity: Int = 1, category: String? = nil, value: Int64 = 0) async throws -> Item {
        try await inventory.acting(as: .staff("test")).addItem(
            NewItem(code: code, name: "Article \(code)", category: category, quantity: quantity, value: Money(cents: value)),
            createPaths: true)
    }

    /// Sets the default policy, from the built-in one with the given changes.
    @discardableResult
    func policy(
        category: String? = nil, loanDays: Int = 14, renewals: Int = 2, selfRenew: Bool = false, feePerDay: Int64 = 100,
        graceDays: Int = 0, feeCap: Int64 = 2_000, maxReservationDays: Int? = nil, maxAdvanceDays: Int? = nil,
        bufferDays: Int? = nil, holdReadyDays: Int? = nil
    ) async throws -> LoanPolicy {
        try await lending.setPolicy(LoanPolicyInput(
            category: category, loanDays: loanDays, maxRenewals: renewals, selfRenew: selfRenew, feePerDay: Money(cents: feePerDay),
            graceDays: graceDays, feeCap: Money(cents: feeCap), maxReservationDays: maxReservationDays,
            maxAdvanceDays: maxAdvanceDays, bufferDays: bufferDays, holdReadyDays: holdReadyDays))
    }

    // MARK: Reading

    func count(_ table: String, where condition: String = "1") async throws -> Int { try await storage.count(table, where: condition) }

    func unitsOut(_ code: String) async throws -> Int { try await inventory.item(code).unitsOut }

    func balance(_ member: String) async throws -> Money { try await membership.account(member).balance }

    /// Every row of every table a lending verb writes, to compare before and after a refused request.
    func snapshot() async throws -> [String: [[DatabaseValue]]] { try await storage.snapshot(TestLending.tables) }

    /// Runs `body`, which must be refused with this code, and checks that nothing changed.
    @discardableResult
    func expectUnchanged<T>(
        _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
    ) async throws -> CoopError {
        let before = try await snapshot()
        let error = try await expectRefusal(code, sourceLocation: sourceLocation, body)
        #expect(try await snapshot() == before, "a refusal changed the database", sourceLocation: sourceLocation)
        return error
    }
}

/// A local date from `YYYY-MM-DD`.
func day(_ text: String) -> LocalDate { LocalDate(iso8601: text)! }

/// The JSON object a value encodes to, for checking keys and values.
func jsonObject(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any])
}
