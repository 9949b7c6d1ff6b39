import CoopCore

/// A product on a packing slip.
public struct PackingLine: Sendable, Codable, Equatable {
    public let product: String
    public let name: String
    public let unit: SaleUnit
    public let quantity: Quantity
}

/// One member's basket at one pickup point: a row of the packing list.
public struct PackingSlip: Sendable, Codable, Equatable {
    public let pickup: String
    public let member: String
    /// First and last name, to write on the bag.
    public let memberName: String
    public let order: Int64
    public let status: OrderStatus
    /// In product code order.
    public let lines: [PackingLine]
}

/// How much of a product goes to one pickup point.
public struct PickupQuantity: Sendable, Codable, Equatable {
    public let pickup: String
    public let quantity: Quantity
}

/// A row of the picking list: one product, the total to gather and how it splits by pickup point.
public struct PickingRow: Sendable, Codable, Equatable {
    public let product: String
    public let name: String
    public let producer: String
    public let unit: SaleUnit
    public let quantity: Quantity
    /// How many orders have it.
    public let orders: Int
    /// By pickup point name.
    public let pickups: [PickupQuantity]
}

/// The period of a sales report: one cycle's documents, or the documents issued in a month.
public enum SalesPeriod: Sendable, Equatable {
    case cycle(Int64)
    case month(YearMonth)
}

/// A producer's sales over a period, before taxes: what was invoiced, what credit notes gave back,
/// and the difference.
public struct SalesRow: Sendable, Codable, Equatable {
    public let producer: String
    public let invoiced: Money
    public let credited: Money
    public let net: Money
}

/// Sales by producer over a period, with the totals of the rows.
public struct SalesReport: Sendable, Codable, Equatable {
    /// `cycle 12` or `2026-03`.
    public let period: String
    /// By producer name.
    public let rows: [SalesRow]
    public let invoiced: Money
    public let credited: Money
    public let net: Money
}

/// One tax over a period: collected on invoices, given back on credit notes, and the net to remit.
public struct TaxReportRow: Sendable, Codable, Equatable {
    public let tax: TaxKind
    /// The taxable amounts it was computed on: invoices minus credit notes.
    public let base: Money
    public let collected: Money
    public let refunded: Money
    public let net: Money
}

/// GST and QST for the documents issued between two local dates (both included).
public struct TaxReport: Sendable, Codable, Equatable {
    public let from: LocalDate
    public let to: LocalDate
    public let invoiceCount: Int
    public let creditNoteCount: Int
    /// GST, then QST.
    public let rows: [TaxReportRow]
}
