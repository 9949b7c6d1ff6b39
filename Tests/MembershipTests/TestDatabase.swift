import CoopCore
import CoopTestSupport
import Foundation
import Testing
@testable import Membership

/// A fresh Membership database in its own temporary folder, removed when the value is released.
///
/// The clock stands at 2026-03-15T12:00:00Z, which is 08:00 on 2026-03-15 in America/Toronto (EDT).
final class TestDatabase: DatabaseFixture {
    static let start = Instant.parse("2026-03-15T12:00:00Z", timeZone: .gmt)!
    static let today = LocalDate(year: 2026, month: 3, day: 15)!
    static let timeZone = TimeZone(identifier: "America/Toronto")!
    /// Every table the Membership schema writes to, so that a refusal can be shown to change nothing.
    static let tables = ["coop_sequences", "membership_plans", "members", "membership_renewals", "membership_events", "api_tokens", "account_entries",
                         "membership_web_accounts", "membership_sign_in_codes", "web_sessions",
                         "membership_coop_profile"]

    let storage: TemporaryDatabase

    var service: MembershipService { MembershipService(context: context, caller: .localOperator("test")) }
    var tokens: TokenService { TokenService(context: context, caller: .localOperator("test")) }

    init() async throws {
        storage = try await TemporaryDatabase("membership", readers: 4, schemas: [Sequences.register, Outbox.register, MembershipSchema.register],
                                              start: Self.start, timeZone: Self.timeZone)
    }

    /// Moves the clock to a UTC instant (`2027-03-16T03:00:00Z`).
    func setClock(_ iso: String) {
        clock.set(Instant.parse(iso, timeZone: .gmt)!)
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int64 { Int64(try await storage.count(table, where: condition)) }

    /// The value of the member-number counter, nil before the first member.
    func memberSequence() async throws -> Int64? {
        try await pool.read { db in
            try db.scalar("SELECT value FROM coop_sequences WHERE name = 'member_number'", as: Int64.self)
        }
    }

    /// Every row of every Membership table, to compare before and after a refused request.
    func snapshot() async throws -> [String: [[DatabaseValue]]] { try await storage.snapshot(TestDatabase.tables) }

    /// Every text stored anywhere in the Membership tables (for privacy checks).
    func allStoredText() async throws -> [String] {
        try await snapshot().values.flatMap { $0 }.flatMap { $0 }.compactMap {
            if case .text(let text) = $0 { return text }
            return nil
        }
    }

    @discardableResult
    func addPlan(_ name: String = "Annual", feeCents: Int64 = 4000, months: Int = 12,
                 maxLoans: Int = 5, maxReservations: Int = 3) async throws -> Plan {
        try await service.addPlan(Plan(name: name, fee: Money(cents: feeCents), months: months,
                                       maxLoans: maxLoans, maxReservations: maxReservations))
    }

    @discardableResult
    func addMember(_ first: String = "Alice", _ last: String = "Tremblay", email: String? = nil,
                   phone: String? = nil, plan: String? = nil) async throws -> Member {
        try await service.addMember(NewMember(firstName: first, lastName: last,
                                              email: email ?? "\(first.lowercased())@example.org", phone: phone, plan: plan))
    }
}

/// Bytes of a text file.
func utf8(_ text: String) -> Data { Data(text.utf8) }
