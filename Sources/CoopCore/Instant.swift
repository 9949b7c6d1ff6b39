import Foundation

/// A moment in time, stored as UTC ISO-8601 text with milliseconds (`2026-11-29T14:05:00.000Z`).
///
/// The fixed width makes the text sort like the instant, so SQL can compare stored instants as strings.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public init(_ date: Date) { milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public static func now() -> Instant { Instant(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (a: Instant, b: Instant) -> Bool { a.milliseconds < b.milliseconds }

    public func adding(seconds: Int64) -> Instant { Instant(milliseconds: milliseconds + seconds * 1000) }

    /// The UTC text form stored in the database and sent in JSON.
    public var iso8601: String {
        let ms = milliseconds
        let days = Int(ms.floorDiv(86_400_000))
        let msOfDay = Int(ms - Int64(days) * 86_400_000)
        let date = LocalDate(daysSinceEpoch: days)
        let h = msOfDay / 3_600_000, m = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, f = msOfDay % 1000
        return "\(date.iso8601)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
    }

    public var description: String { iso8601 }

    /// The co-op's local calendar date at this instant.
    public func localDate(in timeZone: TimeZone) -> LocalDate {
        let offset = Int64(timeZone.secondsFromGMT(for: date)) * 1000
        return LocalDate(daysSinceEpoch: Int((milliseconds + offset).floorDiv(86_400_000)))
    }

    /// The instant at which a local date starts in the co-op's time zone.
    public static func startOf(_ day: LocalDate, in timeZone: TimeZone) -> Instant {
        localInstant(day, secondsOfDay: 0, in: timeZone)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`; without an offset the time is
    /// read in `timeZone` (the co-op's). A bare date means the start of that local day.
    public static func parse(_ text: String, timeZone: TimeZone) -> Instant? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let day = LocalDate(iso8601: String(parts[0])) else { return nil }
        if parts.count == 1 { return startOf(day, in: timeZone) }
        var rest = Substring(parts[1])
        var offsetSeconds: Int?
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            offsetSeconds = 0
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offsetText = rest[rest.index(after: signIndex)...]
            let hm = offsetText.split(separator: ":")
            guard hm.count <= 2, let oh = Int(hm[0].prefix(2)), oh <= 23 else { return nil }
            var om = 0
            if hm.count == 2 { guard let m = Int(hm[1]), m < 60 else { return nil }; om = m }
            else if hm[0].count == 4 { guard let m = Int(hm[0].suffix(2)), m < 60 else { return nil }; om = m }
            else if hm[0].count != 2 { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3,
              clock[0].count == 2, clock[1].count == 2,
              let h = Int(clock[0]), let m = Int(clock[1]), h < 24, m < 60 else { return nil }
        var seconds = 0, millis = 0
        if clock.count == 3 {
            let sf = clock[2].split(separator: ".", maxSplits: 1)
            guard let sText = sf.first, sText.count == 2, let s = Int(sText), s < 60 else { return nil }
            seconds = s
            if sf.count == 2 {
                let digits = sf[1]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
                millis = Int((digits + "00").prefix(3))!
            }
        }
        let secondsOfDay = h * 3600 + m * 60 + seconds
        if let offsetSeconds {
            let ms = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(secondsOfDay - offsetSeconds) * 1000 + Int64(millis)
            return Instant(milliseconds: ms)
        }
        let local = localInstant(day, secondsOfDay: secondsOfDay, in: timeZone)
        return Instant(milliseconds: local.milliseconds + Int64(millis))
    }

    private static func localInstant(_ day: LocalDate, secondsOfDay: Int, in timeZone: TimeZone) -> Instant {
        // Read the wall time as UTC, then correct by the zone's offset at that instant (twice, for DST edges).
        let naive = Int64(day.daysSinceEpoch) * 86_400 + Int64(secondsOfDay)
        var guess = naive - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(naive))))
        guess = naive - Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess))))
        return Instant(milliseconds: guess * 1000)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let instant = Instant.parse(text, timeZone: TimeZone(identifier: "UTC")!) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 instant"))
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

extension Instant: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(iso8601) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Instant? {
        guard case .text(let text) = value else { return nil }
        return Instant.parse(text, timeZone: TimeZone(identifier: "UTC")!)
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
