import Hummingbird
import Prometheus

/// Counts requests and times them per route template (never per raw path, which would hold member
/// numbers and grow without bound), and counts the domain events an operator watches, which each face
/// names (`"POST /api/v1/loans 201"` → `loans_checked_out`).
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = CoopRequestContext
    public let registry: PrometheusCollectorRegistry
    /// `"METHOD /route/{template} STATUS"` → the counter's name and help.
    public let events: [String: (name: String, help: String)]

    public init(registry: PrometheusCollectorRegistry, events: [String: (name: String, help: String)] = [:]) {
        self.registry = registry
        self.events = events
    }

    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    public static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "coop", metricName: "http_requests", unitName: "total", helpText: "Requests by method, route template and status.")
    }

    public static var durations: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "coop", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by method and route template.")
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath.map(Self.template) ?? "unmatched"
        let method = request.method.rawValue
        let status = String(response.status.code)
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", status)]).increment()
        registry.makeDurationHistogram(descriptor: Self.durations, labels: [("method", method), ("route", route)],
                                       buckets: Self.buckets).record(ContinuousClock.now - start)
        if let event = events["\(method) \(route) \(status)"] {
            registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "coop", metricName: event.name, unitName: "total", helpText: event.help))
                .increment()
        }
        return response
    }

    /// `/api/v1/members/:number` as `/api/v1/members/{number}`, as the OpenAPI document writes it.
    public static func template(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }
}
