import CoopCore
import Foundation

/// The links in a message: the page the notice is about on the web face, and the signed link that
/// turns off a kind of reminders without signing in (the signature, under the outbox key, lets only
/// the member who got the message use it).
struct NoticeLinks: Sendable {
    let base: String
    let key: OutboxKey
    /// The member's language, so the pages open in it (`?lang=fr`).
    var language: Language = .fr

    /// The member's page for the notice: their account, their basket, the invoice, the booth.
    func page(_ kind: NoticeKind, values: [String: NoticeValue]) -> String? {
        path(kind, values: values).map { $0 + "?lang=\(language.rawValue)" }
    }

    private func path(_ kind: NoticeKind, values: [String: NoticeValue]) -> String? {
        switch kind {
        case .loanDueTomorrow, .loanOverdue, .holdReady, .reservationTomorrow, .membershipEnding, .membershipEnded:
            return base + "/me"
        case .cycleOpen, .cycleClosing:
            return base + "/basket"
        case .invoiceIssued, .creditNoteIssued:
            guard case .text(let number)? = values["number"] else { return base + "/me/invoices" }
            return base + "/me/invoices/" + Self.escaped(number)
        case .electionCredential:
            guard case .text(let election)? = values["election"] else { return nil }
            return base + "/vote/" + Self.escaped(election)
        }
    }

    /// `/notices/opt-out?member=M-0001&topic=loans&sig=…&lang=fr`.
    func optOut(member: String, topic: NoticeTopic) -> String {
        "\(base)/notices/opt-out?member=\(Self.escaped(member))&topic=\(topic.rawValue)"
            + "&sig=\(Self.signature(member: member, topic: topic, key: key))&lang=\(language.rawValue)"
    }

    static func signature(member: String, topic: NoticeTopic, key: OutboxKey) -> String {
        key.linkSignature("\(member)\n\(topic.rawValue)")
    }

    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?&=#"))) ?? text
    }
}
