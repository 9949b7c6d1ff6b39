import CoopCore

/// Why a board does not verify: the first failing event (`seq`, its 1-based position on the board)
/// and the reason, in French and English.
///
/// Ballot rules fail with the same codes the server refuses a ballot with (`voting.bad_signature`,
/// `voting.unknown_credential`…); board rules with `voting.verify.*` codes.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The position of the first event that fails; nil when the file is not a board at all.
    public let seq: Int?
    public let reason: CoopError

    /// A failure at `seq` (nil: not a board) for `reason`.
    public init(seq: Int?, _ reason: CoopError) {
        self.seq = seq
        self.reason = reason
    }

    public var code: String { reason.code }

    /// "Event 12: …" in the reader's language.
    public func message(_ language: Language) -> String {
        guard let seq else { return reason.message(language) }
        return language == .fr ? "Événement \(seq) : \(reason.message(.fr))" : "Event \(seq): \(reason.message(.en))"
    }

    public var description: String { message(.en) }

    /// The failure as one refusal, for a face that reports it like any other domain error.
    public var coopError: CoopError {
        var arguments: [String: MessageArgument] = ["fr": .text(message(.fr)), "en": .text(message(.en))]
        if let seq { arguments["seq"] = .integer(Int64(seq)) }
        return CoopError(.invalid, "voting.board_invalid", arguments,
                         fr: "Le registre ne se vérifie pas. {fr}", en: "The board does not verify. {en}")
    }
}

extension CoopError {
    static func verifyNotJSON(_ error: JSONParseError) -> CoopError {
        let path = error.path.map(\.description).joined()
        return CoopError(.invalid, "voting.verify.not_json",
                         ["offset": .integer(Int64(error.offset)), "path": .text(path.isEmpty ? "-" : path),
                          "reasonFr": .text(error.text.fr), "reasonEn": .text(error.text.en)],
                         fr: "Le fichier n’est pas un JSON valide : {reasonFr} (octet {offset}, à {path}).",
                         en: "The file is not valid JSON: {reasonEn} (byte {offset}, at {path}).")
    }

    static func verifyNotBoard() -> CoopError {
        CoopError(.invalid, "voting.verify.not_board",
                  fr: "Ce n’est pas un registre de vote : un objet `{\"events\": [...]}` est attendu.",
                  en: "This is not a voting board: an object `{\"events\": [...]}` is expected.")
    }

    static func verifyEmpty() -> CoopError {
        CoopError(.invalid, "voting.verify.empty", fr: "Le registre ne contient aucun événement.", en: "The board holds no event.")
    }

    static func verifyBadEvent(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_event", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "événement mal formé : {reasonFr}.", en: "malformed event: {reasonEn}.")
    }

    static func verifySeq(expected: Int, found: Int) -> CoopError {
        CoopError(.invalid, "voting.verify.seq", ["expected": .integer(Int64(expected)), "found": .integer(Int64(found))],
                  fr: "numéro {found} à la place de {expected} : un événement manque, est en double ou déplacé.",
                  en: "seq {found} where {expected} belongs: an event is missing, duplicated or moved.")
    }

    static func verifyBrokenLink() -> CoopError {
        CoopError(.invalid, "voting.verify.broken_link",
                  fr: "`prev` ne reprend pas l’empreinte (`hash`) de l’événement précédent : la chaîne est rompue.",
                  en: "`prev` is not the previous event’s `hash`: the chain is broken.")
    }

    static func verifyHashMismatch() -> CoopError {
        CoopError(.invalid, "voting.verify.hash_mismatch",
                  fr: "l’empreinte (`hash`) ne correspond pas au contenu de l’événement : il a été modifié.",
                  en: "the `hash` does not match the event’s content: it was altered.")
    }

    static func verifyOutOfOrder(_ type: BoardEventType, _ rule: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.out_of_order", ["type": .text(type.rawValue), "ruleFr": .text(rule.fr), "ruleEn": .text(rule.en)],
                  fr: "événement `{type}` hors de sa place : {ruleFr}.", en: "`{type}` event out of place: {ruleEn}.")
    }

    static func verifyBadSetup(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_setup", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "définition du scrutin invalide : {reasonFr}.", en: "invalid election definition: {reasonEn}.")
    }

    static func verifyBadCredentials(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_credentials", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "liste des justificatifs invalide : {reasonFr}.", en: "invalid credential list: {reasonEn}.")
    }

    static func verifyCredentialsHash() -> CoopError {
        CoopError(.invalid, "voting.verify.credentials_hash",
                  fr: "la liste des justificatifs ne correspond pas à son empreinte SHA-256 publiée.",
                  en: "the credential list does not match its published SHA-256 fingerprint.")
    }

    static func verifyBadRevoke(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_revoke", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "révocation invalide : {reasonFr}.", en: "invalid revocation: {reasonEn}.")
    }

    static func verifyBadTime(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_time", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "heure invalide : {reasonFr}.", en: "invalid time: {reasonEn}.")
    }

    static func verifyDuplicateBallot(firstSeq: Int) -> CoopError {
        CoopError(.invalid, "voting.verify.duplicate_ballot", ["first": .integer(Int64(firstSeq))],
                  fr: "ce bulletin figure déjà au registre (événement {first}).",
                  en: "this ballot is already on the board (event {first}).")
    }

    static func verifyRedactedAfterClose() -> CoopError {
        CoopError(.invalid, "voting.verify.redacted",
                  fr: "bulletin réduit à son numéro de suivi sur un registre fermé : il ne peut pas être vérifié.",
                  en: "ballot shown by its tracker only on a closed board: it cannot be verified.")
    }

    static func verifyResultMismatch() -> CoopError {
        CoopError(.invalid, "voting.verify.result_mismatch",
                  fr: "le résultat publié ne correspond pas au recomptage des bulletins.",
                  en: "the published result does not match the recount of the ballots.")
    }

    static func verifyBadTally(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_tally", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "somme chiffrée (`tally`) invalide : {reasonFr}.", en: "invalid encrypted sum (`tally`): {reasonEn}.")
    }

    static func verifyTallyMismatch(question: Int, slot: Int) -> CoopError {
        CoopError(.invalid, "voting.verify.tally_mismatch", ["question": .integer(Int64(question)), "slot": .integer(Int64(slot))],
                  fr: "la somme chiffrée publiée ne correspond pas à celle des bulletins comptés (question {question}, case {slot}).",
                  en: "the published encrypted sum does not match the counted ballots' (question {question}, slot {slot}).")
    }

    static func verifyBadDecryption(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.verify.bad_decryption", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "déchiffrement de scrutateur invalide : {reasonFr}.", en: "invalid teller decryption: {reasonEn}.")
    }
}
