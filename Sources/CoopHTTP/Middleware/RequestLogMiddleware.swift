import Hummingbird
import Logging

/// One structured line per request: method, route template (never the raw path, which may hold a
/// member number), status and duration. No header, token or body is ever logged.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = CoopRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.info("request", metadata: [
            "http.method": "\(request.method.rawValue)",
            "http.route": "\(context.endpointPath ?? "unmatched")",
            "http.status": "\(response.status.code)",
            "http.duration_us": "\(micros)",
        ])
        return response
    }
}
