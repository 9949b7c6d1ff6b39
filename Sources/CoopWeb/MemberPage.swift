import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Lending
import Membership
import Notifications

/// `GET /me`: a signed-in member's own page — membership, balance and fees, open loans, reservations
/// and holds, each with what the co-op lets a member do themself (renew, cancel), and their password.
/// The actions post here and answer 303 back to `/me`; Lending and Membership decide each of them
/// (a renewal the policy keeps for the desk is refused there, in words).
struct MemberPage: Sendable {
    let membership: MembershipService
    let lending: LendingService
    let signIn: SignInService
    let notifications: NotificationService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("me", use: show)
        group.post("me/loans/:id/renew", use: renew)
        group.post("me/reservations/:id/cancel", use: cancelReservation)
        group.post("me/holds/:id/cancel", use: cancelHold)
        group.post("me/password", use: setPassword)
        group.post("me/notices", use: setNotices)
    }

    /// What `?done=` says after an action succeeded.
    static let notices: [String: LocalizedText] = [
        "renewed": WebText.renewed, "reservation-cancelled": WebText.reservationCancelled,
        "hold-cancelled": WebText.holdCancelled, "password": WebText.passwordSet,
        "reserved": WebText.reserved, "hold": WebText.holdPlaced, "notices": WebText.noticesSaved,
    ]

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await render(request, context: context, error: nil)
    }

    func render(_ request: Request, context: CoopRequestContext, error: CoopError?) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, let number = caller.memberNumber else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        do {
            let membership = self.membership.acting(as: caller), lending = self.lending.acting(as: caller)
            let member = try await membership.member(number)
            let account = try await lending.account(member: number)
            let loans = try await lending.loans(LoanFilter(member: number, open: true), page: PageRequest(limit: 100)).items
            let reservations = try await lending.reservations(ReservationFilter(member: number, status: .booked), page: PageRequest(limit: 100)).items
            let holds = try await lending.holds(member: number)
            let preferences = try await notifications.acting(as: caller).preferences(member: number)
            var policies: [String: LoanPolicy] = [:]
            for loan in loans where policies[loan.item] == nil { policies[loan.item] = try await lending.policy(forItem: loan.item) }
            let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
            let owed = account.fees.filter { $0.status == .due }
            let values = present([
                "heading": WebText.myAccount.render(language),
                "name": "\(member.firstName) \(member.lastName)", "number": member.number,
                "notice": request.uri.queryParameters.get("done").flatMap { Self.notices[$0] }?.render(language),
                "error": error?.message(language),
                "membershipHeading": WebText.membership.render(language),
                "statusLine": WebText.memberStatus.render(language, ["status": .localized(member.status.label, code: member.status.rawValue)]),
                "endsLine": member.membershipEnds.map { WebText.membershipEnds.render(language, ["date": .text(WebText.longDay($0, language))]) },
                "balanceLine": WebText.balance.render(language, ["amount": .text(money(account.balance))]),
                "invoicesLink": WebText.myInvoicesLink.render(language), "invoicesHref": "/me/invoices?lang=\(language.rawValue)",
                "feesLine": owed.isEmpty ? nil : WebText.feesOwed.render(language, [
                    "count": .count(.integer(Int64(owed.count)), .fees),
                    "amount": .text(money(Money(cents: owed.reduce(0) { $0 + $1.amount.cents })))]),
                "loansHeading": WebText.loansHeading.render(language), "hasLoans": !loans.isEmpty,
                "noLoans": WebText.noLoans.render(language),
                "loans": loans.map { loan in
                    let policy = policies[loan.item]
                    return present([
                        "item": loan.itemName, "code": loan.item, "id": String(loan.id),
                        "due": WebText.dueLine.render(language, ["date": .text(WebText.longDay(loan.due, language))]),
                        "late": loan.daysLate > 0 ? WebText.lateLine.render(language, [
                            "days": .count(.integer(Int64(loan.daysLate)), .days), "fee": .text(money(loan.fee))]) : nil,
                        "renewable": (policy?.selfRenew ?? false) && loan.renewals < loan.maxRenewals,
                        "renewLabel": WebText.renew.render(language, ["item": .text(loan.itemName)]),
                    ])
                },
                "reservationsHeading": WebText.reservationsHeading.render(language), "hasReservations": !reservations.isEmpty,
                "noReservations": WebText.noReservations.render(language),
                "reservations": reservations.map { reservation in
                    [
                        "item": reservation.itemName, "id": String(reservation.id),
                        "period": WebText.dayRange.render(language, ["from": .text(WebText.longDay(reservation.from, language)),
                                                                     "to": .text(WebText.longDay(reservation.to, language))]),
                        "cancelLabel": WebText.cancelReservation.render(language, ["item": .text(reservation.itemName)]),
                    ]
                },
                "holdsHeading": WebText.holdsHeading.render(language), "hasHolds": !holds.isEmpty,
                "noHolds": WebText.noHolds.render(language),
                "holds": holds.map { hold in
                    present([
                        "item": hold.itemName, "id": String(hold.id),
                        "state": hold.readyUntil.map { WebText.holdReady.render(language, ["date": .text(WebText.longDay($0, language))]) }
                            ?? hold.position.map { WebText.holdWaiting.render(language, ["position": .integer(Int64($0))]) },
                        "cancelLabel": WebText.cancelHold.render(language, ["item": .text(hold.itemName)]),
                    ])
                },
                "noticesHeading": WebText.noticesHeading.render(language), "noticesHint": WebText.noticesHint.render(language),
                "noticesButton": WebText.saveNotices.render(language),
                "topics": preferences.map { ["topic": $0.topic.rawValue, "label": InvoicePages.capitalized($0.topic.label.render(language)),
                                             "checked": $0.enabled] as [String: Any] },
                "passwordHeading": WebText.passwordHeading.render(language),
                "passwordLabel": WebText.newPassword.render(language),
                "passwordHint": WebText.newPasswordHint.render(language, ["min": .integer(Int64(SignInService.minPasswordLength))]),
                "passwordButton": WebText.savePassword.render(language),
            ])
            return pages.page("me", title: WebText.myAccount.render(language), values: values, visit: visit,
                              status: error.map { $0.kind.status } ?? .ok)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    @Sendable func renew(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await act(request, context: context, done: "renewed") { caller, id in
            _ = try await lending.acting(as: caller).renew(loan: id)
        }
    }

    @Sendable func cancelReservation(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await act(request, context: context, done: "reservation-cancelled") { caller, id in
            _ = try await lending.acting(as: caller).cancelReservation(id)
        }
    }

    @Sendable func cancelHold(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await act(request, context: context, done: "hold-cancelled") { caller, id in
            _ = try await lending.acting(as: caller).cancelHold(id)
        }
    }

    @Sendable func setPassword(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        guard let caller = context.caller else { return WebPages.signInFirst(request, WebVisit(request: request, context: context)) }
        do {
            try await signIn.acting(as: caller).setPassword(form.raw("password") ?? "")
            return WebPages.seeOther("/me?done=password")
        } catch let error as CoopError {
            return try await render(request, context: context, error: error)
        }
    }

    /// The e-mail reminders form: a box per kind; the ticked ones are on, the others off.
    @Sendable func setNotices(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        guard let caller = context.caller, let number = caller.memberNumber else {
            return WebPages.signInFirst(request, WebVisit(request: request, context: context))
        }
        let ticked = Set((form.fields["topic"] ?? []).compactMap(NoticeTopic.init(rawValue:)))
        do {
            _ = try await notifications.acting(as: caller).setPreferences(member: number, enabled: ticked)
            return WebPages.seeOther("/me?done=notices")
        } catch let error as CoopError {
            return try await render(request, context: context, error: error)
        }
    }

    /// An action on one of the member's loans, reservations or holds, named by `:id`: 303 to `/me` with
    /// `done` when the domain agreed, else `/me` again with its refusal.
    func act(
        _ request: Request, context: CoopRequestContext, done: String,
        _ action: (Caller, Int64) async throws -> Void
    ) async throws -> Response {
        guard let caller = context.caller else { return WebPages.signInFirst(request, WebVisit(request: request, context: context)) }
        do {
            guard let id = Int64(try context.parameters.require("id")) else { throw CoopError.unknownPage() }
            try await action(caller, id)
            return WebPages.seeOther("/me?done=\(done)")
        } catch let error as CoopError {
            return try await render(request, context: context, error: error)
        }
    }
}
