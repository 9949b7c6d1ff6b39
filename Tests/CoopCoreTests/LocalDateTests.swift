import Foundation
import Testing

@testable import CoopCore

@Suite struct LocalDateTests {
    private func date(_ text: String) throws -> LocalDate {
        try #require(LocalDate(iso8601: text), "\(text)")
    }

    @Test func parsesAndFormats() throws {
        let d = try date("2026-11-30")
        #expect(d.year == 2026 && d.month == 11 && d.day == 30)
        #expect(d.iso8601 == "2026-11-30")
        #expect(d.description == "2026-11-30")
        #expect(LocalDate(year: 2026, month: 11, day: 30) == d)
        #expect(LocalDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(LocalDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        #expect(LocalDate(year: 5, month: 3, day: 7)?.iso8601 == "0005-03-07")
        #expect(LocalDate(year: 9999, month: 12, day: 31)?.iso8601 == "9999-12-31")
    }

    @Test func everyDayOfFourCenturiesRoundTrips() throws {
        // 1900-01-01 … 2299-12-31: components, text and days agree both ways, one day apart each.
        var previous = try date("1899-12-31")
        var wrong: [String] = []
        for year in 1900...2299 {
            for month in 1...12 {
                for day in 1...LocalDate.daysIn(month: month, year: year) {
                    let d = try #require(LocalDate(year: year, month: month, day: day))
                    let c = d.components
                    if d.daysSinceEpoch != previous.daysSinceEpoch + 1 || c.year != year || c.month != month || c.day != day {
                        wrong.append("\(year)-\(month)-\(day)")
                    }
                    previous = d
                }
            }
        }
        #expect(wrong.isEmpty)
        #expect(previous.iso8601 == "2299-12-31")
        #expect(LocalDate(iso8601: previous.iso8601) == previous)
    }

    @Test(arguments: [
        "2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-01-32", "0000-01-01", "2026-1-05", "26-01-05", "2026/01/05", "2026-01-05T00:00", " 2026-01-05",
        "", "2026-01-0a", "+026-01-05", "2026-+1-05", "2026-01--5", "２０２６-01-05",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(LocalDate(iso8601: text) == nil)
    }

    @Test func leapYears() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate.daysIn(month: 2, year: 2024) == 29)
        #expect(LocalDate.daysIn(month: 2, year: 2026) == 28)
        #expect(LocalDate.daysIn(month: 4, year: 2026) == 30)
        #expect(LocalDate.daysIn(month: 12, year: 2026) == 31)
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-03-31", -1, "2026-02-28"),
        ("2026-05-31", 1, "2026-06-30"), ("2026-12-15", 1, "2027-01-15"), ("2026-01-15", -1, "2025-12-15"),
        ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"), ("2026-08-31", -6, "2026-02-28"),
        ("2026-11-30", 0, "2026-11-30"), ("2026-11-30", 25, "2028-12-30"), ("2026-01-01", -13, "2024-12-01"),
    ] as [(String, Int, String)])
    func addingMonthsClampsToTheMonthsLastDay(_ start: String, _ months: Int, _ expected: String) throws {
        #expect(try date(start).adding(months: months).iso8601 == expected)
    }

    @Test func addingDaysAndCounting() throws {
        #expect(try date("2026-12-31").adding(days: 1).iso8601 == "2027-01-01")
        #expect(try date("2024-02-28").adding(days: 1).iso8601 == "2024-02-29")
        #expect(try date("2026-03-01").adding(days: -1).iso8601 == "2026-02-28")
        #expect(try date("2026-11-30").adding(days: 21).iso8601 == "2026-12-21")
        #expect(try date("2026-01-01").days(until: date("2027-01-01")) == 365)
        #expect(try date("2024-01-01").days(until: date("2025-01-01")) == 366)
        #expect(try date("2026-11-30").days(until: date("2026-11-23")) == -7)
    }

    @Test(arguments: [
        ("2026-11-30", 1), ("2026-11-29", 7), ("2026-12-05", 6), ("1970-01-01", 4), ("1969-12-31", 3),
        ("2000-01-01", 6), ("2024-02-29", 4), ("1900-01-01", 1),
    ] as [(String, Int)])
    func isoWeekday(_ text: String, _ weekday: Int) throws {
        #expect(try date(text).weekday == weekday)
    }

    @Test func orderAndEquality() throws {
        #expect(try date("2026-11-29") < date("2026-11-30"))
        #expect(try date("2025-12-31") < date("2026-01-01"))
        #expect(try date("2026-11-30") == LocalDate(daysSinceEpoch: date("2026-11-30").daysSinceEpoch))
    }

    @Test func jsonAndDatabaseAreTheISOText() throws {
        let d = try date("2026-02-28")
        #expect(String(decoding: try JSONEncoder().encode([d]), as: UTF8.self) == #"["2026-02-28"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-28"]"#.utf8)) == [d])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
        #expect(d.databaseValue == .text("2026-02-28"))
        #expect(LocalDate.fromDatabaseValue(.text("2026-02-28")) == d)
        #expect(LocalDate.fromDatabaseValue(.text("2026-02-30")) == nil)
        #expect(LocalDate.fromDatabaseValue(.integer(20_512)) == nil)
    }
}
