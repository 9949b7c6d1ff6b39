import Hummingbird

/// `GET /health` and `GET /openapi.yaml`: public, no token.
struct HealthController {
    func addRoutes(to router: Router<CoopRequestContext>) {
        router.get("health", use: health)
        router.get("openapi.yaml", use: openAPI)
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
