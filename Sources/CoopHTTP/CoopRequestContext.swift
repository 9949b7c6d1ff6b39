import CoopCore
import Hummingbird
import Membership

/// The per-request context: who is calling (from the bearer token) and in which language to answer.
public struct CoopRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var language: Language = .default
    /// The client's IP address (without port), for per-client limits; "unknown" in in-process tests.
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller's identity; 401 when there is no valid token.
    public func authenticated() throws -> Identity {
        guard let identity else { throw CoopError.unauthenticated() }
        return identity
    }

    /// The caller's identity when it holds at least `role`; 401 or 403 otherwise.
    public func require(_ role: Role) throws -> Identity {
        let identity = try authenticated()
        try identity.require(role)
        return identity
    }
}
