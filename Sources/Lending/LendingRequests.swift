import CoopCore
import Membership

// The JSON bodies of Lending's API verbs, decoded here so that both faces agree on names and defaults.
// Money is integer cents, dates `YYYY-MM-DD`, instants ISO 8601 (UTC unless an offset is given).

/// `POST /api/v1/loans`: `{"item": CODE, "member": NUMBER, "units": N, "due": "YYYY-MM-DD", "at": INSTANT}`,
/// the last three optional (`units` defaults to 1).
public struct CheckOutRequest: Sendable, Decodable, Equatable {
    public var item: String
    public var member: String
    public var units: Int
    public var due: LocalDate?
    public var at: Instant?

    /// Creates the value from its fields.
    public init(item: String, member: String, units: Int = 1, due: LocalDate? = nil, at: Instant? = nil) {
        self.item = item
        self.member = member
        self.units = units
        self.due = due
        self.at = at
    }

    enum CodingKeys: String, CodingKey { case item, member, units, due, at }

    /// Decodes a JSON body; fields left out take the defaults of the memberwise initializer.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(item: try c.decode(String.self, forKey: .item), member: try c.decode(String.self, forKey: .member),
                  units: try c.decodeIfPresent(Int.self, forKey: .units) ?? 1,
                  due: try c.decodeIfPresent(LocalDate.self, forKey: .due), at: try c.decodeIfPresent(Instant.self, forKey: .at))
    }
}

/// `POST /api/v1/loans/{id}/return`: `{"condition", "maintenance", "at"}`, all optional (an empty body is fine).
public struct CheckInRequest: Sendable, Decodable, Equatable {
    public var condition: String?
    /// When given, the units go to maintenance with this reason.
    public var maintenance: String?
    public var at: Instant?

    /// Creates the value from its fields.
    public init(condition: String? = nil, maintenance: String? = nil, at: Instant? = nil) {
        self.condition = condition
        self.maintenance = maintenance
        self.at = at
    }
}

/// `POST /api/v1/reservations`: `{"item", "member", "units", "from", "to"}`, `units` optional (1).
public struct ReservationRequest: Sendable, Decodable, Equatable {
    public var item: String
    public var member: String
    public var units: Int
    public var from: LocalDate
    public var to: LocalDate

    /// Creates the value from its fields.
    public init(item: String, member: String, units: Int = 1, from: LocalDate, to: LocalDate) {
        self.item = item
        self.member = member
        self.units = units
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey { case item, member, units, from, to }

    /// Decodes a JSON body; fields left out take the defaults of the memberwise initializer.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(item: try c.decode(String.self, forKey: .item), member: try c.decode(String.self, forKey: .member),
                  units: try c.decodeIfPresent(Int.self, forKey: .units) ?? 1,
                  from: try c.decode(LocalDate.self, forKey: .from), to: try c.decode(LocalDate.self, forKey: .to))
    }
}

/// `POST /api/v1/holds`: `{"item", "member"}`.
public struct HoldRequest: Sendable, Decodable, Equatable {
    public var item: String
    public var member: String

    /// Creates the value from its fields.
    public init(item: String, member: String) {
        self.item = item
        self.member = member
    }
}

/// `POST /api/v1/holds/{id}/move`: `{"position": N}` (1 is next in line).
public struct HoldMoveRequest: Sendable, Decodable, Equatable {
    public var position: Int

    /// Creates the value from its fields.
    public init(position: Int) { self.position = position }
}

/// `POST …/fees/{id}/waive`: `{"reason"}`.
public struct WaiveRequest: Sendable, Decodable, Equatable {
    public var reason: String

    /// Creates the value from its fields.
    public init(reason: String) { self.reason = reason }
}

/// `POST …/loans/{id}/damage`: `{"amount": CENTS, "reason"}`.
public struct DamageRequest: Sendable, Decodable, Equatable {
    public var amount: Money
    public var reason: String

    /// Creates the value from its fields.
    public init(amount: Money, reason: String) {
        self.amount = amount
        self.reason = reason
    }
}

/// `POST /api/v1/payments`: `{"member", "amount": CENTS, "method": "cash"|"card"|"transfer", "note"}`.
public struct PaymentRequest: Sendable, Decodable, Equatable {
    public var member: String
    public var amount: Money
    public var method: PaymentMethod
    public var note: String?

    /// Creates the value from its fields.
    public init(member: String, amount: Money, method: PaymentMethod, note: String? = nil) {
        self.member = member
        self.amount = amount
        self.method = method
        self.note = note
    }
}

/// `PUT …/closures/weekly`: `{"weekdays": [1, 7]}` (ISO: 1 Monday … 7 Sunday).
public struct WeeklyClosuresRequest: Sendable, Decodable, Equatable {
    public var weekdays: [Int]

    /// Creates the value from its fields.
    public init(weekdays: [Int]) { self.weekdays = weekdays }
}

/// `POST …/closures`: `{"date": "YYYY-MM-DD", "reason"}`.
public struct ClosureRequest: Sendable, Decodable, Equatable {
    public var date: LocalDate
    public var reason: String

    /// Creates the value from its fields.
    public init(date: LocalDate, reason: String) {
        self.date = date
        self.reason = reason
    }
}
