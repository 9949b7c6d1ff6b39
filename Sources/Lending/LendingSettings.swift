import CoopCore

/// The co-op-wide lending settings that are not per category.
public struct LendingSettings: Sendable, Codable, Equatable {
    /// A member who owes more than this may not check anything out (owing exactly this is allowed).
    public let feeThreshold: Money
    /// A member with a loan past its due date may not check anything else out until it comes back,
    /// as in myTurn and Lend Engine; on unless the co-op turns it off.
    public let overdueBlocksLoans: Bool

    /// Until set, a member may owe up to 10.00 and still borrow, and an overdue loan blocks new ones.
    public static let defaults = LendingSettings(feeThreshold: Money(cents: 1_000), overdueBlocksLoans: true)

    /// Creates the value from its fields.
    public init(feeThreshold: Money, overdueBlocksLoans: Bool) {
        self.feeThreshold = feeThreshold
        self.overdueBlocksLoans = overdueBlocksLoans
    }

    static func load(in db: Connection) throws -> LendingSettings {
        guard let row = try db.queryOne("SELECT fee_threshold_cents, overdue_blocks_loans FROM lending_settings WHERE id = 1") else {
            return .defaults
        }
        return LendingSettings(feeThreshold: try row.get("fee_threshold_cents"), overdueBlocksLoans: try row.get("overdue_blocks_loans"))
    }
}
