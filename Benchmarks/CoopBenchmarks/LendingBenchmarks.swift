import Benchmark
import CoopCore
import Foundation
import Inventory
import Lending
import Membership

/// Lending's hot paths: a check-out + check-in cycle at the desk, the availability of an item over a
/// year (500 past loans, 50 reservations), and the overdue report over 100,000 loans.
///
/// Each fixture is built once by the benchmark's `setup` (the 100,000 loans take seconds) and its file
/// removed by `teardown`; only the loop between start and stop is measured.
func lendingBenchmarks() {
    Benchmark(
        "Lending: check-out + check-in cycle (1,000 items, 200 members)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { (benchmark: Benchmark, fixture: LendingFixture) in
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let loan = try await fixture.lending.checkOut(item: LendingFixture.code(i % 1_000), member: LendingFixture.number(i % 200 + 1))
            blackHole(try await fixture.lending.checkIn(loan: loan.id))
        }
        benchmark.stopMeasurement()
    } setup: {
        try await LendingFixture.make("cycle", members: 200, items: 1_000)
    } teardown: {
        LendingFixture.remove("cycle")
    }

    Benchmark(
        "Lending: availability over one year (500 past loans, 50 reservations)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .kilo, maxDuration: .seconds(10))
    ) { (benchmark: Benchmark, fixture: LendingFixture) in
        let from = fixture.context.today(), to = from.adding(days: 364)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.lending.availability(item: LendingFixture.code(0), from: from, to: to))
        }
        benchmark.stopMeasurement()
    } setup: {
        let fixture = try await LendingFixture.make("availability", members: 60, items: 1, quantity: 3)
        try await fixture.addPastLoans(500, item: LendingFixture.code(0))
        try await fixture.addWeeklyReservations(50, item: LendingFixture.code(0))
        return fixture
    } teardown: {
        LendingFixture.remove("availability")
    }

    Benchmark(
        "Lending: overdue report (100,000 loans, 10,000 open, 5,000 overdue)",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .one, maxDuration: .seconds(10))
    ) { (benchmark: Benchmark, fixture: LendingFixture) in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.lending.overdue())
        }
        benchmark.stopMeasurement()
    } setup: {
        let fixture = try await LendingFixture.make("overdue", members: 2_000, items: 2_000, quantity: 10)
        try await fixture.addHistory(loans: 100_000, open: 10_000, overdue: 5_000)
        return fixture
    } teardown: {
        LendingFixture.remove("overdue")
    }
}

/// A co-op with Lending's schema on a temporary database, its clock standing still on Monday
/// 2026-06-15 at 10:00 in Toronto. Members and items come in through the CSV imports (one transaction
/// each); a plan "Bench" lets anyone borrow and reserve freely, and the default policy allows
/// reservations up to 400 days ahead.
///
/// Built from the domain libraries directly (not through `Coop`), so it does not depend on how the
/// assembly wires Lending in.
struct LendingFixture: Sendable {
    static let start = Instant.parse("2026-06-15T14:00:00Z", timeZone: TimeZone(identifier: "UTC")!)!

    let context: CoopContext

    var lending: LendingService { LendingService(context: context, caller: .localOperator("bench")) }

    static func code(_ i: Int) -> String { "B-" + String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i) }
    static func number(_ n: Int) -> String { "M-" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// The database file of the fixture `name` in this process, so that `teardown` can find it.
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("coop-lending-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
    }

    static func make(_ name: String, members: Int, items: Int, quantity: Int = 1) async throws -> LendingFixture {
        remove(name)
        let pool = try DatabasePool(path: path(name))
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        LendingSchema.register(in: &migrator)
        try await migrator.migrate(pool)
        let context = CoopContext(database: pool, clock: FixedClock(start), timeZone: TimeZone(identifier: "America/Toronto")!)

        let membership = MembershipService(context: context, caller: .localOperator("bench"))
        _ = try await membership.addPlan(Plan(name: "Bench", fee: .zero, months: 24, maxLoans: 100_000, maxReservations: 1_000))
        var people = "first_name,last_name,email,plan\n"
        for i in 1...members { people += "Prénom\(i),Nom\(i),m\(i)@example.org,Bench\n" }
        _ = try await membership.importMembers(csv: Data(people.utf8), source: "bench-members.csv")
        var catalogue = "code,name,category,quantity,value\n"
        for i in 0..<items { catalogue += "\(code(i)),Outil \(i),Outils/Groupe \(i % 20),\(quantity),25.00\n" }
        _ = try await InventoryService(context: context, caller: .localOperator("bench")).importCSV(Data(catalogue.utf8), source: "bench-items.csv")

        let fixture = LendingFixture(context: context)
        _ = try await fixture.lending.setPolicy(LoanPolicyInput(
            loanDays: 14, maxRenewals: 2, feePerDay: Money(cents: 100), graceDays: 1, feeCap: Money(cents: 2_000),
            maxReservationDays: 14, maxAdvanceDays: 400))
        return fixture
    }

    /// `count` loans of `item` that went out and came back over the past years, through the service
    /// (back-dated with `at`), one week apart.
    func addPastLoans(_ count: Int, item: String) async throws {
        for i in 0..<count {
            let out = Self.start.adding(seconds: -Int64(count - i) * 7 * 86_400)
            let loan = try await lending.checkOut(item: item, member: Self.number(i % 50 + 1), at: out)
            _ = try await lending.checkIn(loan: loan.id, at: out.adding(seconds: 5 * 86_400))
        }
    }

    /// `count` three-day reservations of `item`, one a week from tomorrow on, by different members.
    func addWeeklyReservations(_ count: Int, item: String) async throws {
        let tomorrow = context.today().adding(days: 1)
        for k in 0..<count {
            let from = tomorrow.adding(days: 7 * k)
            _ = try await lending.reserve(item: item, member: Self.number(k % 50 + 1), from: from, to: from.adding(days: 2))
        }
    }

    /// `loans` loans in one transaction, spread over the items and members: `open` still out (their
    /// units taken through `InventoryLedger`, so the items stay consistent), of which `overdue` are
    /// past due; the rest returned over the past two years. Rows go in by SQL: 100,000 loans through
    /// the service would take minutes of set-up for a report that only reads them.
    func addHistory(loans: Int, open: Int, overdue: Int) async throws {
        let today = context.today(), now = Self.start, zone = context.timeZone
        try await context.database.write { db in
            var items: [(id: Int64, code: String)] = []
            let memberIDs = try db.query("SELECT id, number FROM members ORDER BY id").map {
                (id: try $0.get("id") as Int64, number: try $0.get("number") as String)
            }
            var index = 0
            while true {
                guard let snapshot = try? InventoryLedger.item(code: Self.code(index), in: db) else { break }
                items.append((snapshot.id, snapshot.code))
                index += 1
            }
            let insert = """
                INSERT INTO lending_loans (item_id, item_code, member_id, member_number, units, out_at, due, status, returned_at,
                    loan_days, max_renewals, self_renew, fee_per_day_cents, grace_days, fee_cap_cents)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, 14, 2, 0, 100, 1, 2000)
                """
            for n in 0..<loans {
                let item = items[n % items.count], member = memberIDs[n % memberIDs.count]
                let isOpen = n < open
                let due: LocalDate
                if isOpen {
                    due = n < overdue ? today.adding(days: -1 - n % 60) : today.adding(days: n % 14)
                } else {
                    due = today.adding(days: -15 - n % 730)
                }
                let outAt = Instant.startOf(due.adding(days: -14), in: zone).adding(seconds: 36_000)
                let returnedAt: Instant? = isOpen ? nil : outAt.adding(seconds: Int64(n % 20) * 86_400)
                try db.execute(insert, [item.id, item.code, member.id, member.number, outAt, due, isOpen ? "open" : "returned", returnedAt])
                if isOpen {
                    try InventoryLedger.checkOut(itemID: item.id, units: 1, actor: "bench", reason: "history", at: min(outAt, now), in: db)
                }
            }
        }
    }

    static func remove(_ name: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path(name) + suffix) }
    }
}
