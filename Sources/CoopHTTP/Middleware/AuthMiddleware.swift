import CoopCore
import Hummingbird
import Membership

/// Reads `Authorization: Bearer <token>` and sets the caller. It refuses nothing itself: public routes
/// stay public, and each domain decides what the caller may do.
///
/// Failed authentications are counted per client address; past the limit the address gets 429.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = CoopRequestContext
    public let tokens: TokenService
    public let limiter: AuthFailureLimiter
    /// Proxies whose `X-Forwarded-For` names the client (see `ClientAddress`).
    public let trustedProxies: Set<String>

    public init(tokens: TokenService, limiter: AuthFailureLimiter, trustedProxies: Set<String>) {
        self.tokens = tokens
        self.limiter = limiter
        self.trustedProxies = trustedProxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let address = ClientAddress.resolve(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor],
                                                trusted: trustedProxies)
            if let wait = limiter.blockedFor(address) {
                throw CoopError.tooManyAuthFailures(retryAfter: wait)
            }
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                context.caller = try await tokens.authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces))
            }
            if context.caller == nil { limiter.recordFailure(address) }
        }
        return try await next(request, context)
    }
}

extension CoopError {
    public static func tooManyAuthFailures(retryAfter seconds: Int) -> CoopError {
        CoopError(.rateLimited, "auth.rate_limited", ["seconds": .integer(Int64(seconds))],
                  fr: "Trop d’échecs d’authentification depuis cette adresse : réessayez dans {seconds} s.",
                  en: "Too many failed authentications from this address: try again in {seconds} s.")
    }
}

import Foundation
