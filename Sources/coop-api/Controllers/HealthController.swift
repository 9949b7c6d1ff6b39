import CoopHTTP
import Hummingbird
import Prometheus

/// `GET /health`, `GET /openapi.yaml` and `GET /metrics`: public, no token (metrics hold counts per
/// route template, never personal data).
struct HealthController {
    let metrics: PrometheusCollectorRegistry

    func addRoutes(to router: Router<CoopRequestContext>) {
        router.get("health", use: health)
        router.get("openapi.yaml", use: openAPI)
        router.get("metrics", use: prometheus)
    }

    @Sendable func prometheus(_ request: Request, context: CoopRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
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
