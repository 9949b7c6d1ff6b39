import CoopCore
import Foundation

/// The lending terms of a category subtree (or the co-op's default): how long a loan lasts, how often it
/// may be renewed, what lateness costs, and how reservations and holds behave.
///
/// The most specific policy wins: an item in `Outils/Perceuses/Sans fil` uses the policy of that path,
/// else of `Outils/Perceuses`, else of `Outils`, else the default. Without a stored default,
/// `builtInDefault` applies, so lending works before any policy is set.
public struct LoanPolicy: Sendable, Codable, Equatable {
    /// The category path it covers with everything under it; nil for the default policy.
    public var category: String?
    /// Days from the loan day to the due date (before closed days push it).
    public var loanDays: Int
    /// Renewals allowed per loan.
    public var maxRenewals: Int
    /// Whether members may renew their own loans (otherwise only the desk can).
    public var selfRenew: Bool
    /// Late fee per day beyond the grace days, in cents.
    public var feePerDay: Money
    /// Days late that cost nothing.
    public var graceDays: Int
    /// The most a loan's late fee can reach, in cents.
    public var feeCap: Money
    /// The longest reservation, in days, both ends included.
    public var maxReservationDays: Int
    /// How many days ahead of today a reservation may start.
    public var maxAdvanceDays: Int
    /// Days a unit stays in (cleaning, checking) between a return and the next pickup; 0 lets the
    /// return day be the next pickup day.
    public var bufferDays: Int
    /// Days a unit is kept for the first member in line once it is back (the day it is offered counts
    /// as the first).
    public var holdReadyDays: Int

    /// The terms in force when no default policy is stored.
    public static let builtInDefault = LoanPolicy(
        category: nil, loanDays: 14, maxRenewals: 2, selfRenew: false, feePerDay: Money(cents: 100), graceDays: 0,
        feeCap: Money(cents: 2_000), maxReservationDays: 14, maxAdvanceDays: 90, bufferDays: 0, holdReadyDays: 3)

    enum CodingKeys: String, CodingKey {
        case category, loanDays, maxRenewals, selfRenew, feePerDay, graceDays, feeCap, maxReservationDays, maxAdvanceDays,
             bufferDays, holdReadyDays
    }

    /// `category` is written as `null` for the default, so every policy object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(category, forKey: .category)
        try c.encode(loanDays, forKey: .loanDays)
        try c.encode(maxRenewals, forKey: .maxRenewals)
        try c.encode(selfRenew, forKey: .selfRenew)
        try c.encode(feePerDay, forKey: .feePerDay)
        try c.encode(graceDays, forKey: .graceDays)
        try c.encode(feeCap, forKey: .feeCap)
        try c.encode(maxReservationDays, forKey: .maxReservationDays)
        try c.encode(maxAdvanceDays, forKey: .maxAdvanceDays)
        try c.encode(bufferDays, forKey: .bufferDays)
        try c.encode(holdReadyDays, forKey: .holdReadyDays)
    }


    /// The late-fee terms a loan keeps for its whole life.
    var feeTerms: FeeTerms { FeeTerms(feePerDay: feePerDay, graceDays: graceDays, cap: feeCap) }

    /// What a policy value counts, so that a refusal says it in that unit.
    public enum Unit: Sendable, Equatable {
        case days, count, money
    }

    /// The ranges each value must fall in; the same bounds for the CLI, the API and the table. Money
    /// bounds are in cents.
    static let bounds: [(field: String, range: ClosedRange<Int64>, unit: Unit, value: @Sendable (LoanPolicy) -> Int64)] = [
        (field: "loanDays", 1...365, .days, { Int64($0.loanDays) }),
        (field: "maxRenewals", 0...99, .count, { Int64($0.maxRenewals) }),
        (field: "feePerDay", 0...100_000, .money, { $0.feePerDay.cents }),
        (field: "graceDays", 0...365, .days, { Int64($0.graceDays) }),
        (field: "feeCap", 0...10_000_000, .money, { $0.feeCap.cents }),
        (field: "maxReservationDays", 1...366, .days, { Int64($0.maxReservationDays) }),
        (field: "maxAdvanceDays", 0...730, .days, { Int64($0.maxAdvanceDays) }),
        (field: "bufferDays", 0...60, .days, { Int64($0.bufferDays) }),
        (field: "holdReadyDays", 1...60, .days, { Int64($0.holdReadyDays) }),
    ]

    func validated() throws -> LoanPolicy {
        for bound in Self.bounds where !bound.range.contains(bound.value(self)) {
            throw CoopError.invalidPolicyValue(bound.field, bound.value(self), min: bound.range.lowerBound,
                                               max: bound.range.upperBound, unit: bound.unit)
        }
        return self
    }
}

extension LoanPolicy {
    /// A policy as stored (the memberwise initializer stays, for the built-in default).
    init(row: Row) throws {
        category = try row.get("category")
        loanDays = try row.get("loan_days")
        maxRenewals = try row.get("max_renewals")
        selfRenew = try row.get("self_renew")
        feePerDay = try row.get("fee_per_day_cents")
        graceDays = try row.get("grace_days")
        feeCap = try row.get("fee_cap_cents")
        maxReservationDays = try row.get("max_reservation_days")
        maxAdvanceDays = try row.get("max_advance_days")
        bufferDays = try row.get("buffer_days")
        holdReadyDays = try row.get("hold_ready_days")
    }
}

/// What `policy set` sends: the required terms, and the optional ones that keep their current value for
/// that category (or inherit the policy that applied to it so far) when left out.
public struct LoanPolicyInput: Sendable, Codable, Equatable {
    /// A category path, or nil for the default policy.
    public var category: String?
    public var loanDays: Int
    public var maxRenewals: Int
    public var selfRenew: Bool
    public var feePerDay: Money
    public var graceDays: Int
    public var feeCap: Money
    public var maxReservationDays: Int?
    public var maxAdvanceDays: Int?
    public var bufferDays: Int?
    public var holdReadyDays: Int?

    /// Creates the value from its fields.
    public init(
        category: String? = nil, loanDays: Int, maxRenewals: Int, selfRenew: Bool = false, feePerDay: Money, graceDays: Int,
        feeCap: Money, maxReservationDays: Int? = nil, maxAdvanceDays: Int? = nil, bufferDays: Int? = nil, holdReadyDays: Int? = nil
    ) {
        self.category = category
        self.loanDays = loanDays
        self.maxRenewals = maxRenewals
        self.selfRenew = selfRenew
        self.feePerDay = feePerDay
        self.graceDays = graceDays
        self.feeCap = feeCap
        self.maxReservationDays = maxReservationDays
        self.maxAdvanceDays = maxAdvanceDays
        self.bufferDays = bufferDays
        self.holdReadyDays = holdReadyDays
    }

    enum CodingKeys: String, CodingKey {
        case category, loanDays, maxRenewals, selfRenew, feePerDay, graceDays, feeCap, maxReservationDays, maxAdvanceDays,
             bufferDays, holdReadyDays
    }

    /// A JSON body may leave out `category` (the default policy), `selfRenew` (false) and the optional terms.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            category: try c.decodeIfPresent(String.self, forKey: .category),
            loanDays: try c.decode(Int.self, forKey: .loanDays),
            maxRenewals: try c.decode(Int.self, forKey: .maxRenewals),
            selfRenew: try c.decodeIfPresent(Bool.self, forKey: .selfRenew) ?? false,
            feePerDay: try c.decode(Money.self, forKey: .feePerDay),
            graceDays: try c.decode(Int.self, forKey: .graceDays),
            feeCap: try c.decode(Money.self, forKey: .feeCap),
            maxReservationDays: try c.decodeIfPresent(Int.self, forKey: .maxReservationDays),
            maxAdvanceDays: try c.decodeIfPresent(Int.self, forKey: .maxAdvanceDays),
            bufferDays: try c.decodeIfPresent(Int.self, forKey: .bufferDays),
            holdReadyDays: try c.decodeIfPresent(Int.self, forKey: .holdReadyDays))
    }

    /// The full policy, completing the optional terms from `base`.
    func policy(category: String?, base: LoanPolicy) -> LoanPolicy {
        LoanPolicy(
            category: category, loanDays: loanDays, maxRenewals: maxRenewals, selfRenew: selfRenew, feePerDay: feePerDay,
            graceDays: graceDays, feeCap: feeCap, maxReservationDays: maxReservationDays ?? base.maxReservationDays,
            maxAdvanceDays: maxAdvanceDays ?? base.maxAdvanceDays, bufferDays: bufferDays ?? base.bufferDays,
            holdReadyDays: holdReadyDays ?? base.holdReadyDays)
    }
}

/// Reads and writes `lending_policies` inside the caller's transaction.
enum PolicyStore {
    /// A category path as policies store it: trimmed segments in NFC, no leading or trailing `/`.
    /// nil or blank means the default policy.
    static func scope(_ text: String?) throws -> String? {
        guard let text else { return nil }
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.isEmpty { return nil }
        if body.hasPrefix("/") { body = body.dropFirst() }
        if body.hasSuffix("/") { body = body.dropLast() }
        let segments = body.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping }
        guard !body.isEmpty, segments.count <= 20, segments.allSatisfy({ !$0.isEmpty && $0.count <= 100 }) else {
            throw CoopError.invalidValue("category", text, expected: LocalizedText(fr: "ex. Outils/Perceuses", en: "e.g. Tools/Drills"))
        }
        return segments.joined(separator: "/")
    }

    /// `A/B/C`, `A/B`, `A`: the paths whose policy may apply to an item of `path`, most specific first.
    static func ancestry(of path: String?) -> [String] {
        guard let path, !path.isEmpty else { return [] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return (1...segments.count).reversed().map { segments.prefix($0).joined(separator: "/") }
    }

    /// The policy for an item of this category: the most specific stored one, else the default.
    static func effective(for category: String?, in db: Connection) throws -> LoanPolicy {
        let candidates = ancestry(of: category)
        if !candidates.isEmpty {
            let marks = Array(repeating: "?", count: candidates.count).joined(separator: ", ")
            let rows = try db.query("SELECT * FROM lending_policies WHERE category IN (\(marks))", candidates)
            let found = try rows.map(LoanPolicy.init(row:))
            // The longest matching path is the most specific (NOCASE matched; compare by depth).
            if let best = found.max(by: { depth($0.category) < depth($1.category) }) { return best }
        }
        return try defaultPolicy(in: db)
    }

    /// The stored default, or the built-in one.
    static func defaultPolicy(in db: Connection) throws -> LoanPolicy {
        if let row = try db.queryOne("SELECT * FROM lending_policies WHERE category IS NULL") { return try LoanPolicy(row: row) }
        return .builtInDefault
    }

    /// The stored policy of exactly this scope, if any.
    static func stored(_ scope: String?, in db: Connection) throws -> LoanPolicy? {
        if let scope {
            return try db.queryOne("SELECT * FROM lending_policies WHERE category = ?", [scope]).map(LoanPolicy.init(row:))
        }
        return try db.queryOne("SELECT * FROM lending_policies WHERE category IS NULL").map(LoanPolicy.init(row:))
    }

    /// Inserts or replaces the policy of its scope.
    static func save(_ policy: LoanPolicy, at now: Instant, in db: Connection) throws {
        if let scope = policy.category {
            try db.execute("DELETE FROM lending_policies WHERE category = ?", [scope])
        } else {
            try db.execute("DELETE FROM lending_policies WHERE category IS NULL")
        }
        try db.execute("""
            INSERT INTO lending_policies (category, loan_days, max_renewals, self_renew, fee_per_day_cents, grace_days,
                fee_cap_cents, max_reservation_days, max_advance_days, buffer_days, hold_ready_days, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [policy.category, policy.loanDays, policy.maxRenewals, policy.selfRenew, policy.feePerDay, policy.graceDays,
                  policy.feeCap, policy.maxReservationDays, policy.maxAdvanceDays, policy.bufferDays, policy.holdReadyDays, now])
    }

    private static func depth(_ path: String?) -> Int {
        path.map { $0.split(separator: "/").count } ?? 0
    }
}
