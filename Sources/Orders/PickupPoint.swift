import CoopCore

/// Where members pick up their orders.
public struct PickupPoint: Sendable, Codable, Equatable {
    /// Unique without regard to case; how orders name the point.
    public let name: String
    public let address: String?
    /// The weekly schedule as people write it (`jeudi 16 h – 19 h`).
    public let schedule: String?
    /// An inactive point is served by no cycle and keeps its history.
    public let active: Bool

    static let selectSQL = "SELECT id, name, address, schedule, active FROM orders_pickup_points"

    init(row: Row) throws {
        name = try row.get("name")
        address = try row.get("address")
        schedule = try row.get("schedule")
        active = try row.get("active")
    }

    enum CodingKeys: String, CodingKey { case name, address, schedule, active }

    /// Absent values are written as `null`, so every pickup point object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(active, forKey: .active)
    }
}

/// What is needed to add a pickup point.
public struct NewPickupPoint: Sendable, Codable, Equatable {
    public var name: String
    public var address: String?
    public var schedule: String?

    /// A point to add; it starts active.
    public init(name: String, address: String? = nil, schedule: String? = nil) {
        self.name = name
        self.address = address
        self.schedule = schedule
    }
}
