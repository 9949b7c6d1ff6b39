import CoopCore
import Foundation

/// Whether sales taxes apply to a product: `zero` for basic groceries (zero-rated), `taxable` for
/// everything that bears GST and QST.
public enum TaxClass: String, Sendable, Codable, CaseIterable, Worded {
    case zero
    case taxable

    /// The class as people read it on a product or an invoice line.
    public var label: LocalizedText {
        switch self {
        case .zero: LocalizedText(fr: "détaxé", en: "zero-rated")
        case .taxable: LocalizedText(fr: "taxable", en: "taxable")
        }
    }

    public static let synonyms: [String: TaxClass] = ["détaxée": .zero, "zero rated": .zero, "taxe": .taxable, "taxée": .taxable]

    /// Reads `zero`, `détaxé`, `taxable`… (case and accents ignored); anything else is refused with
    /// `orders.invalid_tax`.
    public init(parsing text: String) throws {
        guard let tax = TaxClass(words: text) else {
            throw CoopError.invalidTaxClass(text)
        }
        self = tax
    }
}

/// A sales tax, each its own line on an invoice.
public enum TaxKind: String, Sendable, Codable, CaseIterable, Worded {
    /// The federal Goods and Services Tax.
    case gst
    /// The Québec Sales Tax, on the price before GST (no tax on tax since 2013).
    case qst

    /// The tax's abbreviation in each language (TPS and TVQ in French).
    public var label: LocalizedText {
        switch self {
        case .gst: LocalizedText(fr: "TPS", en: "GST")
        case .qst: LocalizedText(fr: "TVQ", en: "QST")
        }
    }
}

/// Tax rates in parts per 100,000, so that 9.975 % is the exact integer 9,975.
public struct TaxRates: Sendable, Equatable, Codable {
    public var gst: Int64
    public var qst: Int64

    /// Rates in parts per 100,000.
    public init(gst: Int64, qst: Int64) {
        self.gst = gst
        self.qst = qst
    }

    /// GST 5 % and QST 9.975 %.
    public static let quebec = TaxRates(gst: 5_000, qst: 9_975)

    /// The denominator of every rate.
    public static let partsPer: Int64 = 100_000

    /// The rate of one tax.
    public func rate(_ kind: TaxKind) -> Int64 { kind == .gst ? gst : qst }
}

/// The money arithmetic of orders, invoices and credit notes: integer cents, rounded half-up.
enum Pricing {
    /// `n / d` rounded to the nearest integer, halves away from zero (half-up for the non-negative
    /// amounts we store; symmetric so a negative difference mirrors a positive one).
    static func divideRoundingHalfUp(_ n: Int64, by d: Int64) -> Int64 {
        n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d)
    }

    /// A line's amount: unit price × quantity, rounded half-up to the cent.
    static func lineAmount(unitPrice: Money, quantity: Quantity) -> Money {
        Money(cents: divideRoundingHalfUp(unitPrice.cents * quantity.thousandths, by: Quantity.scale))
    }

    /// One tax on a taxable base, computed once on the whole base and rounded half-up to the cent.
    static func tax(on base: Money, rate: Int64) -> Money {
        Money(cents: divideRoundingHalfUp(base.cents * rate, by: TaxRates.partsPer))
    }
}

/// The sums of a set of lines: what an order shows and what an invoice records.
///
/// Each tax is computed once on the sum of the taxable lines (never line by line, which would
/// accumulate rounding), and the total is always exactly `subtotal + gst + qst`.
public struct Totals: Sendable, Equatable {
    /// The sum of every line's amount.
    public let subtotal: Money
    /// The sum of the taxable lines' amounts: the base of both taxes.
    public let taxable: Money
    public let gst: Money
    public let qst: Money
    public let total: Money

    init(subtotal: Money, taxable: Money, gst: Money, qst: Money) {
        self.subtotal = subtotal
        self.taxable = taxable
        self.gst = gst
        self.qst = qst
        total = subtotal + gst + qst
    }

    /// Totals of lines given as (amount, tax class).
    static func of<S: Sequence>(_ lines: S, rates: TaxRates) -> Totals where S.Element == (amount: Money, tax: TaxClass) {
        var subtotal: Int64 = 0, taxable: Int64 = 0
        for line in lines {
            subtotal += line.amount.cents
            if line.tax == .taxable { taxable += line.amount.cents }
        }
        let base = Money(cents: taxable)
        return Totals(subtotal: Money(cents: subtotal), taxable: base,
                      gst: Pricing.tax(on: base, rate: rates.gst), qst: Pricing.tax(on: base, rate: rates.qst))
    }
}
