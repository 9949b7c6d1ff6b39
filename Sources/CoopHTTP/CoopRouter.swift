import Hummingbird
import Membership
import Prometheus

/// A router for one of Coop's HTTP faces, with what every face needs around its routes. A face is a
/// route group added to it (`APIRoutes` for the JSON API); adding another changes none of the others.
public enum CoopRouter {
    /// Middleware outermost first: the log and the metrics see the final status, including problems
    /// made from errors; then errors as problem+json in the reader's language; then who is calling.
    /// - Parameters:
    ///   - events: successful requests counted as domain events (see `MetricsMiddleware`).
    public static func make(
        tokens: TokenService, authLimiter: AuthFailureLimiter, trustedProxies: Set<String>,
        metrics: PrometheusCollectorRegistry, events: [String: (name: String, help: String)] = [:]
    ) -> Router<CoopRequestContext> {
        let router = Router(context: CoopRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(registry: metrics, events: events))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: AuthMiddleware(tokens: tokens, limiter: authLimiter, trustedProxies: trustedProxies))
        return router
    }
}
