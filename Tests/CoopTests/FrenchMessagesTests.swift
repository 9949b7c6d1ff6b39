import Foundation
import Testing

@testable import CoopCore
@testable import Inventory
@testable import Lending
@testable import Membership
@testable import Orders
@testable import Voting

/// No English, raw codes or cents in what a French reader is shown: every French template in the
/// sources, every field an error names, and a sample of messages rendered with their arguments.
@Suite struct FrenchMessagesTests {
    /// English shown deliberately while another branch (i12-words) turns status, category and kind words,
    /// and the French words accepted as input, into French. Remove an entry once that work is merged.
    static let beingFixedInI12Words: [String] = []

    /// Status words that messages still put in as their codes (`lending.loan_closed` says `returned`),
    /// until i12-words gives those statuses their French words. Remove with the entries above.
    static let statusCodesBeingFixedInI12Words: [String] = []

    @Test func everyFrenchTemplateInTheSourcesIsFrench() {
        let templates = SourceMessages.frenchTemplates
        // The walk finds the templates: the domains' errors, the CLI's lines, the API's and the verifier's.
        #expect(templates.count > 550)
        for path in ["CoopCore/CoopError.swift", "Lending/LendingErrors.swift", "Orders/OrdersErrors.swift",
                     "coopctl/Commands/Cycle+Commands.swift", "coop-api/CommandLineFlags.swift", "Voting/BoardVerifier.swift"] {
            #expect(templates.contains { $0.path == path }, "no template found in \(path)")
        }
        var failures: [String] = []
        for template in templates {
            let problems = FrenchText.problems(in: template.text, allowing: Self.beingFixedInI12Words)
            if !problems.isEmpty {
                failures.append("\(template.path):\(template.line): \(problems.joined(separator: ", ")) — \(template.text)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) French templates are not all French:\n\(failures.joined(separator: "\n"))")
    }

    /// The checker itself: what it is there to catch, and what it lets through on purpose.
    @Test func theCheckerCatchesEnglishCodesAndUnagreedPlurals() {
        for bad in ["Le champ firstName est obligatoire.", "feeCap doit être de 0 à 10000000 (reçu -100).",
                    "La commande 3 est picked_up, pas confirmée.", "Le prêt 4 est clos (returned).",
                    "Catégorie inconnue (user, worker ou supporting).", "{code} : 2 unité(s) demandée(s).",
                    "Le scrutin E-1 est à l’état credentials_issued.", "Frais de l’invoice 12."] {
            #expect(!FrenchText.problems(in: bad).isEmpty, "not caught: \(bad)")
        }
        for good in ["Le champ « prénom » est obligatoire.", "Rôle inconnu « x » (`admin`, `staff` ou `member`).",
                     "Vérifiez --db (ou COOP_DB), ou créez-la avec « coopctl init ».", "Voir /openapi.yaml et M-0001.json.",
                     "La réservation {id} n’est plus active ({status}).", "Le cycle 3 ferme à 14 h 26.",
                     "Sert l’API REST de Coop : le contrat OpenAPI à /openapi.yaml."] {
            #expect(FrenchText.problems(in: good).isEmpty, "refused: \(good) \(FrenchText.problems(in: good))")
        }
    }

    @Test func everyFieldAnErrorNamesHasALabelInBothLanguages() {
        let keys = SourceMessages.fieldKeys
        // The scan finds the fields of every kind of source: literals, factories, bodies, the policy bounds.
        for key in ["firstName", "feeCap", "loanDays", "lines", "price", "quorumPercent", "COOP_PORT", "asOf", "month",
                    "questions[\\(number)].text", "overdueBlocksLoans", "pickupPoints"] {
            #expect(keys[key] != nil, "the scan misses \(key)")
        }
        var missing: [String] = []
        for (key, place) in keys.sorted(by: { $0.key < $1.key }) {
            // `questions[\(number)].text` is written with an interpolated number.
            let path = key.replacingOccurrences(of: #"\\\([^)]*\)"#, with: "1", options: .regularExpression)
            for step in FieldLabel.parse(path) where FieldLabel.label(step.name) == nil {
                missing.append("\(step.name) (from \(key), \(place))")
            }
        }
        #expect(missing.isEmpty, "fields without a label in FieldLabel.catalogue:\n\(missing.joined(separator: "\n"))")
        for (key, label) in FieldLabel.catalogue {
            #expect(FrenchText.problems(in: label.fr).isEmpty, "the French label of \(key) is not French: \(label.fr)")
        }
    }

    // MARK: Messages with their arguments

    static let toronto = TimeZone(identifier: "America/Toronto")!
    /// 2026-12-02 14:26 in Toronto (UTC−5 in December).
    static let closes = Instant.parse("2026-12-02T19:26:00Z", timeZone: .gmt)!
    static let opens = Instant.parse("2026-12-02T14:00:00Z", timeZone: .gmt)!
    static let sameDay = Instant.parse("2026-12-02T15:00:00Z", timeZone: .gmt)!
    static let dayBefore = Instant.parse("2026-12-01T15:00:00Z", timeZone: .gmt)!
    static let day = LocalDate(year: 2026, month: 12, day: 2)!

    /// Factories with their arguments, and the French and English each must read.
    static func samples() throws -> [(CoopError, String, String)] {
        var badPolicy = LoanPolicy.builtInDefault
        badPolicy.feeCap = Money(cents: -100)
        var shortPolicy = LoanPolicy.builtInDefault
        shortPolicy.loanDays = 0
        var renewals = LoanPolicy.builtInDefault
        renewals.maxRenewals = 100
        func refusal(_ body: () throws -> Void) -> CoopError {
            do { try body() } catch let error as CoopError { return error } catch {}
            return CoopError(.invalid, "test.no_error", fr: "aucune erreur", en: "no error")
        }
        return [
            (.required("firstName"), "Le champ « prénom » est obligatoire.", "The field \"first name\" is required."),
            (.required("lines.[0].price"), "Le champ « prix » (ligne 1) est obligatoire.", "The field \"price\" (line 1) is required."),
            (.required("answers.[2]"), "Le champ « réponse 3 » est obligatoire.", "The field \"answer 3\" is required."),
            (.tooLong("questions[2].text", max: 500), "Le champ « texte » (question 2) dépasse 500 caractères.",
             "The field \"text\" (question 2) is longer than 500 characters."),
            (.invalidValue("homeLocation", "?", expected: LocalizedText(fr: "un chemin", en: "a path")),
             "Valeur invalide pour l’emplacement d’origine : « ? » (un chemin).", "Invalid value for the home location: \"?\" (a path)."),
            (.invalidAmount("shareCapital", "dix"), "Montant invalide pour la part sociale : « dix » (ex. 40,00).",
             "Invalid amount for the share capital: \"dix\" (e.g. 40.00)."),
            (.moneyNotCents("feeThreshold", "5.5"), "Le champ « seuil de frais » est en cents (entier) : 550 pour 5,50 $ ; reçu 5.5.",
             "The field \"fee threshold\" is in cents (a whole number): 550 for $5.50; got 5.5."),
            (refusal { _ = try badPolicy.validated() }, "Le plafond des frais doit être de 0,00 $ à 100 000,00 $ (reçu -1,00 $).",
             "The fee cap must be from $0.00 to $100,000.00 (got -$1.00)."),
            (refusal { _ = try shortPolicy.validated() }, "La durée du prêt doit être de 1 à 365 jours (reçu 0).",
             "The loan length must be from 1 to 365 days (got 0)."),
            (refusal { _ = try renewals.validated() }, "Le nombre maximal de renouvellements doit être de 0 à 99 (reçu 100).",
             "The renewal limit must be from 0 to 99 (got 100)."),
            (.negativeLimit("maxLoans", -1), "Le nombre maximal de prêts doit être d’au moins 0 (reçu -1).",
             "The loan limit must be at least 0 (got -1)."),
            (.forbidden(needs: .staff), "Cette action demande le rôle « personnel ».", "This action needs the staff role."),
            (.unitsUnavailable("T-1", requested: 2, available: 1, on: day), "T-1 : 2 unités demandées, 1 libre le 2026-12-02.",
             "T-1: 2 units requested, 1 free on 2026-12-02."),
            (.unitsUnavailable("T-1", requested: 1, available: 0, on: day), "T-1 : 1 unité demandée, 0 libre le 2026-12-02.",
             "T-1: 1 unit requested, 0 free on 2026-12-02."),
            (.loanLimit("M-0001", limit: 2, current: 1, requested: 2),
             "M-0001 a déjà 1 unité en prêt, pour une limite de 2 unités : 2 de plus la dépasserait.",
             "M-0001 already has 1 unit on loan, with a limit of 2 units: 2 more would pass it."),
            (.holdsWaiting(7, code: "T-1", count: 1), "Le prêt 7 ne peut être renouvelé : 1 membre attend T-1.",
             "Loan 7 cannot be renewed: 1 member is waiting for T-1."),
            (.reservationTooFar(days: 1, max: 0), "On ne réserve pas 1 jour à l’avance : au plus 0 jour.",
             "Reservations cannot start 1 day ahead: at most 0 days."),
            (.itemInactive("T-1", status: .maintenance), "T-1 n’est pas en circulation (en réparation).",
             "T-1 is not in circulation (in maintenance)."),
            (.atInFuture(closes, timeZone: toronto),
             "Le moment indiqué (2 décembre 2026 à 14 h 26) est dans le futur : on n’enregistre que ce qui a eu lieu.",
             "The time given (December 2, 2026 at 2:26 PM) is in the future: only what happened can be recorded."),
            (.unitsNotOut("T-1", requested: 2, out: 1), "T-1 : 2 unités à rentrer, mais seulement 1 est sortie.",
             "T-1: 2 units to bring back, but only 1 is out."),
            (.itemOnLoan("T-1", out: 1), "T-1 a encore 1 unité en prêt : il ne peut pas être retiré avant que tout soit rendu.",
             "T-1 still has 1 unit on loan: it cannot be retired until everything is back."),
            (.insufficientStock("POMMES", requested: Quantity(units: 3), available: Quantity(thousandths: 2_500)),
             "Stock insuffisant pour POMMES : 3 demandés, 2,5 disponibles.", "Not enough POMMES in stock: 3 requested, 2.5 available."),
            (.insufficientStock("MIEL", requested: Quantity(units: 2), available: Quantity(thousandths: 1_500)),
             "Stock insuffisant pour MIEL : 2 demandés, 1,5 disponible.", "Not enough MIEL in stock: 2 requested, 1.5 available."),
            (.quantityNotAllowed("OEUFS", Quantity(thousandths: 2_500), unit: .dozen),
             "OEUFS se vend à la douzaine, en nombres entiers (reçu 2,5).", "OEUFS is sold by the dozen, in whole numbers (got 2.5)."),
            (.quantityNotAllowed("PAIN", Quantity(thousandths: 500), unit: .unit),
             "PAIN se vend à l’unité, en nombres entiers (reçu 0,5).", "PAIN is sold by the unit, in whole numbers (got 0.5)."),
            (.stockBelowReserved("FARINE", stock: Quantity(units: 10), reserved: Quantity(thousandths: 12_500)),
             "FARINE : le stock ne peut pas descendre à 10, 12,5 sont déjà réservés.",
             "FARINE: the stock cannot go down to 10, 12.5 are already reserved."),
            (.invalidPrice(Money(cents: -100)), "Le prix doit être de 0,00 $ à 100 000,00 $ (reçu -1,00 $).",
             "The price must be from $0.00 to $100,000.00 (got -$1.00)."),
            (.cycleNotYetClosable(3, closes: closes, now: sameDay, timeZone: toronto),
             "Le cycle 3 ferme à 14 h 26 ; le fermer maintenant émettrait ses factures avant l’heure. Pour le fermer quand même : --now (API : `\"now\": true`).",
             "Cycle 3 closes at 2:26 PM; closing it now would issue its invoices early. To close it anyway: --now (API: `\"now\": true`)."),
            (.cycleNotYetClosable(3, closes: closes, now: dayBefore, timeZone: toronto),
             "Le cycle 3 ferme le 2 décembre 2026 à 14 h 26 ; le fermer maintenant émettrait ses factures avant l’heure. Pour le fermer quand même : --now (API : `\"now\": true`).",
             "Cycle 3 closes on December 2, 2026 at 2:26 PM; closing it now would issue its invoices early. To close it anyway: --now (API: `\"now\": true`)."),
            (.notYetClosable("E-0001", closes: closes, now: sameDay, timeZone: toronto),
             "Le scrutin E-0001 ferme à 14 h 26 ; il ne peut pas être fermé plus tôt.",
             "Election E-0001 closes at 2:26 PM; it cannot be closed earlier."),
            (.closed("E-0001", opens: opens, closes: closes, timeZone: toronto),
             "Le scrutin E-0001 ne reçoit pas de bulletins (vote du 2 décembre 2026 à 9 h au 2 décembre 2026 à 14 h 26, ouvert par l’administration).",
             "Election E-0001 is not accepting ballots (voting from December 2, 2026 at 9:00 AM to December 2, 2026 at 2:26 PM, once opened by the administrator)."),
            (.thresholdNotAllowed(question: 2, .ranked),
             "La question 2 est de type « classement » (`ranked`) : seule une question à choix unique (`single`) a un seuil.",
             "Question 2 is of kind ranked (`ranked`): only a single-choice question (`single`) has a threshold."),
            (.answerCount(expected: 2, got: 1), "Il faut une réponse par question : 2 attendues, 1 reçue.",
             "One answer per question is needed: 2 expected, 1 given."),
            (.csvFieldCount(expected: 3, got: 1), "1 champ au lieu de 3.", "1 field instead of 3."),
        ]
    }

    @Test func factoriesWriteTheirArgumentsInTheReadersLanguage() throws {
        for (error, fr, en) in try Self.samples() {
            #expect(error.message(.fr) == fr)
            #expect(error.message(.en) == en)
            #expect(FrenchText.problems(in: error.message(.fr)).isEmpty, "\(error.code): \(FrenchText.problems(in: error.message(.fr)))")
        }
    }

    /// Messages whose arguments are statuses: everything but the status word itself is French.
    @Test func messagesNamingAStatusAreFrenchButForTheStatusCode() {
        let errors: [CoopError] = [
            .memberInactive("M-0001", status: .suspended), .loanClosed(4, status: .returned),
            .orderNotCancellable(3, status: .picked_up), .cycleNotPlanned(2, state: .open),
            .wrongState("E-0001", .credentialsIssued, expected: .draft),
        ]
        for error in errors {
            let text = error.message(.fr)
            #expect(FrenchText.problems(in: text, allowing: Self.statusCodesBeingFixedInI12Words).isEmpty, "\(error.code): \(text)")
        }
    }
}
