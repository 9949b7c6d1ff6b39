import CoopCore
import Hummingbird
import Membership

/// Reads `Authorization: Bearer <token>` and sets the caller's identity. It refuses nothing itself:
/// each route says which role it needs, so public routes stay public.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = CoopRequestContext
    let tokens: TokenService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                context.identity = try await tokens.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
            }
        }
        return try await next(request, context)
    }
}

import Foundation
