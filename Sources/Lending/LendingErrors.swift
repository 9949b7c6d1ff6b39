import CoopCore
import Foundation
import Inventory
import Membership

/// Lending's refusals. Every code is stable (faces and scripts match on it), every message exists in
/// French and English, and the kind gives the HTTP status: `.invalid` 422, `.notFound` 404,
/// `.conflict` 409, `.forbidden` 403.
extension Plural {
    /// `1 libre`, `2 libres`.
    static let free = Plural(fr: "libre", "libres", en: "free", "free")
}

extension CoopError {
    // MARK: Members and items

    /// The member is suspended, expired or anonymized (409).
    /// `status` is the member's (`suspended`, `expired`), or nil for an anonymized member (argument `anonymized`).
    public static func memberInactive(_ number: String, status: MemberStatus?) -> CoopError {
        let word = status.map { MessageArgument.localized($0.label, code: $0.rawValue) }
            ?? .localized(LocalizedText(fr: "anonymisé", en: "anonymized"), code: "anonymized")
        return CoopError(.conflict, "lending.member_inactive", field: "member", ["number": .text(number), "status": word],
                  fr: "Le membre {number} n’est pas actif ({status}) : il ne peut ni emprunter ni réserver.",
                  en: "Member {number} is not active ({status}): they can neither borrow nor reserve.")
    }

    /// The plan's loan limit (in units on loan at once) would be passed (409).
    public static func loanLimit(_ number: String, limit: Int, current: Int, requested: Int) -> CoopError {
        CoopError(.conflict, "lending.loan_limit", field: "units",
                  ["number": .text(number), "limit": .count(.integer(Int64(limit)), .units), "current": .count(.integer(Int64(current)), .units),
                   "requested": .integer(Int64(requested))],
                  fr: "{number} a déjà {current} en prêt, pour une limite de {limit} : {requested} de plus la dépasserait.",
                  en: "{number} already has {current} on loan, with a limit of {limit}: {requested} more would pass it.")
    }

    /// The member owes more than the co-op's threshold (409).
    public static func balanceOverThreshold(_ number: String, balance: Money, threshold: Money) -> CoopError {
        CoopError(.conflict, "lending.balance_over_threshold", field: "member",
                  ["number": .text(number), "balance": .money(balance), "threshold": .money(threshold)],
                  fr: "{number} doit {balance}, plus que le seuil de {threshold} : réglez le compte avant d’emprunter.",
                  en: "{number} owes {balance}, more than the {threshold} threshold: settle the account before borrowing.")
    }

    /// The item is in maintenance, retired or lost (409).
    public static func itemInactive(_ code: String, status: ItemStatus) -> CoopError {
        CoopError(.conflict, "lending.item_inactive", field: "item", ["code": .text(code), "status": .localized(status.label, code: status.rawValue)],
                  fr: "{code} n’est pas en circulation ({status}).", en: "{code} is not in circulation ({status}).")
    }

    /// Not enough units free on some day of the period, once loans, reservations, offered holds and
    /// buffer days are counted (409). Names the first day short and the units free that day.
    public static func unitsUnavailable(_ code: String, requested: Int, available: Int, on day: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.units_unavailable", field: "units",
                  ["code": .text(code), "requested": .count(.integer(Int64(requested)), .unitsRequested),
                   "available": .count(.integer(Int64(available)), .free), "date": .text(day.iso8601)],
                  fr: "{code} : {requested}, {available} le {date}.",
                  en: "{code}: {requested}, {available} on {date}.")
    }

    /// The free unit is kept for a member whose hold is ready (409): the desk must not lend it to
    /// someone else, and should know why the shelf's unit cannot go.
    public static func unitHeld(_ code: String, member: String, until: LocalDate, hold: Int64) -> CoopError {
        CoopError(.conflict, "lending.unit_held", field: "item",
                  ["code": .text(code), "member": .text(member), "until": .text(until.iso8601), "hold": .integer(hold)],
                  fr: "{code} est gardé pour {member}, qui l’attendait, jusqu’au {until} (demande d’attente {hold}) : il ne peut pas être prêté à quelqu’un d’autre d’ici là.",
                  en: "{code} is kept for {member}, who was waiting for it, until {until} (hold {hold}): it cannot be lent to anyone else before then.")
    }

    /// The member has a loan past its due date and the co-op's setting blocks new loans until it
    /// comes back (409).
    public static func overdueLoanBlocks(_ member: String, loan: Int64, item: String, due: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.overdue_loan", field: "member",
                  ["member": .text(member), "loan": .integer(loan), "item": .text(item), "due": .text(due.iso8601)],
                  fr: "{member} a un prêt en retard ({item}, à rendre le {due}, prêt {loan}) : pas de nouveau prêt avant son retour.",
                  en: "{member} has an overdue loan ({item}, due {due}, loan {loan}): no new loan until it comes back.")
    }

    /// A unit count below 1 or absurdly large (422).
    public static func invalidUnits(_ units: Int) -> CoopError {
        CoopError(.invalid, "lending.invalid_units", field: "units", ["units": .integer(Int64(units))],
                  fr: "Le nombre d’unités doit être de 1 à 1000 (reçu {units}).",
                  en: "The number of units must be from 1 to 1000 (got {units}).")
    }

    // MARK: Dates and instants

    /// A due date before the day the loan starts (422).
    public static func dueBeforeOut(_ due: LocalDate, out: LocalDate) -> CoopError {
        CoopError(.invalid, "lending.invalid_due", field: "due", ["due": .text(due.iso8601), "out": .text(out.iso8601)],
                  fr: "L’échéance {due} précède le jour du prêt ({out}).", en: "The due date {due} is before the loan day ({out}).")
    }

    /// A desk operation recorded in the future (422).
    public static func atInFuture(_ at: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.invalid, "lending.at_in_future", field: "at", ["at": .instant(at, timeZone)],
                  fr: "Le moment indiqué ({at}) est dans le futur : on n’enregistre que ce qui a eu lieu.",
                  en: "The time given ({at}) is in the future: only what happened can be recorded.")
    }

    /// A return recorded before the loan went out (422).
    public static func atBeforeOut(_ at: Instant, out: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.invalid, "lending.at_before_out", field: "at", ["at": .instant(at, timeZone), "out": .instant(out, timeZone)],
                  fr: "Le retour ({at}) précède la sortie du prêt ({out}).", en: "The return ({at}) is before the loan went out ({out}).")
    }

    /// A date the co-op is closed, where an open day is needed (422): `reason` is the dated closure's,
    /// nil for a weekday closed every week (the `reason` argument is then `weekly`, for clients).
    public static func closedDay(_ day: LocalDate, field: String, reason: String?) -> CoopError {
        guard let reason else {
            return CoopError(.invalid, "lending.closed_day", field: field, ["date": .text(day.iso8601), "reason": .text("weekly")],
                             fr: "La coop est fermée le {date} (fermeture hebdomadaire).",
                             en: "The co-op is closed on {date} (closed every week).")
        }
        return CoopError(.invalid, "lending.closed_day", field: field, ["date": .text(day.iso8601), "reason": .text(reason)],
                         fr: "La coop est fermée le {date} ({reason}).", en: "The co-op is closed on {date} ({reason}).")
    }

    /// No open day within a year of a date: the closures leave no day to return on (409).
    public static func noOpenDay(after day: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.no_open_day", ["date": .text(day.iso8601)],
                  fr: "Aucun jour d’ouverture dans l’année qui suit le {date}.", en: "No open day in the year after {date}.")
    }

    // MARK: Loans

    /// No loan has this id (404).
    public static func loanNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "lending.loan_not_found", field: "loan", ["id": .integer(id)],
                  fr: "Prêt introuvable : {id}.", en: "Loan not found: {id}.")
    }

    /// No open loan of this item (for this member) to bring back (404).
    public static func noOpenLoan(_ code: String, member: String?) -> CoopError {
        if let member {
            return CoopError(.notFound, "lending.no_open_loan", field: "item", ["code": .text(code), "member": .text(member)],
                             fr: "Aucun prêt en cours de {code} pour {member}.", en: "No open loan of {code} for {member}.")
        }
        return CoopError(.notFound, "lending.no_open_loan", field: "item", ["code": .text(code)],
                         fr: "Aucun prêt en cours de {code}.", en: "No open loan of {code}.")
    }

    /// Several members have this item out: the member must be named (409).
    public static func loanAmbiguous(_ code: String, members: [String]) -> CoopError {
        CoopError(.conflict, "lending.loan_ambiguous", field: "member",
                  ["code": .text(code), "members": .text(members.joined(separator: ", "))],
                  fr: "{code} est en prêt chez plusieurs membres ({members}) : précisez le membre.",
                  en: "{code} is on loan to several members ({members}): name the member.")
    }

    /// The loan is already returned or declared lost (409).
    public static func loanClosed(_ id: Int64, status: LoanStatus) -> CoopError {
        CoopError(.conflict, "lending.loan_closed", field: "loan", ["id": .integer(id), "status": .localized(status.label, code: status.rawValue)],
                  fr: "Le prêt {id} est clos ({status}).", en: "Loan {id} is closed ({status}).")
    }

    /// The loan has used all its renewals (409).
    /// With a limit of 0 the policy allows no renewal at all, which is what the message then says.
    public static func renewalLimit(_ id: Int64, limit: Int) -> CoopError {
        guard limit > 0 else {
            return CoopError(.conflict, "lending.renewal_limit", field: "loan", ["id": .integer(id), "limit": .integer(0)],
                             fr: "Le prêt {id} ne peut pas être renouvelé : sa politique de prêt n’en permet aucun.",
                             en: "Loan {id} cannot be renewed: its loan policy allows no renewal.")
        }
        return CoopError(.conflict, "lending.renewal_limit", field: "loan",
                         ["id": .integer(id), "limit": .count(.integer(Int64(limit)), Plural(fr: "fois", "fois", en: "time", "times"))],
                         fr: "Le prêt {id} a déjà été renouvelé {limit}, le maximum.",
                         en: "Loan {id} was already renewed {limit}, the maximum.")
    }

    /// The extension would take units someone else has reserved (409).
    public static func reservationConflict(_ id: Int64, code: String, on day: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.reservation_conflict", field: "loan",
                  ["id": .integer(id), "code": .text(code), "date": .text(day.iso8601)],
                  fr: "Impossible de prolonger le prêt {id} : {code} est réservé par quelqu’un d’autre le {date}.",
                  en: "Loan {id} cannot be extended: {code} is reserved by someone else on {date}.")
    }

    /// Members may not renew loans of this policy themselves (403).
    public static func selfRenewNotAllowed(_ id: Int64) -> CoopError {
        CoopError(.forbidden, "lending.self_renew_not_allowed", field: "loan", ["id": .integer(id)],
                  fr: "Le prêt {id} ne peut être renouvelé qu’au comptoir.", en: "Loan {id} can only be renewed at the desk.")
    }

    /// An overdue loan is brought back (and its fee charged) rather than renewed (409).
    public static func loanOverdue(_ id: Int64, due: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.loan_overdue", field: "loan", ["id": .integer(id), "due": .text(due.iso8601)],
                  fr: "Le prêt {id} est en retard depuis le {due} : il doit être rapporté.",
                  en: "Loan {id} has been overdue since {due}: it must be brought back.")
    }

    /// Others are waiting for this item: the loan is not renewed (409).
    public static func holdsWaiting(_ id: Int64, code: String, count: Int) -> CoopError {
        CoopError(.conflict, "lending.holds_waiting", field: "loan",
                  ["id": .integer(id), "code": .text(code),
                   "count": .count(.integer(Int64(count)), Plural(fr: "membre attend", "membres attendent",
                                                          en: "member is waiting for", "members are waiting for"))],
                  fr: "Le prêt {id} ne peut être renouvelé : {count} {code}.",
                  en: "Loan {id} cannot be renewed: {count} {code}.")
    }

    // MARK: Reservations

    /// `from` after `to` (422).
    public static func invalidRange(from: LocalDate, to: LocalDate) -> CoopError {
        CoopError(.invalid, "lending.invalid_range", field: "to", ["from": .text(from.iso8601), "to": .text(to.iso8601)],
                  fr: "La période du {from} au {to} finit avant de commencer.", en: "The period from {from} to {to} ends before it starts.")
    }

    /// A reservation starting before today (422).
    public static func reservationInPast(_ from: LocalDate) -> CoopError {
        CoopError(.invalid, "lending.reservation_in_past", field: "from", ["from": .text(from.iso8601)],
                  fr: "Une réservation ne peut commencer dans le passé ({from}).", en: "A reservation cannot start in the past ({from}).")
    }

    /// Longer than the policy's maximum reservation length (422).
    public static func reservationTooLong(days: Int, max: Int) -> CoopError {
        CoopError(.invalid, "lending.reservation_too_long", field: "to",
                  ["days": .count(.integer(Int64(days)), .days), "max": .count(.integer(Int64(max)), .days)],
                  fr: "Une réservation de {days} dépasse le maximum de {max}.",
                  en: "A reservation of {days} is longer than the maximum of {max}.")
    }

    /// Starting further ahead than the policy allows (422).
    public static func reservationTooFar(days: Int, max: Int) -> CoopError {
        CoopError(.invalid, "lending.reservation_too_far", field: "from",
                  ["days": .count(.integer(Int64(days)), .days), "max": .count(.integer(Int64(max)), .days)],
                  fr: "On ne réserve pas {days} à l’avance : au plus {max}.",
                  en: "Reservations cannot start {days} ahead: at most {max}.")
    }

    /// The plan's limit of active reservations is reached (409).
    public static func reservationLimit(_ number: String, limit: Int) -> CoopError {
        CoopError(.conflict, "lending.reservation_limit", field: "member",
                  ["number": .text(number),
                   "limit": .count(.integer(Int64(limit)), Plural(fr: "réservation active", "réservations actives",
                                                          en: "active reservation", "active reservations"))],
                  fr: "{number} a déjà {limit}, le maximum de sa formule.",
                  en: "{number} already has {limit}, the most the plan allows.")
    }

    /// No reservation has this id (404).
    public static func reservationNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "lending.reservation_not_found", field: "reservation", ["id": .integer(id)],
                  fr: "Réservation introuvable : {id}.", en: "Reservation not found: {id}.")
    }

    /// The reservation is collected, cancelled or expired (409).
    public static func reservationNotActive(_ id: Int64, status: String) -> CoopError {
        CoopError(.conflict, "lending.reservation_not_active", field: "reservation", ["id": .integer(id), "status": .text(status)],
                  fr: "La réservation {id} n’est plus active ({status}).", en: "Reservation {id} is no longer active ({status}).")
    }

    /// Picking up before the first day of the reservation (409).
    public static func reservationNotStarted(_ id: Int64, from: LocalDate) -> CoopError {
        CoopError(.conflict, "lending.reservation_not_started", field: "reservation", ["id": .integer(id), "from": .text(from.iso8601)],
                  fr: "La réservation {id} commence le {from} : elle se retire ce jour-là.",
                  en: "Reservation {id} starts on {from}: it is picked up that day.")
    }

    // MARK: Holds

    /// No hold has this id (404).
    public static func holdNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "lending.hold_not_found", field: "hold", ["id": .integer(id)],
                  fr: "Demande d’attente introuvable : {id}.", en: "Hold not found: {id}.")
    }

    /// A unit is free now: borrow it rather than wait (409).
    public static func holdNotNeeded(_ code: String, available: Int) -> CoopError {
        CoopError(.conflict, "lending.hold_not_needed", field: "item",
                  ["code": .text(code), "available": .count(.integer(Int64(available)), Plural(fr: "unité libre", "unités libres",
                                                                                      en: "unit free", "units free"))],
                  fr: "{code} a {available} : empruntez-en une plutôt que d’attendre.",
                  en: "{code} has {available}: borrow one rather than wait.")
    }

    /// The member is already in line for this item (409).
    public static func holdExists(_ code: String, member: String, id: Int64) -> CoopError {
        CoopError(.conflict, "lending.hold_exists", field: "member", ["code": .text(code), "member": .text(member), "id": .integer(id)],
                  fr: "{member} attend déjà {code} (demande {id}).", en: "{member} is already waiting for {code} (hold {id}).")
    }

    /// The hold is fulfilled, expired or cancelled (409).
    public static func holdNotActive(_ id: Int64, status: String) -> CoopError {
        CoopError(.conflict, "lending.hold_not_active", field: "hold", ["id": .integer(id), "status": .text(status)],
                  fr: "La demande {id} n’est plus active ({status}).", en: "Hold {id} is no longer active ({status}).")
    }

    /// Only waiting holds have a place in line to move (409).
    public static func holdNotWaiting(_ id: Int64, status: String) -> CoopError {
        CoopError(.conflict, "lending.hold_not_waiting", field: "hold", ["id": .integer(id), "status": .text(status)],
                  fr: "La demande {id} n’est pas en file d’attente ({status}).", en: "Hold {id} is not waiting in line ({status}).")
    }

    /// A place in line below 1 (422).
    public static func invalidPosition(_ position: Int) -> CoopError {
        CoopError(.invalid, "lending.invalid_position", field: "position", ["position": .integer(Int64(position))],
                  fr: "La position doit être d’au moins 1 (reçu {position}).", en: "The position must be at least 1 (got {position}).")
    }

    // MARK: Fees

    /// No fee has this id (404).
    public static func feeNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "lending.fee_not_found", field: "fee", ["id": .integer(id)],
                  fr: "Frais introuvables : {id}.", en: "Fee not found: {id}.")
    }

    /// The fee was already waived (409).
    public static func feeAlreadyWaived(_ id: Int64) -> CoopError {
        CoopError(.conflict, "lending.fee_already_waived", field: "fee", ["id": .integer(id)],
                  fr: "Les frais {id} ont déjà été annulés.", en: "Fee {id} was already waived.")
    }

    /// A fee amount of zero or less (422).
    public static func invalidFeeAmount(_ amount: Money) -> CoopError {
        CoopError(.invalid, "lending.invalid_fee_amount", field: "amount", ["amount": .money(amount)],
                  fr: "Des frais doivent être positifs (reçu {amount}).", en: "A fee must be positive (got {amount}).")
    }

    // MARK: Policies, closures, settings

    /// A policy value out of its range (422), in the value's own unit: `de 1 à 365 jours`,
    /// `de 0,00 $ à 100 000,00 $ (reçu -1,00 $)`.
    public static func invalidPolicyValue(_ field: String, _ value: Int64, min: Int64, max: Int64,
                                          unit: LoanPolicy.Unit) -> CoopError {
        let arguments: [String: MessageArgument] = switch unit {
        case .days: ["value": .integer(value), "min": .integer(min), "max": .count(.integer(Int64(max)), .days)]
        case .count: ["value": .integer(value), "min": .integer(min), "max": .integer(max)]
        case .money: ["value": .money(Money(cents: value)), "min": .money(Money(cents: min)), "max": .money(Money(cents: max))]
        }
        return CoopError(.invalid, "lending.invalid_policy_value", field: field,
                         arguments.merging(["field": .field(field, .subject)]) { a, _ in a },
                         fr: "{field} doit être de {min} à {max} (reçu {value}).", en: "{field} must be from {min} to {max} (got {value}).")
    }

    /// No policy for this category (404).
    public static func policyNotFound(_ category: String) -> CoopError {
        CoopError(.notFound, "lending.policy_not_found", field: "category", ["category": .text(category)],
                  fr: "Aucune règle de prêt pour la catégorie « {category} ».", en: "No loan policy for the category \"{category}\".")
    }

    /// A weekday other than 1 (Monday) … 7 (Sunday) or a day name (422).
    public static func invalidWeekday(_ value: String) -> CoopError {
        CoopError(.invalid, "lending.invalid_weekday", field: "weekday", ["value": .text(value)],
                  fr: "Jour de la semaine inconnu « {value} » (1 à 7, ou lundi à dimanche).",
                  en: "Unknown weekday \"{value}\" (1 to 7, or monday to sunday).")
    }

    /// Closing every day of the week would leave no day to return loans on (422).
    public static func allDaysClosed() -> CoopError {
        CoopError(.invalid, "lending.all_days_closed", field: "weekdays",
                  fr: "La coop ne peut être fermée tous les jours de la semaine.", en: "The co-op cannot be closed every day of the week.")
    }

    /// No dated closure on this day (404).
    public static func closureNotFound(_ day: LocalDate) -> CoopError {
        CoopError(.notFound, "lending.closure_not_found", field: "date", ["date": .text(day.iso8601)],
                  fr: "Aucune fermeture le {date}.", en: "No closure on {date}.")
    }

    /// A negative fee threshold (422).
    public static func invalidThreshold(_ amount: Money) -> CoopError {
        CoopError(.invalid, "lending.invalid_threshold", field: "feeThreshold", ["amount": .money(amount)],
                  fr: "Le seuil de frais ne peut pas être négatif ({amount}).", en: "The fee threshold cannot be negative ({amount}).")
    }

    /// A report name that does not exist (404).
    public static func unknownReport(_ name: String) -> CoopError {
        CoopError(.notFound, "lending.unknown_report", field: "report", ["name": .text(name)],
                  fr: "Rapport inconnu « {name} » (`overdue`, `due-today`, `expected-returns`, `to-prepare`, `popular` ou `never-borrowed`).",
                  en: "Unknown report \"{name}\" (`overdue`, `due-today`, `expected-returns`, `to-prepare`, `popular` or `never-borrowed`).")
    }
}
