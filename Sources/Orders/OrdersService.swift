import CoopCore
import Foundation
import Inventory
import Membership

/// The verbs of Orders, for both faces: producers, products, pickup points, order cycles, members'
/// orders, purchase orders, invoices and credit notes, statements and reports.
///
/// Each write validates its input, runs as ONE write transaction (`BEGIN IMMEDIATE`, so a stock check
/// and the reservation it guards, or an invoice number and the invoice it numbers, commit together or
/// not at all) and returns a Codable value. A refused request changes nothing.
///
/// The caller's label (a token, `coopctl:marie`) is recorded on Inventory movements as who acted.
public struct OrdersService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `OrdersVerb`
    /// GST and QST; an issued document keeps the rates it was computed with.
    public let rates: TaxRates

    /// - Parameters:
    ///   - context: the database, clock and time zone the service runs on.
    ///   - caller: who calls the verbs.
    ///   - rates: the sales tax rates for new orders and documents (Québec's by default).
    public init(context: CoopContext, caller: Caller, rates: TaxRates = .quebec) {
        self.context = context
        self.caller = caller
        self.rates = rates
    }


    // MARK: Producers

    /// Adds a producer; names are unique without regard to case.
    public func addProducer(_ input: NewProducer) async throws -> Producer {
        try caller.check(OrdersVerb.addProducer)
        let name = try OrdersValidation.name(input.name)
        let contact = try OrdersValidation.text(input.contact, field: "contact", max: 200)
        let member = try OrdersValidation.text(input.member, field: "member", max: 20)
        let now = context.now()
        return try await database.write { db in
            if try db.scalar("SELECT id FROM orders_producers WHERE name = ?", [name], as: Int64.self) != nil {
                throw CoopError.producerExists(name)
            }
            let memberID = try member.map { try Self.member($0, in: db).id }
            try db.execute("INSERT INTO orders_producers (name, contact, member_id, created_at) VALUES (?, ?, ?, ?)",
                           [name, contact, memberID, now])
            return try Self.fetchProducer(name, in: db)
        }
    }

    /// The producer with this name (without regard to case).
    public func producer(_ name: String) async throws -> Producer {
        try caller.check(OrdersVerb.producer)
        return try await database.read { db in try Self.fetchProducer(name, in: db) }
    }

    /// Every producer, by name.
    public func producers() async throws -> [Producer] {
        try caller.check(OrdersVerb.producers)
        return try await database.read { db in
            try db.query(Producer.selectSQL + " ORDER BY p.name COLLATE french").map(Producer.init(row:))
        }
    }

    // MARK: Pickup points

    /// Adds an active pickup point; names are unique without regard to case.
    public func addPickupPoint(_ input: NewPickupPoint) async throws -> PickupPoint {
        try caller.check(OrdersVerb.addPickupPoint)
        let name = try OrdersValidation.name(input.name)
        let address = try OrdersValidation.text(input.address, field: "address")
        let schedule = try OrdersValidation.text(input.schedule, field: "schedule")
        let now = context.now()
        return try await database.write { db in
            if try db.scalar("SELECT id FROM orders_pickup_points WHERE name = ?", [name], as: Int64.self) != nil {
                throw CoopError.pickupExists(name)
            }
            try db.execute("INSERT INTO orders_pickup_points (name, address, schedule, active, created_at) VALUES (?, ?, ?, 1, ?)",
                           [name, address, schedule, now])
            return try Self.fetchPickupPoint(name, in: db)
        }
    }

    /// Every pickup point, by name; inactive ones too unless `activeOnly`.
    public func pickupPoints(activeOnly: Bool = false) async throws -> [PickupPoint] {
        try caller.check(OrdersVerb.pickupPoints)
        return try await database.read { db in
            try db.query(PickupPoint.selectSQL + (activeOnly ? " WHERE active = 1" : "") + " ORDER BY name COLLATE french")
                .map(PickupPoint.init(row:))
        }
    }

    /// The pickup point with this name.
    public func pickupPoint(_ name: String) async throws -> PickupPoint {
        try caller.check(OrdersVerb.pickupPoint)
        return try await database.read { db in try Self.fetchPickupPoint(name, in: db) }
    }

    /// Activates or deactivates a pickup point. An inactive point is served by no cycle from now on;
    /// orders already placed there keep it.
    public func setPickupPointActive(_ name: String, _ active: Bool) async throws -> PickupPoint {
        try caller.check(OrdersVerb.setPickupPointActive)
        return try await database.write { db in
            let id = try Self.pickupPointID(name, in: db)
            try db.execute("UPDATE orders_pickup_points SET active = ? WHERE id = ?", [active, id])
            return try Self.fetchPickupPoint(name, in: db)
        }
    }

    // MARK: Shared steps (inside a transaction)

    static func fetchProducer(_ name: String, in db: Connection) throws -> Producer {
        guard let row = try db.queryOne(Producer.selectSQL + " WHERE p.name = ?", [name.trimmingCharacters(in: .whitespaces)]) else {
            throw CoopError.producerNotFound(name)
        }
        return try Producer(row: row)
    }

    static func producerID(_ name: String, in db: Connection) throws -> Int64 {
        guard let id = try db.scalar("SELECT id FROM orders_producers WHERE name = ?", [name.trimmingCharacters(in: .whitespaces)], as: Int64.self) else {
            throw CoopError.producerNotFound(name)
        }
        return id
    }

    static func fetchPickupPoint(_ name: String, in db: Connection) throws -> PickupPoint {
        guard let row = try db.queryOne(PickupPoint.selectSQL + " WHERE name = ?", [name.trimmingCharacters(in: .whitespaces)]) else {
            throw CoopError.pickupNotFound(name)
        }
        return try PickupPoint(row: row)
    }

    static func pickupPointID(_ name: String, in db: Connection) throws -> Int64 {
        guard let id = try db.scalar("SELECT id FROM orders_pickup_points WHERE name = ?", [name.trimmingCharacters(in: .whitespaces)], as: Int64.self) else {
            throw CoopError.pickupNotFound(name)
        }
        return id
    }

    /// A member as Orders needs it: the row id, the canonical number, and whether they may order
    /// (not suspended, not anonymized), read through Membership's `MemberRecord`.
    struct MemberRef {
        let id: Int64
        let number: String
        let canOrder: Bool
    }

    static func member(_ number: String, in db: Connection) throws -> MemberRef {
        // Expiry does not stop ordering (a lapsed member may still buy), so any day will do for the status.
        let member = try MemberRecord.fetch(number, on: LocalDate(daysSinceEpoch: 0), in: db)
        return MemberRef(id: member.id, number: member.number, canOrder: member.status != .suspended && !member.anonymized)
    }

    /// The row id a page cursor holds; a cursor we did not make is refused.
    static func cursorID(_ after: String?) throws -> Int64 {
        guard let after else { return 0 }
        guard let id = Int64(after), id > 0 else { throw CoopError.invalidCursor() }
        return id
    }

    /// Splits `rows` (fetched with `LIMIT limit + 1`) into a page, the cursor naming the last id kept.
    static func page<T>(_ rows: [Row], limit: Int, _ transform: (Row) throws -> T) throws -> (items: [T], next: String?) {
        let items = try rows.prefix(limit).map(transform)
        let next = rows.count > limit ? PageRequest.cursor(for: String(try rows[limit - 1].get("id") as Int64)) : nil
        return (items, next)
    }
}
