import CoopCore
import Hummingbird
import HummingbirdAuth
import Membership

/// The per-request context: who is calling (from the bearer token) and in which language to answer.
///
/// A face only says who is calling; what that caller may do is each domain's rule, checked by the
/// service the route calls (`authenticated(_:)` hands the route the service bound to the caller).
public struct CoopRequestContext: RequestContext, SessionRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller behind the request's bearer token; nil when none, or an unknown or revoked one, came.
    public var caller: Caller?
    public var language: Language = .default
    /// The client's IP address (without port), for per-client limits; "unknown" in in-process tests.
    public let clientAddress: String
    /// The web pages' session (hummingbird-auth's `SessionMiddleware` fills it on the web routes only;
    /// the JSON API is stateless and never reads it).
    public let sessions = SessionContext<WebSession>()
    /// The co-op's name as its profile says, for the web pages' header and titles (read per page, so
    /// `coopctl coop set --name` shows at once); nil on the JSON API.
    public var siteName: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// The caller; 401 when there is no valid token (every JSON API route needs one, but the public ones).
    public func authenticated() throws -> Caller {
        guard let caller else { throw CoopError.unauthenticated() }
        return caller
    }

    /// `service` acting for the request's authenticated caller; 401 when there is no valid token.
    public func authenticated<Service: ActsForCaller>(_ service: Service) throws -> Service {
        service.acting(as: try authenticated())
    }

    /// `service` acting for the request's authenticated caller, once `verb`'s rule (the domain's) lets
    /// them in: a route names the verb it will call so that a refused caller is answered 403 before
    /// their body or query is read, as the domain would answer them. The verb checks again.
    public func authenticated<Service: ActsForCaller, Verb: DomainVerb>(_ service: Service, for verb: Verb) throws -> Service {
        let caller = try authenticated()
        try caller.check(verb)
        return service.acting(as: caller)
    }

    /// `service` acting for the request's caller, or for nobody when no token came (public routes).
    public func anyone<Service: ActsForCaller>(_ service: Service) -> Service {
        service.acting(as: caller ?? .anonymous)
    }
}
