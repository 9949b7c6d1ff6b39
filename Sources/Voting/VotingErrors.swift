import CoopCore
import Foundation

/// Voting's refusals. The API maps the kind to a status: `invalid` 422, `notFound` 404, `conflict` 409,
/// `forbidden` 403, `tooLarge` 413 (the casting contract: 409 `voting.closed`, 403
/// `voting.unknown_credential`, 422 `voting.bad_signature` and `voting.invalid_answer`).
extension CoopError {
    // MARK: Elections

    static func electionNotFound(_ id: String) -> CoopError {
        CoopError(.notFound, "voting.election_not_found", ["id": .text(id)],
                  fr: "Scrutin introuvable : {id}.", en: "Election not found: {id}.")
    }

    static func notDraft(_ id: String, _ status: ElectionStatus) -> CoopError {
        CoopError(.conflict, "voting.not_draft", ["id": .text(id)].merging(status.arguments("status")) { $1 },
                  fr: "Le scrutin {id} n’est plus un brouillon ({statusFr}) : sa définition ne change plus.",
                  en: "Election {id} is no longer a draft ({statusEn}): its definition can no longer change.")
    }

    static func wrongState(_ id: String, _ status: ElectionStatus, expected: ElectionStatus) -> CoopError {
        CoopError(.conflict, "voting.wrong_state",
                  ["id": .text(id)].merging(status.arguments("status")) { $1 }.merging(expected.arguments("expected")) { $1 },
                  fr: "Le scrutin {id} est à l’état « {statusFr} » ; cette action demande l’état « {expectedFr} ».",
                  en: "Election {id} is {statusEn}; this action needs it to be {expectedEn}.")
    }

    static func cutoffNotReached(_ cutoff: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.cutoff_not_reached", ["cutoff": .instant(cutoff, timeZone)],
                  fr: "La date de référence de l’admissibilité ({cutoff}) n’est pas encore passée : les codes ne peuvent pas encore être émis.",
                  en: "The eligibility cut-off ({cutoff}) has not passed yet: credentials cannot be issued yet.")
    }

    static func tooEarly(_ id: String, opens: Instant, now: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.too_early", ["id": .text(id), "opens": .instantAt(opens, timeZone, now: now)],
                  fr: "Le scrutin {id} ouvre {opens} ; il ne peut pas ouvrir avant.",
                  en: "Election {id} opens {opens}; it cannot open before then.")
    }

    static func tooLate(_ id: String, closes: Instant, now: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.too_late", ["id": .text(id), "closes": .instantAt(closes, timeZone, now: now)],
                  fr: "Le scrutin {id} devait fermer {closes} : il est trop tard pour cette action.",
                  en: "Election {id} was due to close {closes}: it is too late for this action.")
    }

    static func notYetClosable(_ id: String, closes: Instant, now: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.not_yet_closable", ["id": .text(id), "closes": .instantAt(closes, timeZone, now: now)],
                  fr: "Le scrutin {id} ferme {closes} ; il ne peut pas être fermé plus tôt.",
                  en: "Election {id} closes {closes}; it cannot be closed earlier.")
    }

    static func noEligibleMembers(_ cutoff: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.no_eligible_members", ["cutoff": .instant(cutoff, timeZone)],
                  fr: "Aucun membre n’était actif à la date de référence ({cutoff}).",
                  en: "No member was active at the cut-off ({cutoff}).")
    }

    static func notTallied(_ id: String) -> CoopError {
        CoopError(.conflict, "voting.not_tallied", ["id": .text(id)],
                  fr: "Le scrutin {id} n’est pas encore dépouillé.", en: "Election {id} has not been tallied yet.")
    }

    static func boardCorrupt(_ failure: VerificationFailure) -> CoopError {
        CoopError(.conflict, "voting.board_corrupt",
                  ["fr": .text(failure.message(.fr)), "en": .text(failure.message(.en))],
                  fr: "Le registre public ne se vérifie pas, le dépouillement est refusé : {fr}",
                  en: "The public board does not verify, so the tally is refused: {en}")
    }

    // MARK: Definitions

    static func noQuestions() -> CoopError {
        CoopError(.invalid, "voting.no_questions", field: "questions",
                  fr: "Un scrutin a au moins une question.", en: "An election has at least one question.")
    }

    static func tooManyQuestions(max: Int) -> CoopError {
        CoopError(.invalid, "voting.too_many_questions", field: "questions", ["max": .integer(Int64(max))],
                  fr: "Un scrutin a au plus {max} questions.", en: "An election has at most {max} questions.")
    }

    static func tooFewChoices(question: Int) -> CoopError {
        CoopError(.invalid, "voting.too_few_choices", field: "choices", ["question": .integer(Int64(question))],
                  fr: "La question {question} doit offrir au moins deux choix.",
                  en: "Question {question} must offer at least two choices.")
    }

    static func tooManyChoices(question: Int, max: Int) -> CoopError {
        CoopError(.invalid, "voting.too_many_choices", field: "choices",
                  ["question": .integer(Int64(question)), "max": .integer(Int64(max))],
                  fr: "La question {question} offre plus de {max} choix.", en: "Question {question} offers more than {max} choices.")
    }

    static func duplicateChoice(question: Int, _ choice: String) -> CoopError {
        CoopError(.invalid, "voting.duplicate_choice", field: "choices",
                  ["question": .integer(Int64(question)), "choice": .text(choice)],
                  fr: "La question {question} offre deux fois le choix « {choice} ».",
                  en: "Question {question} offers the choice \"{choice}\" twice.")
    }

    static func thresholdNotAllowed(question: Int, _ kind: QuestionKind) -> CoopError {
        CoopError(.invalid, "voting.threshold_not_allowed", field: "threshold",
                  ["question": .integer(Int64(question)), "kind": .localized(kind.label, code: kind.rawValue),
                   "kindCode": .text(kind.rawValue)],
                  fr: "La question {question} est de type « {kind} » (`{kindCode}`) : seule une question à choix unique (`single`) a un seuil.",
                  en: "Question {question} is of kind {kind} (`{kindCode}`): only a single-choice question (`single`) has a threshold.")
    }

    static func boundsNotAllowed(question: Int, _ kind: QuestionKind) -> CoopError {
        CoopError(.invalid, "voting.bounds_not_allowed", field: "min",
                  ["question": .integer(Int64(question)), "kind": .localized(kind.label, code: kind.rawValue),
                   "kindCode": .text(kind.rawValue)],
                  fr: "La question {question} est de type « {kind} » (`{kindCode}`) : seule une question d’approbation (`approval`) a un minimum et un maximum.",
                  en: "Question {question} is of kind {kind} (`{kindCode}`): only an approval question (`approval`) has a minimum and a maximum.")
    }

    static func invalidBounds(question: Int, min: Int, max: Int, choices: Int) -> CoopError {
        CoopError(.invalid, "voting.invalid_bounds", field: "max",
                  ["question": .integer(Int64(question)), "min": .integer(Int64(min)), "max": .integer(Int64(max)),
                   "choices": .integer(Int64(choices))],
                  fr: "Question {question} : il faut 0 ≤ min ≤ max, 1 ≤ max ≤ {choices} (reçu min {min}, max {max}).",
                  en: "Question {question}: needs 0 ≤ min ≤ max and 1 ≤ max ≤ {choices} (got min {min}, max {max}).")
    }

    static func invalidWindow(opens: Instant, closes: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.invalid, "voting.invalid_window", field: "closes",
                  ["opens": .instant(opens, timeZone), "closes": .instant(closes, timeZone)],
                  fr: "La fermeture ({closes}) doit suivre l’ouverture ({opens}).",
                  en: "The closing time ({closes}) must come after the opening time ({opens}).")
    }

    static func closesInPast(_ closes: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.invalid, "voting.closes_in_past", field: "closes", ["closes": .instant(closes, timeZone)],
                  fr: "La fermeture ({closes}) est déjà passée.", en: "The closing time ({closes}) has already passed.")
    }

    static func invalidCutoff(cutoff: Instant, closes: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.invalid, "voting.invalid_cutoff", field: "cutoff",
                  ["cutoff": .instant(cutoff, timeZone), "closes": .instant(closes, timeZone)],
                  fr: "La date de référence de l’admissibilité ({cutoff}) doit précéder la fermeture ({closes}).",
                  en: "The eligibility cut-off ({cutoff}) must come before the closing time ({closes}).")
    }

    static func invalidQuorum(_ value: Int) -> CoopError {
        CoopError(.invalid, "voting.invalid_quorum", field: "quorumPercent", ["value": .integer(Int64(value))],
                  fr: "Le quorum est un pourcentage de 1 à 100 (reçu {value}).",
                  en: "The quorum is a percentage from 1 to 100 (got {value}).")
    }

    // MARK: Credentials

    static func invalidCode() -> CoopError {
        CoopError(.invalid, "voting.invalid_code", field: "credential",
                  fr: "Ce code de vote est mal tapé (le caractère de contrôle ne correspond pas) : vérifiez-le.",
                  en: "This voting code is mistyped (its check character does not match): check it.")
    }

    static func credentialNotFound(_ credential: String) -> CoopError {
        CoopError(.notFound, "voting.credential_not_found", field: "credential", ["credential": .text(credential)],
                  fr: "Aucun justificatif actif {credential} dans ce scrutin.",
                  en: "No active credential {credential} in this election.")
    }

    // MARK: Casting

    /// The election is not accepting ballots (not open yet, or closed). HTTP 409.
    static func closed(_ id: String, opens: Instant, closes: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "voting.closed", ["id": .text(id), "opens": .instant(opens, timeZone), "closes": .instant(closes, timeZone)],
                  fr: "Le scrutin {id} ne reçoit pas de bulletins (vote du {opens} au {closes}, ouvert par l’administration).",
                  en: "Election {id} is not accepting ballots (voting from {opens} to {closes}, once opened by the administrator).")
    }

    /// The ballot's credential is not on the election's list. HTTP 403.
    static func unknownCredential() -> CoopError {
        CoopError(.forbidden, "voting.unknown_credential", field: "credential",
                  fr: "Ce justificatif de vote ne figure pas sur la liste du scrutin.",
                  en: "This voting credential is not on the election’s list.")
    }

    /// The ballot's credential was revoked (and replaced) on the board. HTTP 403.
    static func revokedCredential() -> CoopError {
        CoopError(.forbidden, "voting.revoked_credential", field: "credential",
                  fr: "Ce justificatif de vote a été révoqué ; utilisez celui qui l’a remplacé.",
                  en: "This voting credential was revoked; use the one that replaced it.")
    }

    /// The signature does not verify with the ballot's credential. HTTP 422.
    static func badSignature() -> CoopError {
        CoopError(.invalid, "voting.bad_signature", field: "signature",
                  fr: "La signature du bulletin n’est pas valide pour ce justificatif.",
                  en: "The ballot’s signature is not valid for its credential.")
    }

    /// An answer that the question does not allow. HTTP 422.
    static func invalidAnswer(question: Int, _ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.invalid_answer", field: "answers",
                  ["question": .integer(Int64(question)), "reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "Réponse invalide à la question {question} : {reasonFr}.",
                  en: "Invalid answer to question {question}: {reasonEn}.")
    }

    static func malformedBallot(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "voting.malformed_ballot", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "Bulletin mal formé : {reasonFr}.", en: "Malformed ballot: {reasonEn}.")
    }

    static func wrongElection(expected: String, got: String) -> CoopError {
        CoopError(.invalid, "voting.wrong_election", field: "election", ["expected": .text(expected), "got": .text(got)],
                  fr: "Ce bulletin est pour le scrutin {got}, pas {expected}.",
                  en: "This ballot is for election {got}, not {expected}.")
    }

    static func electionHashMismatch() -> CoopError {
        CoopError(.invalid, "voting.election_hash_mismatch", field: "electionHash",
                  fr: "Ce bulletin a été préparé pour une autre définition du scrutin (`electionHash` ne correspond pas).",
                  en: "This ballot was made for another definition of the election (`electionHash` does not match).")
    }

    static func ballotReplaced(seq: Int) -> CoopError {
        CoopError(.conflict, "voting.ballot_replaced", ["seq": .integer(Int64(seq))],
                  fr: "Ce bulletin identique est déjà au registre (événement {seq}) et un bulletin plus récent du même justificatif l’a remplacé ; un même bulletin ne peut pas être déposé deux fois.",
                  en: "This identical ballot is already on the board (event {seq}) and a later ballot from the same credential replaced it; the same ballot cannot be cast twice.")
    }

    static func ballotTooLarge(max: Int) -> CoopError {
        CoopError(.tooLarge, "voting.ballot_too_large", ["max": .integer(Int64(max))],
                  fr: "Un bulletin fait au plus {max} octets.", en: "A ballot is at most {max} bytes.")
    }

    static func answerCount(expected: Int, got: Int) -> CoopError {
        CoopError(.invalid, "voting.answer_count", field: "answers",
                  ["expected": .count(.integer(Int64(expected)), Plural(fr: "attendue", "attendues", en: "expected", "expected")),
                   "got": .count(.integer(Int64(got)), Plural(fr: "reçue", "reçues", en: "given", "given"))],
                  fr: "Il faut une réponse par question : {expected}, {got}.",
                  en: "One answer per question is needed: {expected}, {got}.")
    }

    static func malformedAnswer(_ text: String) -> CoopError {
        CoopError(.invalid, "voting.malformed_answer", field: "answer", ["text": .text(text)],
                  fr: "Réponse illisible « {text} » : des numéros ou des textes de choix, séparés par des virgules (ex. 0,2 ou Pour), comme les montre « coopctl election show ».",
                  en: "Unreadable answer \"{text}\": choice numbers or texts separated by commas (e.g. 0,2 or Pour), as \"coopctl election show\" lists them.")
    }
}
