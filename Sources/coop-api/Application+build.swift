import Coop
import CoopCore
import CoopHTTP
import CoopWeb
import Foundation
import Hummingbird
import Logging
import Prometheus

/// Builds the API over an opened co-op. Tests call this with a fresh database; main with the real one.
/// - Parameter listening: called once the port is bound and taking connections.
func buildApplication(
    coop: Coop, configuration: CoopConfiguration, trustedProxies: Set<String>, logger: Logger,
    listening: @escaping @Sendable () async -> Void = {}
) throws -> some ApplicationProtocol {
    Application(
        router: try buildRouter(coop: coop, trustedProxies: trustedProxies),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "coop-api"),
        services: [NoticeDeliveryService(notifications: coop.notifications.acting(as: .localOperator("coop-api")), logger: logger)],
        onServerRunning: { _ in await listening() },
        logger: logger
    )
}

/// Coop's router: the middleware every HTTP face has (`CoopRouter`), then the JSON API's routes under
/// `/api/v1` and the web face's pages beside them.
func buildRouter(
    coop: Coop, authLimiter: AuthFailureLimiter = AuthFailureLimiter(), trustedProxies: Set<String> = [],
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    secureCookies: Bool = ProcessInfo.processInfo.environment["COOP_PUBLIC_URL"]?.lowercased().hasPrefix("https://") ?? false
) throws -> Router<CoopRequestContext> {
    let router = CoopRouter.make(tokens: coop.tokens, authLimiter: authLimiter, trustedProxies: trustedProxies,
                                 metrics: metrics, events: APIRoutes.events)
    HealthController(metrics: metrics, notifications: coop.notifications.acting(as: .localOperator("coop-api")))
        .addRoutes(to: router)
    APIRoutes(coop: coop).addRoutes(to: router.group("api/v1"))
    // Pages served over HTTPS (behind a proxy, docs/OPERATIONS.md: `COOP_PUBLIC_URL=https://…`) get
    // `Secure` session cookies.
    WebRoutes(coop: coop, pages: try WebPages(), secureCookies: secureCookies).addRoutes(to: router.group())
    return router
}

/// The JSON API under `/api/v1`: one controller per resource.
struct APIRoutes {
    let coop: Coop

    /// Successful requests that are domain events worth a counter of their own.
    static let events: [String: (name: String, help: String)] = [
        "POST /api/v1/loans 201": ("loans_checked_out", "Check-outs through the API."),
        "POST /api/v1/loans/{id}/return 200": ("loans_returned", "Check-ins through the API."),
        "POST /api/v1/elections/{id}/ballots 202": ("ballots_cast", "Ballots accepted."),
        "POST /api/v1/orders 201": ("orders_created", "Orders created."),
        "POST /api/v1/members 201": ("members_registered", "Members registered through the API."),
    ]

    func addRoutes(to api: RouterGroup<CoopRequestContext>) {
        PlanController(membership: coop.membership).addRoutes(to: api)
        MemberController(membership: coop.membership).addRoutes(to: api)
        CoopProfileController(membership: coop.membership).addRoutes(to: api)
        ItemController(inventory: coop.inventory, database: coop.context.database).addRoutes(to: api)
        TreeController(inventory: coop.inventory).addRoutes(to: api)
        LoanController(lending: coop.lending).addRoutes(to: api)
        ReservationController(lending: coop.lending).addRoutes(to: api)
        HoldController(lending: coop.lending).addRoutes(to: api)
        FeeController(lending: coop.lending).addRoutes(to: api)
        LendingPolicyController(lending: coop.lending).addRoutes(to: api)
        ProducerController(orders: coop.orders).addRoutes(to: api)
        ProductController(orders: coop.orders).addRoutes(to: api)
        PickupPointController(orders: coop.orders).addRoutes(to: api)
        CycleController(orders: coop.orders).addRoutes(to: api)
        OrderController(orders: coop.orders).addRoutes(to: api)
        InvoiceController(orders: coop.orders).addRoutes(to: api)
        AccountController(membership: coop.membership).addRoutes(to: api)
        ReportController(coop: coop).addRoutes(to: api)
        ElectionController(voting: coop.voting).addRoutes(to: api)
        NoticeController(notifications: coop.notifications).addRoutes(to: api)
    }
}
