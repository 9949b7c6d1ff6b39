import Foundation

/// The words that follow a number, in the singular and the plural of each language, so that a message
/// says `1 unité` and `2 unités` rather than `unité(s)`.
///
/// The languages count differently: French takes the singular below 2 (`0 unité`, `1,5 kilo`),
/// English only for exactly 1 (`0 units`, `1.5 units`).
public struct Plural: Sendable, Equatable {
    public let frOne: String
    public let frOther: String
    public let enOne: String
    public let enOther: String

    /// `Plural(fr: "unité demandée", "unités demandées", en: "unit requested", "units requested")`.
    public init(fr one: String, _ other: String, en enOne: String, _ enOther: String) {
        self.frOne = one
        self.frOther = other
        self.enOne = enOne
        self.enOther = enOther
    }

    /// The words agreed with `value`.
    public func words(for value: Decimal, _ language: Language) -> String {
        switch language {
        case .fr: Plural.isSingular(value, .fr) ? frOne : frOther
        case .en: Plural.isSingular(value, .en) ? enOne : enOther
        }
    }

    /// The rule of each language: French singular when the whole part is 0 or 1 (CLDR `i = 0,1`),
    /// English singular for exactly 1.
    public static func isSingular(_ value: Decimal, _ language: Language) -> Bool {
        let magnitude = value < 0 ? -value : value
        switch language {
        case .fr: return magnitude < 2
        case .en: return magnitude == 1
        }
    }

    /// Units of an item or a product: `1 unité`, `3 unités`.
    public static let units = Plural(fr: "unité", "unités", en: "unit", "units")
    /// Days: `1 jour`, `14 jours`.
    public static let days = Plural(fr: "jour", "jours", en: "day", "days")
}
