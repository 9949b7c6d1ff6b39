import CoopCore
import Foundation
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Reports: due today, overdue, expected returns, to prepare, popular, never borrowed")
struct LendingReportsTests {
    /// Loans of T-1 due 03-18 and 03-20 (Alice), T-2 due 03-20 (Bob), all at 1.00/day, 1 grace day, 3.00 cap;
    /// a reservation of T-3 on 03-23; T-4 never lent.
    static func desk() async throws -> TestLending {
        let db = try await TestLending()
        try await db.policy(feePerDay: 100, graceDays: 1, feeCap: 300)
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1", quantity: 3, category: "Outils")
        try await db.item("T-2")
        try await db.item("T-3")
        try await db.item("T-4", category: "Outils/Scies")
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-18"))
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001", due: day("2026-03-20"))
        _ = try await db.lending.checkOut(item: "T-2", member: "M-0002", due: day("2026-03-20"))
        _ = try await db.lending.reserve(item: "T-3", member: "M-0002", units: 1, from: day("2026-03-23"), to: day("2026-03-24"))
        return db
    }

    @Test func dueTodayAndExpectedReturns() async throws {
        let db = try await Self.desk()
        db.setDay(day("2026-03-20"))
        let due = try await db.lending.dueToday()
        #expect(due.map(\.loan) == [2, 3])
        #expect(due[0].item == "T-1" && due[0].itemName == "Article T-1" && due[0].member == "M-0001")
        let week = try await db.lending.expectedReturns(from: day("2026-03-16"), to: day("2026-03-22"))
        #expect(week.map(\.due) == [day("2026-03-18"), day("2026-03-20"), day("2026-03-20")])
        db.setDay(day("2026-03-16"))
        #expect(try await db.lending.expectedReturns() == week)
        // The week ahead is today and the next six days: the pickup on the 23rd is the eighth day.
        #expect(try await db.lending.toPrepare().isEmpty)
        db.setDay(day("2026-03-17"))
        #expect(try await db.lending.toPrepare().map(\.reservation) == [1])
        try await expectRefusal("lending.invalid_range") { try await db.lending.expectedReturns(from: day("2026-03-22"), to: day("2026-03-16")) }
    }

    @Test func overdueLoansWithDaysAndAccruedFee() async throws {
        let db = try await Self.desk()
        db.setDay(day("2026-03-21"))
        let rows = try await db.lending.overdue()
        #expect(rows.map(\.loan) == [1, 2, 3])
        #expect(rows.map(\.daysLate) == [3, 1, 1])
        // 3 days − 1 grace = 2.00; 1 day within grace = 0.
        #expect(rows.map(\.accruedFee) == [Money(cents: 200), .zero, .zero])
        db.setDay(day("2026-04-20"))
        #expect(try await db.lending.overdue().first?.accruedFee == Money(cents: 300))
        _ = try await db.lending.checkIn(loan: 1)
        #expect(try await db.lending.overdue().map(\.loan) == [2, 3])
        #expect(try await db.lending.overdue(asOf: day("2026-03-19")).isEmpty)
        let json = try jsonObject(try await db.lending.overdue()[0])
        #expect(json["accruedFee"] as? Int == 300 && json["daysLate"] as? Int == 31)
        let filtered = try await db.lending.loans(LoanFilter(overdue: true))
        #expect(filtered.items.map(\.id) == [2, 3] && filtered.items.allSatisfy { $0.status == .overdue })
    }

    @Test func reservationsToPrepareByDay() async throws {
        let db = try await Self.desk()
        let rows = try await db.lending.toPrepare(from: day("2026-03-16"), to: day("2026-03-31"))
        #expect(rows.count == 1 && rows[0].day == day("2026-03-23") && rows[0].to == day("2026-03-24") && rows[0].item == "T-3")
        #expect(try await db.lending.toPrepare(from: day("2026-03-24"), to: day("2026-03-31")).isEmpty)
        db.setDay(day("2026-03-24"))
        #expect(try await db.lending.toPrepare(from: day("2026-03-16"), to: day("2026-03-31")).isEmpty)
    }

    @Test func mostAndNeverBorrowedItems() async throws {
        let db = try await Self.desk()
        let popular = try await db.lending.popular()
        #expect(popular.map(\.item) == ["T-1", "T-2"])
        #expect(popular[0].loans == 2 && popular[0].units == 2)
        #expect(try await db.lending.popular(from: day("2026-03-17")).isEmpty)
        #expect(try await db.lending.popular(limit: 1).count == 1)
        let never = try await db.lending.neverBorrowed()
        #expect(never.items.map(\.item) == ["T-3", "T-4"])
        #expect(never.items[1].category == "Outils/Scies")
        let first = try await db.lending.neverBorrowed(page: PageRequest(limit: 1))
        #expect(first.items.map(\.item) == ["T-3"])
        let rest = try await db.lending.neverBorrowed(page: try PageRequest(limit: "1", cursor: first.next))
        #expect(rest.items.map(\.item) == ["T-4"] && rest.next == nil)
    }

    @Test func loanListsFilterAndPageAndMembersSeeOnlyTheirOwn() async throws {
        let db = try await Self.desk()
        _ = try await db.lending.checkIn(loan: 1)
        #expect(try await db.lending.loans().items.map(\.id) == [1, 2, 3])
        #expect(try await db.lending.loans(LoanFilter(open: true)).items.map(\.id) == [2, 3])
        #expect(try await db.lending.loans(LoanFilter(member: "m-2")).items.map(\.id) == [3])
        #expect(try await db.lending.loans(LoanFilter(item: "t-1", open: true)).items.map(\.id) == [2])
        #expect(try await db.lending.acting(as: .member("M-0002")).loans().items.map(\.member) == ["M-0002"])
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).loans(LoanFilter(member: "M-0001")) }
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).loan(1) }
        #expect(try await db.lending.acting(as: .member("M-0001")).loan(1).status == .returned)
        let page = try await db.lending.loans(page: PageRequest(limit: 2))
        #expect(page.items.map(\.id) == [1, 2])
        #expect(try await db.lending.loans(page: try PageRequest(limit: "2", cursor: page.next)).items.map(\.id) == [3])
        try await expectRefusal("common.invalid_cursor") { try await db.lending.loans(page: PageRequest(after: "x")) }
    }
}
