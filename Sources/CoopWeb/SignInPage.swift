import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import HummingbirdAuth
import Membership

/// `GET/POST /login` and `POST /logout`. Membership decides who an e-mail and a password or one-time
/// code stand for (`SignInService.signIn`); this page only keeps the answer in the session.
struct SignInPage: Sendable {
    let signIn: SignInService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("login", use: show)
        group.post("login", use: submit)
        group.post("logout", use: signOut)
    }

    /// The form; it opens a session when there is none, so that the form carries a token to post back.
    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        if context.sessions.session == nil {
            // No language yet: the page's own (`?lang=`, the cookie or `Accept-Language`) applies until the switch is used.
            context.sessions.createSession(try WebSession.fresh(language: nil))
        }
        return form(request, context: context, email: "", next: Self.safeNext(request.uri.queryParameters.get("next")), error: nil)
    }

    @Sendable func submit(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let next = Self.safeNext(form["next"])
        do {
            let caller = try await signIn.acting(as: .anonymous).signIn(email: form["email"] ?? "", secret: form.raw("password") ?? "")
            // A new session (a new key) on sign-in, so that a key planted before it is worth nothing after.
            context.sessions.createSession(try WebSession.fresh(member: caller.memberNumber, language: context.language))
            let landing = next ?? (caller.isStaff ? "/desk" : "/me")
            return WebPages.seeOther(landing)
        } catch let error as CoopError {
            return self.form(request, context: context, email: form["email"] ?? "", next: next, error: error)
        }
    }

    @Sendable func signOut(_ request: Request, context: CoopRequestContext) async throws -> Response {
        context.sessions.clearSession()
        return WebPages.seeOther("/?lang=\(context.language.rawValue)")
    }

    func form(_ request: Request, context: CoopRequestContext, email: String, next: String?, error: CoopError?) -> Response {
        let visit = WebVisit(request: request, context: context)
        let language = visit.language
        let values = present([
            "heading": WebText.signInHeading.render(language), "intro": WebText.signInIntro.render(language),
            "emailLabel": WebText.email.render(language), "passwordLabel": WebText.passwordOrCode.render(language),
            "passwordHint": WebText.passwordHint.render(language), "button": WebText.signIn.render(language),
            "email": email, "next": next, "error": error?.message(language),
        ])
        let status: HTTPResponse.Status = error.map { $0.kind.status } ?? .ok
        return pages.page("login", title: WebText.signInHeading.render(language), values: values, visit: visit, status: status)
    }

    /// Where to go after signing in: only a path of this site (`/basket`), never another site
    /// (`//evil.example`, `https://…`, `/\\evil`), which would make the sign-in page a phishing relay.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 }), next != "/login" else { return nil }
        return next
    }
}
