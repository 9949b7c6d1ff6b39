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
        let (year, month, day) = LocalDate(daysSinceEpoch: days).components
        guard (0...9999).contains(year) else {
            // Outside four-digit years (never stored by Coop): the general form, whatever its width.
            let date = LocalDate(daysSinceEpoch: days)
            return "\(date.iso8601)T\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1000 % 60, 2)).\(pad(msOfDay % 1000, 3))Z"
        }
        // Written byte by byte: two instants per item of every search page (interpolation and `pad`
        // made a dozen small strings each).
        return String(unsafeUninitializedCapacity: 24) { out in
            func put(_ value: Int, _ width: Int, at start: Int) {
                var v = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    out[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, 4, at: 0); out[4] = 45; put(month, 2, at: 5); out[7] = 45; put(day, 2, at: 8); out[10] = 84
            put(msOfDay / 3_600_000, 2, at: 11); out[13] = 58; put(msOfDay / 60_000 % 60, 2, at: 14); out[16] = 58
            put(msOfDay / 1000 % 60, 2, at: 17); out[19] = 46; put(msOfDay % 1000, 3, at: 20); out[23] = 90
            return 24
        }
    }

    public var description: String { iso8601 }

    /// `2026-11-29 09:34` in the co-op's time zone: how people read an instant in a table.
    public func localText(in timeZone: TimeZone) -> String {
        let offset = Int64(timeZone.secondsFromGMT(for: date)) * 1000
        let local = milliseconds + offset
        let days = local.floorDiv(86_400_000)
        let msOfDay = Int(local - days * 86_400_000)
        return "\(LocalDate(daysSinceEpoch: Int(days)).iso8601) \(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2))"
    }

    /// The co-op's local calendar date at this instant.
    public func localDate(in timeZone: TimeZone) -> LocalDate {
        let offset = Int64(timeZone.secondsFromGMT(for: date)) * 1000
        return LocalDate(daysSinceEpoch: Int((milliseconds + offset).floorDiv(86_400_000)))
    }

    /// The instant at which a local date starts in the co-op's time zone.
    public static func startOf(_ day: LocalDate, in timeZone: TimeZone) -> Instant {
        localInstant(day, secondsOfDay: 0, in: timeZone)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM` (or `±HHMM`, `±HH`); without an
    /// offset the time is read in `timeZone` (the co-op's). A bare date means the start of that local day.
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
            guard let offset = parseOffset(rest[rest.index(after: signIndex)...]) else { return nil }
            offsetSeconds = offset * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        guard let (secondsOfDay, millis) = parseClock(rest) else { return nil }
        if let offsetSeconds {
            let ms = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(secondsOfDay - offsetSeconds) * 1000 + Int64(millis)
            return Instant(milliseconds: ms)
        }
        let local = localInstant(day, secondsOfDay: secondsOfDay, in: timeZone)
        return Instant(milliseconds: local.milliseconds + Int64(millis))
    }

    /// Exactly two ASCII digits, as a number.
    private static func twoDigits(_ text: Substring) -> Int? {
        guard text.count == 2, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// `HH:MM`, `HHMM` or `HH` → seconds.
    private static func parseOffset(_ text: Substring) -> Int? {
        let hours: Int?, minutes: Int?
        if text.count == 5, text[text.index(text.startIndex, offsetBy: 2)] == ":" {
            hours = twoDigits(text.prefix(2)); minutes = twoDigits(text.suffix(2))
        } else if text.count == 4 {
            hours = twoDigits(text.prefix(2)); minutes = twoDigits(text.suffix(2))
        } else {
            hours = twoDigits(text); minutes = 0
        }
        guard let hours, let minutes, hours <= 23, minutes < 60 else { return nil }
        return hours * 3600 + minutes * 60
    }

    /// `HH:MM[:SS[.fff]]` → (seconds of day, milliseconds).
    private static func parseClock(_ text: Substring) -> (Int, Int)? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3,
              let h = twoDigits(fields[0]), let m = twoDigits(fields[1]), h < 24, m < 60 else { return nil }
        var seconds = 0, millis = 0
        if fields.count == 3 {
            let sf = fields[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let s = twoDigits(sf[0]), s < 60 else { return nil }
            seconds = s
            if sf.count == 2 {
                let digits = sf[1]
                guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigit) else { return nil }
                millis = Int((digits + "00").prefix(3))!
            }
        }
        return (h * 3600 + m * 60 + seconds, millis)
    }

    /// The instant a wall-clock time names in `timeZone`. In the autumn overlap the earlier instant
    /// wins; in the spring gap the time moves forward (02:30 becomes 03:30), as a person means it.
    private static func localInstant(_ day: LocalDate, secondsOfDay: Int, in timeZone: TimeZone) -> Instant {
        let naive = Int64(day.daysSinceEpoch) * 86_400 + Int64(secondsOfDay)
        func offset(_ t: Int64) -> Int64 { Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))) }
        // Transitions are at least days apart, so the offsets a day before and a day after are the
        // only two candidates.
        let before = offset(naive - 86_400), after = offset(naive + 86_400)
        let candidates = [naive - before, naive - after].filter { $0 + offset($0) == naive }
        return Instant(milliseconds: (candidates.min() ?? naive - before) * 1000)
    }

    /// JSON instants must say their offset (`Z` or `±HH:MM`): a bare wall time would be read in a zone
    /// the sender cannot see, so it is refused rather than guessed.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Instant.hasOffset(text), let instant = Instant.parse(text, timeZone: TimeZone(identifier: "UTC")!) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 instant with an offset"))
        }
        self = instant
    }

    /// True when the time part ends in `Z` or carries a `+`/`-` offset.
    static func hasOffset(_ text: String) -> Bool {
        guard let t = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
        let time = text[text.index(after: t)...]
        return time.hasSuffix("Z") || time.hasSuffix("z") || time.contains("+") || time.contains("-")
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
        return Instant(stored: text) ?? Instant.parse(text, timeZone: utc)
    }

    private static let utc = TimeZone(identifier: "UTC")!

    /// Exactly the form `iso8601` writes (`2026-11-29T14:05:00.000Z`), read byte by byte; nil for any
    /// other text, which `parse` then reads. Every item of a search page has two stored instants: the
    /// general parser (trimming, splitting, substrings) was 5–6 % of an uncached search.
    init?(stored text: String) {
        var text = text
        guard let ms = text.withUTF8({ b -> Int64? in
            guard b.count == 24, b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 46, b[23] == 90 else { return nil }
            var bad = false
            func number(_ range: Range<Int>) -> Int {
                var n = 0
                for i in range {
                    let d = b[i] &- 48
                    if d > 9 { bad = true }
                    n = n * 10 + Int(d)
                }
                return n
            }
            let year = number(0..<4), month = number(5..<7), day = number(8..<10)
            let h = number(11..<13), m = number(14..<16), sec = number(17..<19), f = number(20..<23)
            guard !bad, h < 24, m < 60, sec < 60, let date = LocalDate(year: year, month: month, day: day) else { return nil }
            return Int64(date.daysSinceEpoch) * 86_400_000 + Int64(h * 3_600_000 + m * 60_000 + sec * 1000 + f)
        }) else { return nil }
        self.init(milliseconds: ms)
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
