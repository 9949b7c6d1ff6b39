import CoopCore

/// The words around every message (the link's label, the opt-out line), in both languages; the
/// message itself is its kind's template file.
enum NoticeText {
    static func linkLabel(_ kind: NoticeKind) -> LocalizedText {
        switch kind {
        case .loanDueTomorrow, .loanOverdue, .holdReady, .reservationTomorrow, .membershipEnding, .membershipEnded:
            LocalizedText(fr: "Voir mon compte", en: "See my account")
        case .cycleOpen, .cycleClosing: LocalizedText(fr: "Remplir mon panier", en: "Fill my basket")
        case .invoiceIssued, .creditNoteIssued: LocalizedText(fr: "Voir et imprimer", en: "View and print")
        case .electionCredential: LocalizedText(fr: "Aller voter", en: "Go and vote")
        }
    }

    static func optOut(_ topic: NoticeTopic) -> LocalizedText {
        LocalizedText(fr: "Ne plus recevoir les \(topic.label.fr)", en: "Stop receiving \(topic.label.en)")
    }

    /// A label and its address on one line of the plain-text message: `Voir mon compte : https://…`.
    static func line(_ label: String, _ url: String, _ language: Language) -> String {
        language == .fr ? "\(label) : \(url)" : "\(label): \(url)"
    }

    static let cannotDecline = LocalizedText(
        fr: "Ce message ne peut pas être désactivé : il concerne votre compte ou votre droit de vote.",
        en: "This message cannot be turned off: it is about your account or your right to vote.")
}
