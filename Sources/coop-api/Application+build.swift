import Coop
import CoopCore
import Hummingbird
import Logging
import Prometheus

/// Builds the API over an opened co-op. Tests call this with a fresh database; main with the real one.
func buildApplication(coop: Coop, configuration: CoopConfiguration, trustedProxies: Set<String>, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(coop: coop, trustedProxies: trustedProxies),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "coop-api"),
        logger: logger
    )
}

/// Every route, under the error and authentication middleware.
func buildRouter(
    coop: Coop, authLimiter: AuthFailureLimiter = AuthFailureLimiter(), trustedProxies: Set<String> = [],
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
) -> Router<CoopRequestContext> {
    let router = Router(context: CoopRequestContext.self)
    // Outermost first: the log and the metrics see the final status, including problems made from errors.
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(registry: metrics))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthMiddleware(tokens: coop.tokens, limiter: authLimiter, trustedProxies: trustedProxies))
    HealthController(metrics: metrics).addRoutes(to: router)
    let api = router.group("api/v1")
    PlanController(membership: coop.membership).addRoutes(to: api)
    MemberController(membership: coop.membership).addRoutes(to: api)
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
    return router
}
