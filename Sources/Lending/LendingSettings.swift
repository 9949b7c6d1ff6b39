import CoopCore

/// The co-op-wide lending settings that are not per category.
public struct LendingSettings: Sendable, Codable, Equatable {
    /// A member who owes more than this may not check anything out (owing exactly this is allowed).
    public let feeThreshold: Money

    /// Until set, a member may owe up to 10.00 and still borrow.
    public static let defaults = LendingSettings(feeThreshold: Money(cents: 1_000))

    /// Creates the value from its fields.
    public init(feeThreshold: Money) { self.feeThreshold = feeThreshold }

    static func load(in db: Connection) throws -> LendingSettings {
        guard let threshold = try db.scalar("SELECT fee_threshold_cents FROM lending_settings WHERE id = 1", as: Money.self) else {
            return .defaults
        }
        return LendingSettings(feeThreshold: threshold)
    }
}
