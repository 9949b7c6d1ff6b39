import CoopCore

extension TrackerCheck {
    /// What a voter reads about their tracker, in both faces (`coopctl vote check`, the board page):
    /// where it is on the board, then whether it counts.
    public var sentences: [LocalizedText] {
        guard onBoard, let seq else {
            return [LocalizedText(fr: "Ce numéro de suivi n’est pas au registre.", en: "This tracker is not on the board.")]
        }
        let place = LocalizedText(fr: "Au registre : événement \(seq).", en: "On the board: event \(seq).")
        if let replacedBy {
            return [place, LocalizedText(fr: "Non compté : remplacé par le bulletin de l’événement \(replacedBy).",
                                         en: "Not counted: replaced by the ballot of event \(replacedBy).")]
        }
        if credentialRevoked {
            return [place, LocalizedText(fr: "Non compté : son code de vote a été révoqué.", en: "Not counted: its credential was revoked.")]
        }
        if counted == true {
            return [place, LocalizedText(fr: "Compté : c’est le dernier bulletin de ce code de vote.",
                                         en: "Counted: it is the last ballot of its credential.")]
        }
        return [place, LocalizedText(fr: "Le vote est encore ouvert : il sera compté s’il reste le dernier bulletin de son code.",
                                     en: "Voting is still open: it counts if it stays the last ballot of its credential.")]
    }
}
