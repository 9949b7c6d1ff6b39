import Foundation

/// Dates and times as a sentence says them, in the co-op's time zone: `le 2 décembre 2026 à 14 h 26`,
/// `on December 2, 2026 at 2:26 PM`. Tables and files keep the compact `2026-12-02 14:26`
/// (`Instant.localText(in:)`) and JSON the UTC ISO form.
extension LocalDate {
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                               "octobre", "novembre", "décembre"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]

    /// `2 décembre 2026` (`1er` for the first of the month) or `December 2, 2026`.
    public func words(_ language: Language) -> String {
        let c = components
        switch language {
        case .fr: return "\(c.day == 1 ? "1er" : String(c.day)) \(Self.frenchMonths[c.month - 1]) \(c.year)"
        case .en: return "\(Self.englishMonths[c.month - 1]) \(c.day), \(c.year)"
        }
    }

    /// The date's month and year: `décembre 2026`, `December 2026` (a statement's period).
    public func monthWords(_ language: Language) -> String {
        let c = components
        switch language {
        case .fr: return "\(Self.frenchMonths[c.month - 1]) \(c.year)"
        case .en: return "\(Self.englishMonths[c.month - 1]) \(c.year)"
        }
    }
}

extension Instant {
    /// The local date, hour and minute in `timeZone`.
    func localClock(in timeZone: TimeZone) -> (date: LocalDate, hour: Int, minute: Int) {
        let local = milliseconds + Int64(timeZone.secondsFromGMT(for: date)) * 1000
        let days = local.floorDiv(86_400_000)
        let minuteOfDay = Int((local - days * 86_400_000) / 60_000)
        return (LocalDate(daysSinceEpoch: Int(days)), minuteOfDay / 60, minuteOfDay % 60)
    }

    /// The time of day: `14 h 26`, `9 h` on the hour (as the OQLF writes it); `2:26 PM`, `9:00 AM`.
    /// In UTC (a verifier with no co-op at hand) the zone is said: `19 h 26 UTC`.
    public func clockWords(in timeZone: TimeZone, _ language: Language) -> String {
        let (_, hour, minute) = localClock(in: timeZone)
        let zone = ["UTC", "GMT"].contains(timeZone.identifier) ? " UTC" : ""
        switch language {
        case .fr: return (minute == 0 ? "\(hour) h" : "\(hour) h \(pad(minute, 2))") + zone
        case .en: return "\(hour % 12 == 0 ? 12 : hour % 12):\(pad(minute, 2)) \(hour < 12 ? "AM" : "PM")" + zone
        }
    }

    /// Date and time: `2 décembre 2026 à 14 h 26`, `December 2, 2026 at 2:26 PM`.
    public func words(in timeZone: TimeZone, _ language: Language) -> String {
        let day = localClock(in: timeZone).date.words(language)
        switch language {
        case .fr: return "\(day) à \(clockWords(in: timeZone, language))"
        case .en: return "\(day) at \(clockWords(in: timeZone, language))"
        }
    }

    /// As the complement of a verb (`ferme …`, `closes …`), the date left out when it is the same local
    /// day as `now`: `à 14 h 26` or `le 2 décembre 2026 à 14 h 26`; `at 2:26 PM` or
    /// `on December 2, 2026 at 2:26 PM`.
    public func wordsAt(in timeZone: TimeZone, now: Instant, _ language: Language) -> String {
        let sameDay = localClock(in: timeZone).date == now.localClock(in: timeZone).date
        switch (language, sameDay) {
        case (.fr, true): return "à \(clockWords(in: timeZone, language))"
        case (.en, true): return "at \(clockWords(in: timeZone, language))"
        case (.fr, false): return "le \(words(in: timeZone, language))"
        case (.en, false): return "on \(words(in: timeZone, language))"
        }
    }
}
