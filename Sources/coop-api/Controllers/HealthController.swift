import CoopHTTP
import Hummingbird
import Notifications
import Prometheus

/// `GET /health`, `GET /openapi.yaml` and `GET /metrics`: public, no token (metrics hold counts per
/// route template, never personal data).
struct HealthController {
    let metrics: PrometheusCollectorRegistry
    /// Read at each scrape for the outbox gauges (`coop_notices{status="queued"}`…).
    let notifications: NotificationService

    func addRoutes(to router: Router<CoopRequestContext>) {
        router.get("health", use: health)
        router.get("openapi.yaml", use: openAPI)
        router.get("metrics", use: prometheus)
    }

    /// `coop_outbox_notices{status="queued"}`.
    static var notices: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "coop", metricName: "outbox", unitName: "notices", helpText: "Notices in the outbox, by status.")
    }

    @Sendable func prometheus(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let counts = try await notifications.counts()
        for (status, value) in [("queued", counts.queued), ("sending", counts.sending), ("sent", counts.sent), ("failed", counts.failed)] {
            metrics.makeGauge(descriptor: Self.notices, labels: [("status", status)]).set(Double(value))
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
    }

    struct Health: Encodable {
        let status: String
    }

    @Sendable func health(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try JSON.response(Health(status: "ok"))
    }

    @Sendable func openAPI(_ request: Request, context: CoopRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
}
