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

    init(request: Request, context: CoopRequestContext) {
        language = context.language
        switchHref = WebLinks(request: request, language: context.language).otherLanguage
        path = request.uri.path
        caller = context.caller ?? .anonymous
        csrf = context.sessions.session?.csrf
    }

    /// The signed-in member (or volunteer, who signs in as a member too).
    var memberNumber: String? { caller.memberNumber }
    var isStaff: Bool { caller.isStaff }
}
