import Hummingbird
import Prometheus

/// Counts requests and times them per route template (never per raw path, which would hold member
/// numbers and grow without bound), and counts the domain events an operator watches.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = CoopRequestContext
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    // Computed: MetricNameDescriptor is not Sendable, so it cannot be a stored static.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "coop", metricName: "http_requests", unitName: "total", helpText: "Requests by method, route template and status.")
    }

    static var durations: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "coop", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by method and route template.")
    }

    /// Successful requests that are domain events worth a counter of their own.
    static let domainEvents: [String: (name: String, help: String)] = [
        "POST /api/v1/loans 201": ("loans_checked_out", "Check-outs through the API."),
        "POST /api/v1/loans/{id}/return 200": ("loans_returned", "Check-ins through the API."),
        "POST /api/v1/elections/{id}/ballots 202": ("ballots_cast", "Ballots accepted."),
        "POST /api/v1/orders 201": ("orders_created", "Orders created."),
        "POST /api/v1/members 201": ("members_registered", "Members registered through the API."),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let route = context.endpointPath.map(Self.template) ?? "unmatched"
        let method = request.method.rawValue
        let status = String(response.status.code)
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", status)]).increment()
        registry.makeDurationHistogram(descriptor: Self.durations, labels: [("method", method), ("route", route)],
                                       buckets: Self.buckets).record(ContinuousClock.now - start)
        if let event = Self.domainEvents["\(method) \(route) \(status)"] {
            registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "coop", metricName: event.name, unitName: "total", helpText: event.help))
                .increment()
        }
        return response
    }

    /// `/api/v1/members/:number` as `/api/v1/members/{number}`, as the OpenAPI document writes it.
    static func template(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
    }
}
