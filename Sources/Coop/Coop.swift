import CoopCore
import Foundation
import Inventory
import Lending
import Membership
import Notifications
import Orders
import Voting

/// The assembled co-op: one database and the domain services over it, for one caller.
///
/// Both faces open Coop through here, so the list of domains and the order of their migrations is
/// written once. `coopctl` opens it as the local operator; an HTTP face opens it once and re-binds it
/// to each request's caller with `acting(as:)`, and each domain decides what that caller may do.
public struct Coop: Sendable {
    public let context: CoopContext
    public let caller: Caller
    public let membership: MembershipService
    public let tokens: TokenService
    public let signIn: SignInService
    public let inventory: InventoryService
    public let lending: LendingService
    public let orders: OrdersService
    public let voting: VotingService
    public let notifications: NotificationService

    /// - Parameter notifications: the mail server and links; none by default (notices stay queued).
    public init(context: CoopContext, caller: Caller, notifications settings: NotificationSettings = NotificationSettings(),
                transport: (any MailTransport)? = nil) {
        self.context = context
        self.caller = caller
        membership = MembershipService(context: context, caller: caller)
        tokens = TokenService(context: context, caller: caller)
        signIn = SignInService(context: context, caller: caller)
        inventory = InventoryService(context: context, caller: caller)
        lending = LendingService(context: context, caller: caller)
        orders = OrdersService(context: context, caller: caller)
        voting = VotingService(context: context, caller: caller)
        notifications = NotificationService(context: context, caller: caller, settings: settings, transport: transport)
    }

    private init(_ other: Coop, caller: Caller) {
        context = other.context
        self.caller = caller
        membership = other.membership.acting(as: caller)
        tokens = other.tokens.acting(as: caller)
        signIn = other.signIn.acting(as: caller)
        inventory = other.inventory.acting(as: caller)
        lending = other.lending.acting(as: caller)
        orders = other.orders.acting(as: caller)
        voting = other.voting.acting(as: caller)
        notifications = other.notifications.acting(as: caller)
    }

    /// The same services for another caller; caches (the token cache) are shared with this one.
    public func acting(as caller: Caller) -> Coop { Coop(self, caller: caller) }

    /// Every domain's migrations, in dependency order.
    public static var migrator: Migrator {
        var migrator = Migrator()
        Sequences.register(in: &migrator)
        MembershipSchema.register(in: &migrator)
        InventorySchema.register(in: &migrator)
        LendingSchema.register(in: &migrator)
        OrdersSchema.register(in: &migrator)
        VotingSchema.register(in: &migrator)
        // Last: it came after every domain's first schema, and only the domains' verbs write to it.
        Outbox.register(in: &migrator)
        return migrator
    }

    /// Opens the database file (creating it if needed) and brings its schema up to date.
    /// - Parameter clock: the time the services read; the configuration's (the system clock unless
    ///   `COOP_NOW` is set) when nil.
    /// - Parameter caller: who the services act for (`coopctl`'s local operator; an HTTP face's start-up).
    public static func open(
        _ configuration: CoopConfiguration, as caller: Caller, clock: (any CoopClock)? = nil
    ) async throws -> (coop: Coop, migrated: [String]) {
        let pool = try DatabasePool(path: configuration.databasePath)
        let applied = try await migrator.migrate(pool)
        let context = CoopContext(database: pool, clock: clock ?? configuration.clock, timeZone: configuration.timeZone)
        return (Coop(context: context, caller: caller, notifications: configuration.notifications), applied)
    }
}
