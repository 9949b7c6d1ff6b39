/// An amount in integer cents of the co-op's one currency (CAD by default). Never a floating point.
///
/// In JSON an amount is its integer number of cents.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    /// Parses what a person types: `40`, `40.5`, `40.00`, `40,00` (French), `-3.25`. At most two decimals.
    public init?(parsing text: String) {
        // Foundation's trimming bridges through NSString on Linux (microseconds a call, a 100,000-row
        // import calls it per row): skipped when the ends are plain ASCII other than space and tab.
        let plain: (Unicode.Scalar) -> Bool = { $0.isASCII && $0 != " " && $0 != "\t" }
        let ends = text.unicodeScalars
        let trimmed = ends.first.map(plain) == true && ends.last.map(plain) == true ? text : text.trimmingCharacters(in: .whitespaces)
        var t = Substring(trimmed)
        let negative = t.hasPrefix("-")
        if negative || t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: t.contains(",") ? "," : ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15,
              parts[0].allSatisfy(\.isASCIIDigit), let units = Int64(parts[0]) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            cents = Int64(fraction.count == 1 ? fraction + "0" : fraction)!
        }
        let total = units * 100 + cents
        self.cents = negative ? -total : total
    }

    /// Parses what a person typed for `field`, refusing it with a localized error.
    public init(parsing text: String, field: String) throws {
        guard let money = Money(parsing: text) else { throw CoopError.invalidAmount(field, text) }
        self = money
    }

    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static prefix func - (a: Money) -> Money { Money(cents: -a.cents) }
    public static func * (a: Money, n: Int64) -> Money { Money(cents: a.cents * n) }
    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// `12,50 $` in French, `$12.50` in English; thousands grouped (`1 234,56 $`, `$1,234.56`).
    public func formatted(_ language: Language) -> String {
        let magnitude = cents.magnitude
        let units = String(magnitude / 100)
        let fraction = pad(Int(magnitude % 100), 2)
        let separator = language == .fr ? " " : ","
        var grouped = ""
        for (i, ch) in units.enumerated() {
            if i > 0 && (units.count - i) % 3 == 0 { grouped += separator }
            grouped.append(ch)
        }
        let sign = cents < 0 ? "-" : ""
        switch language {
        case .fr: return "\(sign)\(grouped),\(fraction) $"
        case .en: return "\(sign)$\(grouped).\(fraction)"
        }
    }

    /// The plain decimal form used in CSV files (`12.50`).
    public var decimalString: String {
        let sign = cents < 0 ? "-" : ""
        return "\(sign)\(cents.magnitude / 100).\(pad(Int(cents.magnitude % 100), 2))"
    }

    public var description: String { decimalString }

    /// Reads integer cents. When the decoder carries the text's `JSONDecimalLiterals` (the API's bodies),
    /// a number written with a decimal point or an exponent (`5.00`, `5.5`, `5e2`) is refused rather
    /// than read as 5 cents or 500: the unit is cents, whole numbers only.
    public init(from decoder: any Decoder) throws {
        if let decimals = decoder.userInfo[JSONDecimalLiterals.userInfoKey] as? JSONDecimalLiterals,
           let literal = decimals.literal(at: decoder.codingPath) {
            throw CoopError.moneyNotCents(CoopError.fieldName(of: decoder.codingPath), literal)
        }
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(cents) }
    public static func fromDatabaseValue(_ value: DatabaseValue) -> Money? {
        guard case .integer(let cents) = value else { return nil }
        return Money(cents: cents)
    }
}
