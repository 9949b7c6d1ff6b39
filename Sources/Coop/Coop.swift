import CoopCore
import Foundation
import Inventory
import Lending
import Membership
import Orders
import Voting

/// The assembled co-op: one database and the domain services over it.
///
/// Both faces open Coop through here, so the list of domains and the order of their migrations is
/// written once.
public struct Coop: Sendable {
    public let context: CoopContext
    public let membership: MembershipService
    public let tokens: TokenService
    public let inventory: InventoryService
    public let lending: LendingService
    public let orders: OrdersService
    public let voting: VotingService

    public init(context: CoopContext) {
        self.context = context
        membership = MembershipService(context: context)
        tokens = TokenService(context: context)
        inventory = InventoryService(context: context)
        lending = LendingService(context: context)
        orders = OrdersService(context: context)
        voting = VotingService(context: context)
    }

    /// Every domain's migrations, in dependency order.
    public static var migrator: Migrator {
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        LendingSchema.register(in: &migrator)
        OrdersSchema.register(in: &migrator)
        VotingSchema.register(in: &migrator)
        return migrator
    }

    /// Opens the database file (creating it if needed) and brings its schema up to date.
    /// - Parameter clock: the time the services read; the configuration's (the system clock unless
    ///   `COOP_NOW` is set) when nil.
    public static func open(
        _ configuration: CoopConfiguration, clock: (any CoopClock)? = nil
    ) async throws -> (coop: Coop, migrated: [String]) {
        let pool = try DatabasePool(path: configuration.databasePath)
        let applied = try await migrator.migrate(pool)
        let context = CoopContext(database: pool, clock: clock ?? configuration.clock, timeZone: configuration.timeZone)
        return (Coop(context: context), applied)
    }
}
