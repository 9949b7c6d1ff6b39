import CoopCore

/// Where an order cycle stands: `planned → open → closed → delivered`.
public enum CycleState: String, Sendable, Codable, CaseIterable {
    /// Created; members cannot order yet.
    case planned
    /// Members fill and change their orders until it closes.
    case open
    /// Orders confirmed, purchase orders and invoices made; baskets are being picked up.
    case closed
    /// Every basket handed out (or the day is over); the cycle is history.
    case delivered
}

extension CycleState: Worded {
    /// The state as people read it (« un cycle », masculine).
    public var label: LocalizedText {
        switch self {
        case .planned: LocalizedText(fr: "planifié", en: "planned")
        case .open: LocalizedText(fr: "ouvert", en: "open")
        case .closed: LocalizedText(fr: "fermé", en: "closed")
        case .delivered: LocalizedText(fr: "livré", en: "delivered")
        }
    }

    public static let synonyms: [String: CycleState] = ["prévu": .planned, "ouverte": .open, "fermée": .closed, "livrée": .delivered]
}

/// An order cycle as both faces show it.
public struct Cycle: Sendable, Codable, Equatable {
    public let id: Int64
    public let name: String
    /// When ordering opens and closes. Ordering needs the cycle open (`openCycle`) and ends at
    /// `closes` even before staff close the cycle.
    public let opens: Instant
    public let closes: Instant
    /// The day baskets are picked up, in the co-op's time zone.
    public let pickupDate: LocalDate
    public let state: CycleState
    /// The codes of the products offered, or null when the cycle offers every active product.
    public let products: [String]?
    /// The names of the pickup points served, or null when it serves every active pickup point.
    public let pickupPoints: [String]?
    /// Orders that are not cancelled.
    public let orderCount: Int
    public let createdAt: Instant
    public let openedAt: Instant?
    public let closedAt: Instant?
    public let deliveredAt: Instant?

    init(row: Row, products: [String]?, pickupPoints: [String]?, orderCount: Int) throws {
        id = try row.get("id")
        name = try row.get("name")
        opens = try row.get("opens_at")
        closes = try row.get("closes_at")
        pickupDate = try row.get("pickup_date")
        state = CycleState(rawValue: try row.get("state")) ?? .planned
        createdAt = try row.get("created_at")
        openedAt = try row.get("opened_at")
        closedAt = try row.get("closed_at")
        deliveredAt = try row.get("delivered_at")
        self.products = products
        self.pickupPoints = pickupPoints
        self.orderCount = orderCount
    }

    enum CodingKeys: String, CodingKey {
        case id, name, opens, closes, pickupDate, state, products, pickupPoints, orderCount, createdAt, openedAt, closedAt, deliveredAt
    }

    /// Absent values are written as `null`, so every cycle object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(opens, forKey: .opens)
        try c.encode(closes, forKey: .closes)
        try c.encode(pickupDate, forKey: .pickupDate)
        try c.encode(state, forKey: .state)
        try c.encode(products, forKey: .products)
        try c.encode(pickupPoints, forKey: .pickupPoints)
        try c.encode(orderCount, forKey: .orderCount)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(openedAt, forKey: .openedAt)
        try c.encode(closedAt, forKey: .closedAt)
        try c.encode(deliveredAt, forKey: .deliveredAt)
    }
}

/// What is needed to create a cycle.
public struct NewCycle: Sendable, Codable, Equatable {
    public var name: String
    public var opens: Instant
    /// Must be after `opens`.
    public var closes: Instant
    /// Must not be before the local day of `closes`.
    public var pickupDate: LocalDate
    /// Pickup point names; empty means every active pickup point (as it is when members order).
    public var pickupPoints: [String]
    /// Product codes; empty means every active product (as it is when members order).
    public var products: [String]

    /// Empty lists mean every active pickup point, every active product.
    public init(name: String, opens: Instant, closes: Instant, pickupDate: LocalDate, pickupPoints: [String] = [], products: [String] = []) {
        self.name = name
        self.opens = opens
        self.closes = closes
        self.pickupDate = pickupDate
        self.pickupPoints = pickupPoints
        self.products = products
    }

    enum CodingKeys: String, CodingKey { case name, opens, closes, pickupDate, pickupPoints, products }

    /// A JSON body may leave out `pickupPoints` and `products` (both then mean "all active").
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  opens: try c.decode(Instant.self, forKey: .opens),
                  closes: try c.decode(Instant.self, forKey: .closes),
                  pickupDate: try c.decode(LocalDate.self, forKey: .pickupDate),
                  pickupPoints: try c.decodeIfPresent([String].self, forKey: .pickupPoints) ?? [],
                  products: try c.decodeIfPresent([String].self, forKey: .products) ?? [])
    }
}

/// What closing a cycle did, all in one transaction.
public struct CycleClosing: Sendable, Codable, Equatable {
    /// The cycle, now closed.
    public let cycle: Cycle
    /// Open orders that became confirmed (one invoice each).
    public let confirmedOrders: Int
    /// Open orders without a line, cancelled rather than invoiced for nothing.
    public let cancelledEmptyOrders: Int
    /// One per producer with something ordered.
    public let purchaseOrders: Int
    /// Invoice numbers, in order (gapless).
    public let invoices: [String]
    /// The sum of the invoices' totals.
    public let invoicedTotal: Money
}
