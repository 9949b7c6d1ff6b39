import CoopCore
import Foundation

/// A quantity of a product in its sale unit, held exactly as an integer number of thousandths:
/// 3 units = 3000, 1.5 kg = 1500, 0.25 kg = 250. Never a floating point, so that amounts computed from
/// it are exact and a quantity read back is the one stored.
///
/// A thousandth of a kilogram is a gram, the finest a shop scale weighs; other units only take whole
/// numbers (see `SaleUnit.allows(_:)`). In JSON a quantity is a plain number (`3`, `1.5`), written
/// and read through `Decimal`, which is base ten and so exact for three decimals.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Thousandths of the sale unit.
    public let thousandths: Int64

    /// Thousandths per unit.
    public static let scale: Int64 = 1000

    /// Nothing: as an order line's quantity, it removes the line.
    public static let zero = Quantity(thousandths: 0)

    /// A quantity from its thousandths (1.5 kg is 1500).
    public init(thousandths: Int64) { self.thousandths = thousandths }

    /// A whole number of units.
    public init(units: Int64) { thousandths = units * Quantity.scale }

    /// Parses what a person types: `3`, `1.5`, `1,5` (French), `0.250`, `-2` (parsed, so that it can be
    /// refused as not positive). At most three decimals and nine digits before them.
    public init?(parsing text: String) {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = t.hasPrefix("-")
        if negative || t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: t.contains(",") ? "," : ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...9).contains(parts[0].count),
              parts[0].allSatisfy(Self.isDigit), let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...3).contains(digits.count), digits.allSatisfy(Self.isDigit),
                  let value = Int64(digits + String(repeating: "0", count: 3 - digits.count)) else { return nil }
            fraction = value
        }
        let total = whole * Quantity.scale + fraction
        thousandths = negative ? -total : total
    }

    /// Parses what a person typed for `field`, refusing it with `orders.invalid_quantity`.
    public init(parsing text: String, field: String) throws {
        guard let quantity = Quantity(parsing: text) else { throw CoopError.invalidQuantity(text, field: field) }
        self = quantity
    }

    /// True when the quantity is a whole number of units.
    public var isWhole: Bool { thousandths % Quantity.scale == 0 }

    public var isPositive: Bool { thousandths > 0 }

    /// The plain decimal form, without trailing zeros: `3`, `1.5`, `0.25`, `-2`.
    public var decimalString: String {
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        let whole = magnitude / UInt64(Quantity.scale), fraction = magnitude % UInt64(Quantity.scale)
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// `1,5` in French, `1.5` in English.
    public func formatted(_ language: Language) -> String {
        language == .fr ? decimalString.replacingOccurrences(of: ".", with: ",") : decimalString
    }

    public var description: String { decimalString }

    /// The exact value, for messages (`MessageArgument.quantity(_:)`).
    public var decimal: Decimal { Decimal(thousandths) / Decimal(Quantity.scale) }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.thousandths < b.thousandths }
    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(thousandths: a.thousandths + b.thousandths) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(thousandths: a.thousandths - b.thousandths) }

    /// Reads a JSON number (`3`, `1.5`) or a string (`"1,5"`); more than three decimals is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            // Decimal keeps the digits as written (0.1 stays 0.1); its description is plain digits.
            text = try container.decode(Decimal.self).description
        }
        guard let quantity = Quantity(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "a quantity with at most three decimals"))
        }
        self = quantity
    }

    /// Writes a JSON number: an integer when whole, else the exact decimal.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if isWhole {
            try container.encode(thousandths / Quantity.scale)
        } else if let decimal = Decimal(string: decimalString, locale: Locale(identifier: "en_US_POSIX")) {
            try container.encode(decimal)
        } else {
            try container.encode(decimalString)
        }
    }

    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
}

extension Quantity: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(thousandths) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Quantity? {
        guard case .integer(let thousandths) = value else { return nil }
        return Quantity(thousandths: thousandths)
    }
}

/// How a product is sold. The raw values are the French words the co-op uses (and the CLI takes).
public enum SaleUnit: String, Sendable, Codable, CaseIterable {
    case unit = "unité"
    case kilogram = "kg"
    case dozen = "douzaine"
    case basket = "panier"

    /// Reads `unité` (or `unite`, `unit`), `kg`, `douzaine` (`dozen`), `panier` (`basket`), in any case;
    /// anything else is refused with `orders.invalid_unit`.
    public init(parsing text: String) throws {
        let key = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping.lowercased()
        switch key {
        case "unité", "unite", "unit", "u": self = .unit
        case "kg", "kilo", "kilogramme", "kilogram": self = .kilogram
        case "douzaine", "dozen", "dz": self = .dozen
        case "panier", "basket": self = .basket
        default: throw CoopError.invalidUnit(text)
        }
    }

    /// How a sentence says the product is sold: « à l’unité », « au kg », « à la douzaine », « au panier ».
    public var soldBy: LocalizedText {
        switch self {
        case .unit: LocalizedText(fr: "à l’unité", en: "by the unit")
        case .kilogram: LocalizedText(fr: "au kg", en: "by the kg")
        case .dozen: LocalizedText(fr: "à la douzaine", en: "by the dozen")
        case .basket: LocalizedText(fr: "au panier", en: "by the basket")
        }
    }

    /// Only weighed products are sold by fractions (to the gram); a half dozen is sold as `unité`.
    public func allows(_ quantity: Quantity) -> Bool {
        self == .kilogram || quantity.isWhole
    }

    /// Inventory counts stock in whole units of its own: a gram for products sold by the kilogram
    /// (so 12.5 kg of stock is an item quantity of 12,500), one piece (a dozen, a basket) otherwise.
    var stockUnitsPerSaleUnit: Int64 { self == .kilogram ? 1000 : 1 }

    /// The Inventory units that hold `quantity`; exact for any quantity the unit allows.
    func stockUnits(_ quantity: Quantity) -> Int {
        Int(quantity.thousandths * stockUnitsPerSaleUnit / Quantity.scale)
    }

    /// The quantity that `units` Inventory units hold.
    func quantity(stockUnits units: Int) -> Quantity {
        Quantity(thousandths: Int64(units) * Quantity.scale / stockUnitsPerSaleUnit)
    }
}

extension MessageArgument {
    /// A quantity in a message: `2,5` in French, `2.5` in English.
    public static func quantity(_ quantity: Quantity) -> MessageArgument { .decimal(quantity.decimal) }
}

extension MessageNumber {
    /// A quantity counted in a message (`2,5 disponibles`).
    public static func quantity(_ quantity: Quantity) -> MessageNumber { .decimal(quantity.decimal) }
}
