import Foundation
import Testing

@testable import CoopCore

@Suite struct InstantTests {
    /// 2026-11-29T14:05:00Z
    static let sample = Instant(milliseconds: 1_795_961_100_000)

    private func parse(_ text: String, _ timeZone: TimeZone = .toronto) -> Instant? {
        Instant.parse(text, timeZone: timeZone)
    }

    // MARK: Text form

    @Test func isoOutputFormat() {
        #expect(Self.sample.iso8601 == "2026-11-29T14:05:00.000Z")
        #expect(Instant(milliseconds: 1_795_961_100_007).iso8601 == "2026-11-29T14:05:00.007Z")
        #expect(Instant(milliseconds: 1_795_961_159_999).iso8601 == "2026-11-29T14:05:59.999Z")
        #expect(Instant(milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(Instant(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Instant(milliseconds: 951_782_400_000).iso8601 == "2000-02-29T00:00:00.000Z")
        #expect(Self.sample.description == Self.sample.iso8601)
    }

    @Test func textSortsLikeTheInstant() {
        let instants = [-86_400_001, -1, 0, 1, 999, 1000, 59_999, 3_600_000, 1_795_961_100_000, 253_402_300_799_999]
            .map { Instant(milliseconds: Int64($0)) }
        #expect(instants.map(\.iso8601) == instants.map(\.iso8601).sorted())
        #expect(Set(instants.map { $0.iso8601.count }) == [24])
    }

    @Test func outputParsesBack() {
        for ms in [0, -1, 1, 1_795_961_100_123, 951_782_399_999, -62_135_596_800_000] as [Int64] {
            let instant = Instant(milliseconds: ms)
            #expect(parse(instant.iso8601) == instant, "\(instant)")
        }
    }

    /// The byte-by-byte writer and the stored-form reader (the database's and every search page's path)
    /// agree with the general forms: the interpolated text, and `parse` of any text, canonical or not.
    @Test func theStoredFormsFastPathsAgreeWithTheGeneralOnes() {
        var generator = SystemRandomNumberGenerator()
        let utc = TimeZone(identifier: "UTC")!
        let edges: [Int64] = [0, -1, 1, 951_782_400_000, -62_135_596_800_000, 253_402_300_799_999, 1_795_961_100_123]
        let random = (0..<2_000).map { _ in Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator) }
        for ms in edges + random {
            let instant = Instant(milliseconds: ms)
            let days = Int(ms.floorDiv(86_400_000)), msOfDay = Int(ms - Int64(days) * 86_400_000)
            let reference = "\(LocalDate(daysSinceEpoch: days).iso8601)T\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2))"
                + ":\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
            #expect(instant.iso8601 == reference)
            #expect(Instant.fromDatabaseValue(.text(instant.iso8601)) == instant)
        }
        // Every one-byte change of a stored text reads as the general parser reads it (or not at all).
        let stored = Array(Instant(milliseconds: 1_795_961_159_999).iso8601.utf8)
        for i in stored.indices {
            for byte in [UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "z"), UInt8(ascii: " "), UInt8(ascii: "/")] {
                var changed = stored
                changed[i] = byte
                let text = String(decoding: changed, as: UTF8.self)
                #expect(Instant.fromDatabaseValue(.text(text)) == Instant.parse(text, timeZone: utc), "\(text)")
            }
        }
        for text in ["2026-02-30T10:00:00.000Z", "2026-11-29T24:00:00.000Z", "2026-11-29T14:60:00.000Z", "2026-11-29T14:05:00.000+00:00"] {
            #expect(Instant.fromDatabaseValue(.text(text)) == Instant.parse(text, timeZone: utc), "\(text)")
        }
    }

    // MARK: Parsing

    @Test func parsesUTC() {
        #expect(parse("2026-11-29T14:05:00Z") == Self.sample)
        #expect(parse("2026-11-29T14:05:00.000Z") == Self.sample)
        #expect(parse("2026-11-29T14:05Z") == Self.sample)
        #expect(parse("2026-11-29T14:05:00z") == Self.sample)
        #expect(parse("2026-11-29T14:05:00+00:00") == Self.sample)
        #expect(parse(" 2026-11-29T14:05:00Z ") == Self.sample)
    }

    @Test func parsesAnOffset() {
        #expect(parse("2026-11-29T09:05:00-05:00", .utc) == Self.sample)
        #expect(parse("2026-11-29T09:05-05:00", .utc) == Self.sample)
        #expect(parse("2026-11-29T19:35:00+05:30", .utc) == Self.sample)
        #expect(parse("2026-11-29T19:35:00+0530", .utc) == Self.sample)
        #expect(parse("2026-11-29T16:05:00+02", .utc) == Self.sample)
        // The offset wins over the time zone given.
        #expect(parse("2026-11-29T09:05:00-05:00", .tokyo) == Self.sample)
        // Across midnight.
        #expect(parse("2026-11-30T01:05:00+11:00", .utc) == Self.sample)
    }

    @Test func parsesFractionalSeconds() {
        #expect(parse("2026-11-29T14:05:00.5Z")?.milliseconds == 1_795_961_100_500)
        #expect(parse("2026-11-29T14:05:00.05Z")?.milliseconds == 1_795_961_100_050)
        #expect(parse("2026-11-29T14:05:00.123Z")?.milliseconds == 1_795_961_100_123)
        #expect(parse("2026-11-29T14:05:00.123456Z")?.milliseconds == 1_795_961_100_123)
        #expect(parse("2026-11-29T09:05:00.250-05:00")?.milliseconds == 1_795_961_100_250)
        #expect(parse("2026-11-29T09:05:00.250")?.milliseconds == 1_795_961_100_250)  // Toronto, EST
    }

    @Test func withoutAnOffsetTheTimeIsReadInTheCoopsZone() {
        // Winter: EST, UTC-5.
        #expect(parse("2026-01-15T12:00") == Instant(milliseconds: 1_768_496_400_000))
        #expect(parse("2026-01-15T12:00:00") == Instant(milliseconds: 1_768_496_400_000))
        #expect(parse("2026-11-29T09:05:00") == Self.sample)
        // Summer: EDT, UTC-4.
        #expect(parse("2026-07-15T12:00:00") == Instant(milliseconds: 1_784_131_200_000))
        // The same text in another zone is another instant.
        #expect(parse("2026-07-15T12:00:00", .utc) == Instant(milliseconds: 1_784_131_200_000 - 4 * 3_600_000))
    }

    @Test func anAmbiguousFallBackTimeIsTheFirstOccurrence() {
        // 2026-11-01 01:30 happens twice in Toronto; the first (EDT) is 05:30Z.
        #expect(parse("2026-11-01T01:30:00")?.iso8601 == "2026-11-01T05:30:00.000Z")
        #expect(parse("2026-11-01T03:00:00")?.iso8601 == "2026-11-01T08:00:00.000Z")
    }

    @Test func aBareDateIsLocalMidnight() {
        #expect(parse("2026-11-29") == Instant(milliseconds: 1_795_928_400_000))  // 05:00Z
        #expect(parse("2026-07-01") == Instant(milliseconds: 1_782_878_400_000))  // 04:00Z
        #expect(parse("2026-11-29", .utc)?.iso8601 == "2026-11-29T00:00:00.000Z")
        // The day a clock springs forward still starts at 00:00 EST.
        #expect(parse("2026-03-08")?.iso8601 == "2026-03-08T05:00:00.000Z")
        #expect(parse("2026-03-09")?.iso8601 == "2026-03-09T04:00:00.000Z")
    }

    @Test(arguments: [
        "", " ", "garbage", "2026", "2026-11", "2026-11-29T", "2026-11-29T14", "2026-11-29 14:05:00Z",
        "2026-11-29T14:05:00ZZ", "2026-02-30T12:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T14:60:00Z",
        "2026-11-29T14:05:60Z", "2026-11-29T4:05:00Z", "2026-11-29T14:5:00Z", "2026-11-29T14:05:0Z",
        "2026-11-29T14:05:00.abcZ", "2026-11-29T14:05:00.1.2Z", "2026-11-29T14:05:00+25:00", "2026-11-29T14:05:00+05:60",
        "2026-11-29T14:05:00+5", "2026-11-29T14:05:00+123", "2026-11-29T14:05:00-05:00:00", "29/11/2026",
        "2026-11-29T14:05:00 Z", "2026-11-29Tab:cd:00Z", "T14:05:00Z",
    ])
    func rejectsGarbage(_ text: String) {
        #expect(parse(text) == nil)
    }

    /// `Int(_:)` accepts a sign: a two-character field like "-1" or "+1" must not pass as two digits.
    @Test(arguments: ["2026-11-29T-1:05Z", "2026-11-29T+1:05Z", "2026-11-29T14:-5Z", "2026-11-29T14:05:-1Z"])
    func rejectsSignedClockFields(_ text: String) {
        #expect(parse(text) == nil)
    }

    /// A dot must be followed by digits (`split` drops empty pieces unless told not to).
    @Test(arguments: ["2026-11-29T14:05:00.Z", "2026-11-29T14:05:00.", "2026-11-29T14:05:00.-05:00"])
    func rejectsAFractionDotWithoutDigits(_ text: String) {
        #expect(parse(text) == nil)
    }

    /// An offset sign with nothing after it must be refused, not trap: one malformed query parameter
    /// would otherwise crash the whole API server. Run in a child process so a trap fails only this test.
    @Test(arguments: ["2026-11-29T14:05+", "2026-11-29T14:05:00-", "2026-11-29T14:05:00+:"])
    func anEmptyOffsetIsRejectedNotACrash(_ text: String) async {
        await #expect(processExitsWith: .success) { [text] in
            precondition(Instant.parse(text, timeZone: TimeZone(identifier: "UTC")!) == nil)
        }
    }

    // MARK: Local dates

    @Test func localDateNearMidnightAcrossZones() {
        // 2026-11-30T03:30Z: evening of the 29th in Toronto, the 30th in UTC, midday the 30th in Tokyo.
        let instant = Instant(milliseconds: 1_796_009_400_000)
        #expect(instant.localDate(in: .toronto) == LocalDate(year: 2026, month: 11, day: 29))
        #expect(instant.localDate(in: .utc) == LocalDate(year: 2026, month: 11, day: 30))
        #expect(instant.localDate(in: .tokyo) == LocalDate(year: 2026, month: 11, day: 30))
        // One millisecond before midnight in Toronto, and midnight itself.
        let midnight = Instant(milliseconds: 1_795_928_400_000)  // 2026-11-29T00:00 EST
        #expect(midnight.localDate(in: .toronto) == LocalDate(year: 2026, month: 11, day: 29))
        #expect(Instant(milliseconds: midnight.milliseconds - 1).localDate(in: .toronto) == LocalDate(year: 2026, month: 11, day: 28))
        // 23:30Z on the 28th is already the 29th in Tokyo (UTC+9).
        #expect(Instant(milliseconds: 1_795_908_600_000).localDate(in: .tokyo) == LocalDate(year: 2026, month: 11, day: 29))
        // Before 1970.
        #expect(Instant(milliseconds: -1).localDate(in: .utc) == LocalDate(year: 1969, month: 12, day: 31))
    }

    @Test func startOfADayRoundTripsThroughLocalDate() throws {
        var day = try #require(LocalDate(iso8601: "2026-01-01"))
        for _ in 0..<365 {
            let start = Instant.startOf(day, in: .toronto)
            #expect(start.localDate(in: .toronto) == day)
            #expect(Instant(milliseconds: start.milliseconds - 1).localDate(in: .toronto) == day.adding(days: -1))
            day = day.adding(days: 1)
        }
    }

    /// In zones whose clocks skip midnight (America/Santiago, America/Havana) the start of that day is
    /// its first existing instant (01:00), never an instant of the previous day. `COOP_TZ` may name them.
    @Test(arguments: ["America/Santiago", "America/Havana"])
    func startOfADayIsInThatDayWhereMidnightIsSkipped(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        var day = try #require(LocalDate(iso8601: "2026-01-01"))
        var wrong: [String] = []
        for _ in 0..<365 {
            let start = Instant.startOf(day, in: zone)
            if start.localDate(in: zone) != day || Instant(milliseconds: start.milliseconds - 1).localDate(in: zone) == day {
                wrong.append("\(day) → \(start)")
            }
            day = day.adding(days: 1)
        }
        #expect(wrong.isEmpty)
    }

    /// 02:30 on 2026-03-08 does not exist in Toronto. It is read with the offset in force before the gap
    /// (02:30 EST = 03:30 EDT), as Foundation's Calendar and java.time do, so that a later wall time never
    /// gives an earlier instant than 01:59.
    @Test func aWallTimeInTheSpringForwardGapMovesForward() {
        #expect(parse("2026-03-08T01:59:00")?.iso8601 == "2026-03-08T06:59:00.000Z")
        #expect(parse("2026-03-08T02:30:00")?.iso8601 == "2026-03-08T07:30:00.000Z")
        #expect(parse("2026-03-08T03:30:00")?.iso8601 == "2026-03-08T07:30:00.000Z")
    }

    // MARK: Values

    @Test func arithmeticAndOrder() {
        #expect(Self.sample.adding(seconds: 60).iso8601 == "2026-11-29T14:06:00.000Z")
        #expect(Self.sample.adding(seconds: -86_400).iso8601 == "2026-11-28T14:05:00.000Z")
        #expect(Self.sample < Self.sample.adding(seconds: 1))
        #expect(Instant(Self.sample.date) == Self.sample)
        #expect(Instant(Date(timeIntervalSince1970: 1.2345)).milliseconds == 1234)
        #expect(Instant(Date(timeIntervalSince1970: -0.0005)).milliseconds == -1)
    }

    @Test func jsonIsTheISOText() throws {
        let json = try JSONEncoder().encode(["at": Self.sample])
        #expect(String(decoding: json, as: UTF8.self) == #"{"at":"2026-11-29T14:05:00.000Z"}"#)
        let decoded = try JSONDecoder().decode([String: Instant].self, from: Data(#"{"at":"2026-11-29T09:05:00-05:00"}"#.utf8))
        #expect(decoded["at"] == Self.sample)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Instant].self, from: Data(#"{"at":"soon"}"#.utf8)) }
    }

    @Test func storedAsUTCText() {
        #expect(Self.sample.databaseValue == .text("2026-11-29T14:05:00.000Z"))
        #expect(Instant.fromDatabaseValue(.text("2026-11-29T14:05:00.000Z")) == Self.sample)
        #expect(Instant.fromDatabaseValue(.text("nope")) == nil)
        #expect(Instant.fromDatabaseValue(.integer(1_795_961_100_000)) == nil)
    }
}
