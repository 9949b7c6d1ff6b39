/// What a notice tells a member. Each kind has a template per language in Notifications/Templates
/// (`hold_ready.fr.mustache`…), named by its raw value.
public enum NoticeKind: String, Sendable, CaseIterable, Codable {
    case loanDueTomorrow = "loan_due_tomorrow"
    case loanOverdue = "loan_overdue"
    case holdReady = "hold_ready"
    case reservationTomorrow = "reservation_tomorrow"
    case membershipEnding = "membership_ending"
    case membershipEnded = "membership_ended"
    case cycleOpen = "cycle_open"
    case cycleClosing = "cycle_closing"
    case invoiceIssued = "invoice_issued"
    case creditNoteIssued = "credit_note_issued"
    case electionCredential = "election_credential"

    /// The kind in words, for staff reading the outbox.
    public var label: LocalizedText {
        switch self {
        case .loanDueTomorrow: LocalizedText(fr: "emprunt à rendre demain", en: "loan due tomorrow")
        case .loanOverdue: LocalizedText(fr: "emprunt en retard", en: "loan overdue")
        case .holdReady: LocalizedText(fr: "liste d’attente : article prêt", en: "hold ready")
        case .reservationTomorrow: LocalizedText(fr: "réservation demain", en: "reservation tomorrow")
        case .membershipEnding: LocalizedText(fr: "fin d’adhésion proche", en: "membership ending")
        case .membershipEnded: LocalizedText(fr: "adhésion terminée", en: "membership ended")
        case .cycleOpen: LocalizedText(fr: "cycle ouvert", en: "cycle open")
        case .cycleClosing: LocalizedText(fr: "cycle fermant bientôt", en: "cycle closing")
        case .invoiceIssued: LocalizedText(fr: "facture", en: "invoice")
        case .creditNoteIssued: LocalizedText(fr: "note de crédit", en: "credit note")
        case .electionCredential: LocalizedText(fr: "code de vote", en: "voting code")
        }
    }

    /// The reminders a member may turn off, this kind among them; nil for what a member cannot
    /// decline (invoices, credit notes, credentials).
    public var topic: NoticeTopic? {
        switch self {
        case .loanDueTomorrow, .loanOverdue, .holdReady, .reservationTomorrow: .loans
        case .membershipEnding, .membershipEnded: .membership
        case .cycleOpen, .cycleClosing: .cycles
        case .invoiceIssued, .creditNoteIssued, .electionCredential: nil
        }
    }
}

/// A group of reminders a member turns off together.
public enum NoticeTopic: String, Sendable, CaseIterable, Codable, Worded {
    /// Loans due and overdue, holds ready, reservations starting.
    case loans
    /// A cycle opening, a cycle about to close.
    case cycles
    /// A membership about to end, or ended.
    case membership

    public var label: LocalizedText {
        switch self {
        case .loans: LocalizedText(fr: "rappels d’emprunts", en: "loan reminders")
        case .cycles: LocalizedText(fr: "avis de cycles de commande", en: "order cycle notices")
        case .membership: LocalizedText(fr: "avis d’adhésion", en: "membership notices")
        }
    }

    public static let synonyms: [String: NoticeTopic] = [
        "emprunts": .loans, "prêts": .loans, "cycle": .cycles, "commandes": .cycles, "adhésion": .membership,
    ]
}
