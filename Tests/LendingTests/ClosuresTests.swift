import CoopCore
import Foundation
import Testing
@testable import Lending

@Suite("Closed days push due dates to the next open day")
struct ClosuresTests {
    @Test func aDueDateOnAWeeklyClosingDayMovesToTheNextOpenDay() async throws {
        let db = try await TestLending()
        try await db.policy(loanDays: 7)
        try await db.member()
        try await db.item("T-1", quantity: 3)
        // Lent on Monday 03-16 for 7 days: due Monday 03-23, when the co-op is closed.
        let calendar = try await db.lending.setWeeklyClosures([1, 1])
        #expect(calendar.weeklyClosedDays == [1])
        let moved = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(moved.due == day("2026-03-24"))
        // The answer says so, for the desk to tell the member; a later read does not carry it.
        #expect(moved.dueMovedFrom == DueMove(day: day("2026-03-23"), reason: nil))
        #expect(try await db.lending.loan(moved.id).dueMovedFrom == nil)
        _ = try await db.lending.setWeeklyClosures([1, 2])
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0001").due == day("2026-03-25"))
        _ = try await db.lending.setWeeklyClosures([])
        let open = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(open.due == day("2026-03-23") && open.dueMovedFrom == nil)
    }

    @Test func datedClosuresChainWithWeeklyOnes() async throws {
        let db = try await TestLending()
        try await db.policy(loanDays: 7)
        try await db.member()
        try await db.item("T-1")
        _ = try await db.lending.setWeeklyClosures([1])
        _ = try await db.lending.addClosure(on: day("2026-03-24"), reason: "Inventaire")
        let calendar = try await db.lending.addClosure(on: day("2026-03-25"), reason: "Formation")
        #expect(calendar.closures == [DatedClosure(date: day("2026-03-24"), reason: "Inventaire"),
                                      DatedClosure(date: day("2026-03-25"), reason: "Formation")])
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        #expect(loan.due == day("2026-03-26") && loan.dueMovedFrom == DueMove(day: day("2026-03-23"), reason: nil))
        // Closed on the day itself for a dated reason: the reason is given.
        _ = try await db.lending.setWeeklyClosures([])
        _ = try await db.lending.addClosure(on: day("2026-03-23"), reason: "Fête nationale")
        try await db.item("T-2")
        let holiday = try await db.lending.checkOut(item: "T-2", member: "M-0001")
        #expect(holiday.due == day("2026-03-26") && holiday.dueMovedFrom == DueMove(day: day("2026-03-23"), reason: "Fête nationale"))
    }

    @Test func closuresCanBeRemovedAndRenamedButNotAllDaysClosed() async throws {
        let db = try await TestLending()
        _ = try await db.lending.addClosure(on: day("2026-12-25"), reason: "Noël")
        _ = try await db.lending.addClosure(on: day("2026-12-25"), reason: "Noël / Christmas")
        #expect(try await db.lending.closures().closures.map(\.reason) == ["Noël / Christmas"])
        #expect(try await db.lending.removeClosure(on: day("2026-12-25")).closures.isEmpty)
        try await db.expectUnchanged("lending.closure_not_found") { try await db.lending.removeClosure(on: day("2026-12-25")) }
        try await db.expectUnchanged("lending.all_days_closed") { try await db.lending.setWeeklyClosures([1, 2, 3, 4, 5, 6, 7]) }
        try await db.expectUnchanged("lending.invalid_weekday") { try await db.lending.setWeeklyClosures([0]) }
        try await db.expectUnchanged("common.required") { try await db.lending.addClosure(on: day("2026-12-26"), reason: " ") }
        // Past closures are not listed by default, but can be asked for.
        _ = try await db.lending.addClosure(on: day("2026-01-01"), reason: "Jour de l’an")
        #expect(try await db.lending.closures().closures.isEmpty)
        #expect(try await db.lending.closures(from: day("2026-01-01")).closures.count == 1)
    }

    @Test func aYearOfClosuresIsAConfigurationErrorNotALoop() async throws {
        let db = try await TestLending()
        try await db.member()
        try await db.item("T-1")
        _ = try await db.lending.setWeeklyClosures([1, 2, 3, 4, 5, 6])
        try await db.pool.write { conn in
            var sunday = day("2026-03-22")
            for _ in 0..<60 {
                try conn.execute("INSERT INTO lending_closures (day, reason, created_at) VALUES (?, 'x', ?)", [sunday, TestLending.start])
                sunday = sunday.adding(days: 7)
            }
        }
        try await db.expectUnchanged("lending.no_open_day") { try await db.lending.checkOut(item: "T-1", member: "M-0001") }
    }

    @Test func weekdaysReadInEitherLanguage() throws {
        #expect(try LendingInput.weekday("1") == 1)
        #expect(try LendingInput.weekday("Monday") == 1)
        #expect(try LendingInput.weekday("lundi") == 1)
        #expect(try LendingInput.weekday("DIM") == 7)
        #expect(try LendingInput.weekday("mer") == 3)
        #expect(try LendingInput.weekday("sat") == 6)
        #expect(throws: CoopError.self) { try LendingInput.weekday("8") }
        #expect(throws: CoopError.self) { try LendingInput.weekday("mo") }
        #expect(try LendingInput.date("2026-03-16", field: "due") == TestLending.today)
        #expect(throws: CoopError.self) { try LendingInput.date("16/03/2026", field: "due") }
        #expect(try LendingInput.instant("2026-03-16T10:00", field: "at", timeZone: TestLending.timeZone) == TestLending.start)
        #expect(try LendingReport(parsing: "Due-Today") == .dueToday)
        #expect(throws: CoopError.self) { try LendingReport(parsing: "nope") }
    }
}
