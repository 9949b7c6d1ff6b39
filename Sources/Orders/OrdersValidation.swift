import CoopCore
import Foundation

/// The shape rules of Orders' fields, checked before any transaction opens.
enum OrdersValidation {
    /// Prices from 0 to 100,000.00: far above any grocery, low enough that price × quantity and tax
    /// arithmetic stay well inside Int64.
    static let maxPrice = Money(cents: 10_000_000)
    /// At most 1,000 units (or kg) on one line, for the same reason.
    static let maxLineQuantity = Quantity(units: 1_000)

    /// A name: trimmed, 1 to `max` characters.
    static func name(_ value: String, field: String = "name", max: Int = 100) throws -> String {
        let name = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CoopError.required(field) }
        guard name.count <= max else { throw CoopError.tooLong(field, max: max) }
        return name
    }

    /// Free text: trimmed; empty means none.
    static func text(_ value: String?, field: String, max: Int = 500) throws -> String? {
        guard let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        guard text.count <= max else { throw CoopError.tooLong(field, max: max) }
        return text
    }

    static func price(_ price: Money) throws -> Money {
        guard price.cents >= 0, price <= maxPrice else { throw CoopError.invalidPrice(price) }
        return price
    }

    /// A quantity for a line of `unit`: positive (or zero when `allowZero`, which removes a line),
    /// whole unless sold by weight, and at most `maxLineQuantity`.
    static func lineQuantity(_ quantity: Quantity, product: String, unit: SaleUnit, allowZero: Bool) throws -> Quantity {
        if quantity.thousandths == 0 && allowZero { return quantity }
        guard quantity.isPositive else { throw CoopError.quantityNotPositive(product, quantity) }
        guard unit.allows(quantity) else { throw CoopError.quantityNotAllowed(product, quantity, unit: unit) }
        guard quantity <= maxLineQuantity else { throw CoopError.quantityTooLarge(product, quantity, max: maxLineQuantity) }
        return quantity
    }

    /// Refuses a negative quantity before any lookup (a product's unit is needed for the rest).
    static func notNegative(_ quantity: Quantity, product: String) throws {
        guard quantity.thousandths >= 0 else { throw CoopError.quantityNotPositive(product, quantity) }
    }
}
