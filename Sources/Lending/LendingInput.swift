import CoopCore
import Foundation

/// Reads what a person typed (CLI arguments, API query parameters) into Lending's values, with the same
/// localized refusals for both faces.
public enum LendingInput {
    /// `YYYY-MM-DD`, refused with `common.invalid_value` naming `field`.
    public static func date(_ text: String, field: String) throws -> LocalDate {
        guard let date = LocalDate(iso8601: text.trimmingCharacters(in: .whitespaces)) else {
            throw CoopError.invalidValue(field, text, expected: LocalizedText(fr: "AAAA-MM-JJ", en: "YYYY-MM-DD"))
        }
        return date
    }

    /// An ISO-8601 instant (`2026-03-14T16:30`, `…Z`, `…-04:00`); without an offset the time is read in
    /// the co-op's zone, and a bare date is the start of that local day.
    public static func instant(_ text: String, field: String, timeZone: TimeZone) throws -> Instant {
        guard let instant = Instant.parse(text, timeZone: timeZone) else {
            throw CoopError.invalidValue(field, text, expected: LocalizedText(fr: "ISO 8601, ex. 2026-03-14T16:30",
                                                                              en: "ISO 8601, e.g. 2026-03-14T16:30"))
        }
        return instant
    }

    /// A whole number of units, 1 to 1000.
    public static func units(_ text: String) throws -> Int {
        guard let units = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw CoopError.invalidValue("units", text, expected: LocalizedText(fr: "un entier de 1 à 1000", en: "a whole number from 1 to 1000"))
        }
        return try LendingValidation.units(units)
    }

    /// A loan, reservation, hold or fee id: a positive whole number.
    public static func id(_ text: String, field: String) throws -> Int64 {
        guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw CoopError.invalidValue(field, text, expected: LocalizedText(fr: "un identifiant numérique", en: "a numeric id"))
        }
        return id
    }

    /// A weekday: `1`…`7` (Monday is 1), or its English or French name or first three letters
    /// (`mon`, `lundi`, `lun`), without regard to case or accents.
    public static func weekday(_ text: String) throws -> Int {
        let key = text.folded
        if let n = Int(key), (1...7).contains(n) { return n }
        let names = [["monday", "lundi"], ["tuesday", "mardi"], ["wednesday", "mercredi"], ["thursday", "jeudi"],
                     ["friday", "vendredi"], ["saturday", "samedi"], ["sunday", "dimanche"]]
        for (i, pair) in names.enumerated() where pair.contains(where: { $0 == key || (key.count >= 3 && $0.hasPrefix(key)) }) {
            return i + 1
        }
        throw CoopError.invalidWeekday(text)
    }
}

/// The shape rules of Lending's inputs, shared by every verb.
enum LendingValidation {
    static let maxUnits = 1_000

    static func units(_ units: Int) throws -> Int {
        guard (1...maxUnits).contains(units) else { throw CoopError.invalidUnits(units) }
        return units
    }

    /// Free text (a condition note, a reason): trimmed, nil when empty, at most `max` characters.
    static func note(_ text: String?, field: String, max: Int = 1_000) throws -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= max else { throw CoopError.tooLong(field, max: max) }
        return trimmed
    }

    /// A reason that must be given.
    static func reason(_ text: String, field: String = "reason") throws -> String {
        guard let reason = try note(text, field: field, max: 500) else { throw CoopError.required(field) }
        return reason
    }

    /// A recorded desk instant: never in the future (nil means now).
    static func at(_ at: Instant?, now: Instant, timeZone: TimeZone) throws -> Instant {
        guard let at else { return now }
        guard at <= now else { throw CoopError.atInFuture(at, timeZone: timeZone) }
        return at
    }
}
