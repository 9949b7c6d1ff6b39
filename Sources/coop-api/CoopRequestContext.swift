import CoopCore
import Hummingbird
import Membership

/// The per-request context: who is calling (from the bearer token) and in which language to answer.
struct CoopRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: Identity?
    var language: Language = .default
    /// The client's IP address (without port), for per-client limits; "unknown" in in-process tests.
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies larger than this are refused with 413.
    var maxUploadSize: Int { 1 << 20 }

    /// The caller's identity; 401 when there is no valid token.
    func authenticated() throws -> Identity {
        guard let identity else { throw CoopError.unauthenticated() }
        return identity
    }

    /// The caller's identity when it holds at least `role`; 401 or 403 otherwise.
    func require(_ role: Role) throws -> Identity {
        let identity = try authenticated()
        try identity.require(role)
        return identity
    }
}
