import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Membership

/// After hummingbird-auth's `SessionMiddleware` has loaded the session: who the session stands for
/// (asked of Membership on every request, so that a role taken away takes effect at once) and the
/// language the reader chose with the switch. A bearer token, when one came, is left to win.
struct WebSessionCaller: RouterMiddleware {
    typealias Context = CoopRequestContext
    let signIn: SignInService
    let membership: MembershipService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let session = context.sessions.session
        if context.caller == nil, let member = session?.member {
            context.caller = try await signIn.acting(as: .anonymous).sessionCaller(member: member)
        }
        // The session's choice, else the cookie's (chosen before the session began), else `Accept-Language`.
        let code = session?.language ?? request.cookies[PageLanguageMiddleware.cookie].map { String($0.value) }
        if let code, let language = Language(code: code) { context.language = language }
        context.siteName = try await membership.acting(as: .anonymous).coopProfile().name
        return try await next(request, context)
    }
}

/// `?lang=en` (or `fr`) chooses the page's language over the session's and `Accept-Language`, and is
/// remembered: in the session when there is one, else in a small cookie, so the next page keeps it.
struct PageLanguageMiddleware: RouterMiddleware {
    typealias Context = CoopRequestContext
    static let cookie = "coop_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let code = request.uri.queryParameters.get("lang"), let language = Language(code: code) else {
            return try await next(request, context)
        }
        var context = context
        let changed = language != context.language
        context.language = language
        var remembered = false
        if changed {
            remembered = context.sessions.withLockedSession { data -> Bool in
                guard data != nil else { return false }
                data?.language = language.rawValue
                return true
            }
        }
        var response = try await next(request, context)
        if changed && !remembered {
            response.setCookie(Cookie(name: Self.cookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }
}

/// Every form a page posts carries the session's token (`csrf`), which another site cannot read:
/// a POST without it, or with another, is refused with 403 before any route sees it.
struct FormTokenMiddleware: RouterMiddleware {
    typealias Context = CoopRequestContext
    let pages: WebPages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let form = try await WebForm.read(&request)
        guard let expected = context.sessions.session?.csrf, let sent = form["csrf"],
              constantTimeEquals(Array(sent.utf8), Array(expected.utf8))
        else {
            return pages.message(WebText.formExpired, WebText.formExpiredDetail, visit: WebVisit(request: request, context: context),
                                 status: .forbidden)
        }
        return try await next(request, context)
    }
}

extension WebSession {
    /// A new session with a fresh form token: for a visitor about to post a form (the sign-in page),
    /// or for the member who just signed in (a new key and a new token, so nothing planted before counts).
    static func fresh(member: String? = nil, language: Language?) throws -> WebSession {
        WebSession(member: member, csrf: Base64URL.encode(try SecureRandom.bytes(32)), language: language?.rawValue)
    }
}
