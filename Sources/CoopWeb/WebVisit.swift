import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// One request as the pages see it: the reader's language, the same page in the other language, who
/// is signed in, and the session's form token that every form carries.
struct WebVisit: Sendable {
    let language: Language
    let switchHref: String
    /// The page's own path, for the sign-in link to come back to.
    let path: String
    let caller: Caller
    let csrf: String?
    /// The co-op's name from its profile, when the web routes' middleware read it.
    let siteName: String?
    /// Said once by this page, left by the form that redirected here (`WebVisit.say`).
    let notice: String?
    let alert: String?

    init(request: Request, context: CoopRequestContext) {
        language = context.language
        switchHref = WebLinks(request: request, language: context.language).otherLanguage
        path = request.uri.path
        caller = context.caller ?? .anonymous
        siteName = context.siteName
        let session = context.sessions.session
        csrf = session?.csrf
        // A page shown takes the message out of the session, so a reload does not say it again.
        if request.method == .get, var session, session.notice != nil || session.alert != nil {
            (notice, alert) = (session.notice, session.alert)
            (session.notice, session.alert) = (nil, nil)
            _ = context.sessions.updateSession(session)
        } else {
            (notice, alert) = (nil, nil)
        }
    }

    /// Leaves `notice` (done) or `alert` (refused) for the page the answer redirects to, where the
    /// POST-then-303 pattern would otherwise lose it. Without a session (nobody signed in, no form
    /// opened) there is nowhere to keep it, and nothing is said.
    static func say(notice: String? = nil, alert: String? = nil, context: CoopRequestContext) {
        guard var session = context.sessions.session else { return }
        (session.notice, session.alert) = (notice, alert)
        _ = context.sessions.updateSession(session)
    }

    /// The signed-in member (or volunteer, who signs in as a member too).
    var memberNumber: String? { caller.memberNumber }
    var isStaff: Bool { caller.isStaff }
}
