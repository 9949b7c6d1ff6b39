import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Notifications

/// `/notices/opt-out?member=M-0001&topic=loans&sig=…`, the link at the foot of every reminder: the
/// page asks, the button turns that kind of reminders off. No sign-in: the link's signature is the
/// proof (a member reading their mail on a phone has no password to hand). A GET never changes
/// anything, so a mail scanner that follows links turns nothing off; a mail program's one-click
/// unsubscribe (RFC 8058) posts to the same address.
struct OptOutPage: Sendable {
    static let path = "/notices/opt-out"
    let notifications: NotificationService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("notices/opt-out", use: ask)
        group.post("notices/opt-out", use: confirm)
    }

    /// The link's three values, from the query (the link itself) or the form (the page's button).
    struct Link {
        let member: String
        let topic: NoticeTopic
        let signature: String
    }

    static func link(query: [String: String]) throws -> Link {
        guard let member = query["member"], let topicText = query["topic"], let signature = query["sig"] else {
            throw CoopError.invalidOptOutLink()
        }
        guard let topic = NoticeTopic(rawValue: topicText) else { throw CoopError.invalidOptOutLink() }
        return Link(member: member, topic: topic, signature: signature)
    }

    @Sendable func ask(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        let language = visit.language
        do {
            let query = request.formQuery
            let link = try Self.link(query: ["member": query.get("member"), "topic": query.get("topic"), "sig": query.get("sig")]
                .compactMapValues { $0 })
            try context.anyone(notifications).checkOptOutLink(member: link.member, topic: link.topic, signature: link.signature)
            let topic = link.topic.label.render(language)
            return pages.page("opt-out", title: OptOutText.askHeading.render(language, ["topic": .text(topic)]), values: [
                "heading": OptOutText.askHeading.render(language, ["topic": .text(topic)]),
                "detail": OptOutText.askDetail.render(language),
                "button": OptOutText.button.render(language),
                "member": link.member, "topic": link.topic.rawValue, "sig": link.signature,
            ], visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    @Sendable func confirm(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        let language = visit.language
        let query = request.formQuery
        do {
            let link = try Self.link(query: ["member": form["member"] ?? query.get("member"), "topic": form["topic"] ?? query.get("topic"),
                                             "sig": form["sig"] ?? query.get("sig")].compactMapValues { $0 })
            try await context.anyone(notifications).optOut(link: link.member, topic: link.topic, signature: link.signature)
            let topic = link.topic.label.render(language)
            return pages.page("message", title: OptOutText.doneHeading.render(language), values: [
                "heading": OptOutText.doneHeading.render(language),
                "detail": OptOutText.doneDetail.render(language, ["topic": .text(topic)]),
                "back": WebText.back.render(language), "backHref": "/catalogue",
            ], visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }
}

/// The opt-out page's words.
enum OptOutText {
    static let askHeading = LocalizedText(fr: "Ne plus recevoir les {topic} ?", en: "Stop receiving {topic}?")
    static let askDetail = LocalizedText(
        fr: "Vous ne recevrez plus ces courriels. Les factures et les codes de vote vous seront toujours envoyés. Vous pourrez les réactiver depuis votre compte.",
        en: "You will no longer get these e-mails. Invoices and voting codes will still be sent to you. You can turn them back on from your account.")
    static let button = LocalizedText(fr: "Ne plus les recevoir", en: "Stop sending them")
    static let doneHeading = LocalizedText(fr: "C’est fait", en: "Done")
    static let doneDetail = LocalizedText(fr: "Vous ne recevrez plus les {topic}.", en: "You will no longer receive {topic}.")
}
