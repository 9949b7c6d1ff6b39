import Foundation

/// A value placed into a message, formatted for the reader's language.
///
/// Give a message the value itself rather than text made from it (`.money(fee)`, not
/// `.text(fee.decimalString)`), so that each language writes it its own way: `1 234,50 $` and
/// `$1,234.50`, `2,5` and `2.5`, « prénom » and "first name", `14 h 26` and `2:26 PM`.
public enum MessageArgument: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// Shown as it is: a name, a code, what a person typed.
    case text(String)
    /// A whole number, without grouping (ids and counts).
    case integer(Int64)
    /// An amount of money in the reader's form.
    case money(Money)
    /// A decimal number: `2,5` in French, `2.5` in English.
    case decimal(Decimal)
    /// A number with the words it counts, agreed with it: `1 unité`, `2 unités`, `2,5 disponibles`.
    /// Programs see the number alone.
    case count(MessageNumber, Plural)
    /// An input field named by its machine key (`firstName`, `lines.[0].price`), shown by its label in
    /// the reader's language (see `FieldLabel`).
    case field(String, FieldLabel.Form = .quoted)
    /// A word or phrase in both languages standing for a code (an item status's label and the status):
    /// people read the words, programs the code.
    case localized(LocalizedText, code: String)
    /// An instant in the co-op's time zone with its date: `2 décembre 2026 à 14 h 26`,
    /// `December 2, 2026 at 2:26 PM`.
    case instant(Instant, TimeZone)
    /// An instant as the complement of a verb, without the date when it is on the day of `now`:
    /// `à 14 h 26` or `le 2 décembre 2026 à 14 h 26`; `at 2:26 PM` or `on December 2, 2026 at 2:26 PM`.
    case instantAt(Instant, TimeZone, now: Instant)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// The value as the reader of `language` writes it.
    public func formatted(_ language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .integer(let n): return String(n)
        case .money(let money): return money.formatted(language)
        case .decimal(let value): return Self.decimal(value, language)
        case .count(let number, let words): return "\(number.formatted(language)) \(words.words(for: number.value, language))"
        case .field(let key, let form): return FieldLabel.render(key, form, language)
        case .localized(let text, _): return text.render(language)
        case .instant(let instant, let zone): return instant.words(in: zone, language)
        case .instantAt(let instant, let zone, let now): return instant.wordsAt(in: zone, now: now, language)
        }
    }

    /// The number an argument holds (`.integer`, `.decimal`, or what a `.count` counts), for programs
    /// that act on it.
    public var number: Decimal? {
        switch self {
        case .integer(let n): Decimal(n)
        case .decimal(let value): value
        case .count(let number, _): number.value
        default: nil
        }
    }

    /// `2,5` in French, `2.5` in English: plain digits, no grouping, no trailing zeros.
    static func decimal(_ value: Decimal, _ language: Language) -> String {
        let digits = NSDecimalNumber(decimal: value).stringValue
        return language == .fr ? digits.replacingOccurrences(of: ".", with: ",") : digits
    }
}

/// A number a message counts: whole, or decimal (a quantity of 2,5 kg).
public enum MessageNumber: Sendable, Equatable, ExpressibleByIntegerLiteral {
    case integer(Int64)
    case decimal(Decimal)

    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// The value, which decides the plural of the words that follow it.
    public var value: Decimal {
        switch self {
        case .integer(let n): Decimal(n)
        case .decimal(let value): value
        }
    }

    /// `2,5` in French, `2.5` in English; whole numbers without grouping.
    public func formatted(_ language: Language) -> String {
        switch self {
        case .integer(let n): String(n)
        case .decimal(let value): MessageArgument.decimal(value, language)
        }
    }
}

/// A message in both languages, side by side, so that neither can be forgotten.
/// Placeholders are `{name}`, filled from the arguments.
public struct LocalizedText: Sendable, Equatable {
    public let fr: String
    public let en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    /// Fills the placeholders in one pass over the template, so a value that itself contains
    /// `{name}` is never substituted again.
    public func render(_ language: Language, _ arguments: [String: MessageArgument] = [:]) -> String {
        let template = language == .fr ? fr : en
        guard !arguments.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = arguments[String(rest[afterOpen..<close])] {
                result += value.formatted(language)
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}
