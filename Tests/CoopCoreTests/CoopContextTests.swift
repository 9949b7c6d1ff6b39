import Foundation
import Testing

@testable import CoopCore

@Suite struct CoopContextTests {
    @Test func todayIsTheLocalDateInTheCoopsTimeZone() async throws {
        try await TemporaryDatabase.withPool(readerCount: 1) { pool async throws in
            // 2026-11-30T03:30Z is still the evening of the 29th in Toronto.
            let clock = FixedClock(try #require(Instant.parse("2026-11-30T03:30:00Z", timeZone: .utc)))
            let toronto = CoopContext(database: pool, clock: clock, timeZone: .toronto)
            let utc = CoopContext(database: pool, clock: clock, timeZone: .utc)
            #expect(toronto.today() == LocalDate(year: 2026, month: 11, day: 29))
            #expect(utc.today() == LocalDate(year: 2026, month: 11, day: 30))
            #expect(toronto.now() == clock.now())
            clock.advance(seconds: 3600)  // 23:30 in Toronto
            #expect(toronto.today() == LocalDate(year: 2026, month: 11, day: 29))
            clock.advance(seconds: 1800)  // midnight in Toronto
            #expect(toronto.today() == LocalDate(year: 2026, month: 11, day: 30))
        }
    }
}
