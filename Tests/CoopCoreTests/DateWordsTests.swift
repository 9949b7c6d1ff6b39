import Foundation
import Testing

@testable import CoopCore

/// Instants in messages: the co-op's time zone, the local way of writing a time, the date when needed.
@Suite struct DateWordsTests {
    static let toronto = TimeZone(identifier: "America/Toronto")!
    static func instant(_ text: String) -> Instant { Instant.parse(text, timeZone: .gmt)! }

    @Test func aTimeIsWrittenTheQuebecWayAndTheEnglishWay() {
        let closes = Self.instant("2026-12-02T19:26:00Z")  // 14:26 in Toronto (UTC−5 in December)
        #expect(closes.clockWords(in: Self.toronto, .fr) == "14 h 26")
        #expect(closes.clockWords(in: Self.toronto, .en) == "2:26 PM")
        let nine = Self.instant("2026-12-02T14:00:00Z")
        #expect(nine.clockWords(in: Self.toronto, .fr) == "9 h")
        #expect(nine.clockWords(in: Self.toronto, .en) == "9:00 AM")
        let midnight = Self.instant("2026-12-02T05:05:00Z")
        #expect(midnight.clockWords(in: Self.toronto, .fr) == "0 h 05")
        #expect(midnight.clockWords(in: Self.toronto, .en) == "12:05 AM")
        let noon = Self.instant("2026-07-02T16:00:00Z")  // summer time: UTC−4
        #expect(noon.clockWords(in: Self.toronto, .en) == "12:00 PM")
    }

    @Test func theDateIsInWords() {
        #expect(LocalDate(year: 2026, month: 12, day: 2)!.words(.fr) == "2 décembre 2026")
        #expect(LocalDate(year: 2026, month: 12, day: 1)!.words(.fr) == "1er décembre 2026")
        #expect(LocalDate(year: 2026, month: 8, day: 15)!.words(.fr) == "15 août 2026")
        #expect(LocalDate(year: 2026, month: 12, day: 2)!.words(.en) == "December 2, 2026")
    }

    @Test func theLocalDayIsTheCoopsNotUTCs() {
        // 02:30 UTC on December 3 is still December 2 in Toronto.
        let late = Self.instant("2026-12-03T02:30:00Z")
        #expect(late.words(in: Self.toronto, .fr) == "2 décembre 2026 à 21 h 30")
        #expect(late.words(in: Self.toronto, .en) == "December 2, 2026 at 9:30 PM")
    }

    @Test func theDateIsLeftOutOnTheSameLocalDay() {
        let closes = Self.instant("2026-12-02T19:26:00Z")
        let morning = Self.instant("2026-12-02T14:00:00Z")
        let dayBefore = Self.instant("2026-12-01T19:26:00Z")
        #expect(closes.wordsAt(in: Self.toronto, now: morning, .fr) == "à 14 h 26")
        #expect(closes.wordsAt(in: Self.toronto, now: morning, .en) == "at 2:26 PM")
        #expect(closes.wordsAt(in: Self.toronto, now: dayBefore, .fr) == "le 2 décembre 2026 à 14 h 26")
        #expect(closes.wordsAt(in: Self.toronto, now: dayBefore, .en) == "on December 2, 2026 at 2:26 PM")
        // Late in the evening UTC has moved to the next day; Toronto has not.
        #expect(closes.wordsAt(in: Self.toronto, now: Self.instant("2026-12-03T03:00:00Z"), .fr) == "à 14 h 26")
    }

    @Test func inUTCTheZoneIsSaid() {
        let closes = Self.instant("2026-12-02T19:26:00Z")
        #expect(closes.words(in: .gmt, .fr) == "2 décembre 2026 à 19 h 26 UTC")
    }

    @Test func messageArgumentsCarryTheZone() {
        let text = LocalizedText(fr: "Le scrutin ferme {closes}.", en: "The election closes {closes}.")
        let closes = Self.instant("2026-12-02T19:26:00Z")
        let now = Self.instant("2026-12-02T15:00:00Z")
        #expect(text.render(.fr, ["closes": .instantAt(closes, Self.toronto, now: now)]) == "Le scrutin ferme à 14 h 26.")
        #expect(text.render(.en, ["closes": .instantAt(closes, Self.toronto, now: now)]) == "The election closes at 2:26 PM.")
        #expect(MessageArgument.instant(closes, Self.toronto).formatted(.fr) == "2 décembre 2026 à 14 h 26")
    }
}
