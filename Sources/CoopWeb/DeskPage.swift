import Coop
import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Inventory
import Lending
import Membership

/// The lending desk for volunteers: `GET /desk` with one field taking a member's card, name, e-mail
/// or phone, or an item's code from a barcode scanner; the desk's state (the member open, the items
/// scanned so far) travels in the address (`/desk?member=M-0001&items=T-1,T-2`). Lending and
/// Membership decide every step (staff only, membership, fees, unit out); refusals show in words.
struct DeskPage: Sendable {
    let coop: Coop
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("desk", use: show)
        group.post("desk/scan", use: scan)
        group.post("desk/checkout", use: checkOut)
        group.get("desk/today", use: today)
    }

    static func href(member: String?, items: [String], extra: [(String, String?)] = [], language: Language) -> String {
        WebLinks.href("/desk", [("member", member), ("items", items.isEmpty ? nil : items.joined(separator: ","))] + extra
                      + [("lang", language.rawValue)])
    }

    static func items(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let query = request.formQuery
        return try await render(request, context: context, member: query.get("member"), items: Self.items(query.get("items")),
                                notice: query.get("notice"), error: nil, matches: [])
    }

    func render(
        _ request: Request, context: CoopRequestContext, member number: String?, items: [String], notice: String?,
        error: CoopError?, matches: [Member]
    ) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let lending = self.lending.acting(as: caller), membership = coop.membership.acting(as: caller)
        let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
        do {
            // The desk's report verb refuses a member without the staff role (403), in its own words.
            _ = try await lending.dueToday()
            var values: [String: Any?] = [
                "heading": DeskText.heading.render(language), "scanLabel": DeskText.scanLabel.render(language),
                "scanButton": DeskText.scanButton.render(language), "member": number, "itemsValue": items.joined(separator: ","),
                "notice": notice, "error": error?.message(language),
                "conditionLabel": DeskText.condition.render(language),
                "todayLink": DeskText.todayLink.render(language),
                "newMember": DeskText.closeMember.render(language),
                "hasMatches": !matches.isEmpty, "matchesHeading": DeskText.pick.render(language),
                "matches": matches.map { ["name": "\($0.firstName) \($0.lastName)", "number": $0.number,
                                          "href": Self.href(member: $0.number, items: items, language: language)] },
            ]
            if let number {
                let member = try await membership.member(number)
                let account = try await lending.account(member: number)
                let loans = try await lending.loans(LoanFilter(member: number, open: true), page: PageRequest(limit: 100)).items
                let holds = try await lending.holds(member: number).filter { $0.readyUntil != nil }
                var scanned: [[String: Any]] = []
                for code in items {
                    let item = try? await coop.inventory.acting(as: caller).item(code)
                    scanned.append(["code": code, "name": item?.name ?? code])
                }
                values["panel"] = true
                values["name"] = "\(member.firstName) \(member.lastName)"
                values["statusLine"] = WebText.memberStatus.render(language, ["status": .localized(member.status.label, code: member.status.rawValue)])
                values["endsLine"] = member.membershipEnds.map { WebText.membershipEnds.render(language, ["date": .text(WebText.longDay($0, language))]) }
                values["balanceLine"] = WebText.balance.render(language, ["amount": .text(money(account.balance))])
                values["loansHeading"] = WebText.loansHeading.render(language)
                values["hasLoans"] = !loans.isEmpty
                values["noLoans"] = WebText.noLoans.render(language)
                values["loans"] = loans.map { loan in
                    present(["item": loan.itemName, "code": loan.item,
                             "due": WebText.dueLine.render(language, ["date": .text(WebText.longDay(loan.due, language))]),
                             "late": loan.daysLate > 0 ? WebText.lateLine.render(language, [
                                 "days": .count(.integer(Int64(loan.daysLate)), .days), "fee": .text(money(loan.fee))]) : nil])
                }
                values["hasHolds"] = !holds.isEmpty
                values["holdsHeading"] = DeskText.holdsReady.render(language)
                values["holds"] = holds.map { ["item": $0.itemName] }
                values["hasScanned"] = !scanned.isEmpty
                values["scannedHeading"] = DeskText.toLend.render(language)
                values["scanned"] = scanned
                values["checkOutButton"] = DeskText.checkOutAll.render(language)
                values["closeHref"] = Self.href(member: nil, items: [], language: language)
            }
            return pages.page("desk", title: DeskText.heading.render(language), values: present(values), visit: visit,
                              status: error.map { $0.kind.status } ?? .ok)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    var lending: LendingService { coop.lending }

    @Sendable func scan(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let text = (form.raw("scan") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let member = form["member"].flatMap { $0.isEmpty ? nil : $0 }
        var items = Self.items(form["items"])
        let lending = self.lending.acting(as: caller)
        guard !text.isEmpty else { return WebPages.seeOther(Self.href(member: member, items: items, language: language)) }
        do {
            // An item's code: lend it to the member open, or bring it back when it is out.
            if let item = try? await coop.inventory.acting(as: caller).item(text) {
                let open = try await lending.loans(LoanFilter(item: item.code, open: true), page: PageRequest(limit: 10)).items
                if member == nil || !open.isEmpty {
                    let condition = form.raw("condition").flatMap { $0.isEmpty ? nil : $0 }
                    let loan = try await lending.checkIn(item: item.code, condition: condition)
                    var notice = DeskText.checkedIn.render(language, ["item": .text(loan.itemName)])
                    if loan.fee.cents > 0 {
                        notice += " " + DeskText.lateFee.render(language, ["days": .count(.integer(Int64(loan.daysLate)), .days),
                                                                           "fee": .text(MessageArgument.money(loan.fee).formatted(language))])
                    }
                    let ready = try await lending.holds(item: item.code).filter { $0.readyUntil != nil }
                    for hold in ready {
                        notice += " " + DeskText.holdNowReady.render(language, ["member": .text(hold.member), "item": .text(hold.itemName)])
                    }
                    return WebPages.seeOther(Self.href(member: member, items: items, extra: [("notice", notice)], language: language))
                }
                if !items.contains(item.code) { items.append(item.code) }
                return WebPages.seeOther(Self.href(member: member, items: items, language: language))
            }
            // A member: by number (M-0001 or 1), else by name, e-mail or phone.
            let membership = coop.membership.acting(as: caller)
            let digits = text.filter(\.isNumber)
            for candidate in [text.uppercased(), digits.isEmpty ? nil : String(format: "M-%04d", Int(digits) ?? 0)].compactMap({ $0 }) {
                if let found = try? await membership.member(candidate) {
                    return WebPages.seeOther(Self.href(member: found.number, items: [], language: language))
                }
            }
            let matches = try await membership.findMembers(text, page: PageRequest(limit: 20)).items
            if matches.count == 1 { return WebPages.seeOther(Self.href(member: matches[0].number, items: [], language: language)) }
            if matches.isEmpty { throw CoopError.deskNothingFound(text) }
            return try await render(request, context: context, member: member, items: items, notice: nil, error: nil, matches: matches)
        } catch let error as CoopError {
            return try await render(request, context: context, member: member, items: items, notice: nil, error: error, matches: [])
        }
    }

    @Sendable func checkOut(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let items = Self.items(form["items"])
        guard let number = form["member"] else {
            return try await render(request, context: context, member: nil, items: items, notice: nil, error: CoopError.required("member"), matches: [])
        }
        let lending = self.lending.acting(as: caller)
        var lent: [[String: Any]] = [], refused: [[String: Any]] = []
        for code in items {
            do {
                let loan = try await lending.checkOut(item: code, member: number)
                lent.append(["item": loan.itemName, "code": loan.item,
                             "due": WebText.dueLine.render(language, ["date": .text(WebText.longDay(loan.due, language))])])
            } catch let error as CoopError {
                refused.append(["code": code, "reason": error.message(language)])
            }
        }
        do {
            let member = try await coop.membership.acting(as: caller).member(number)
            let values = present([
                "heading": DeskText.receipt.render(language), "coop": pages.coopName,
                "name": "\(member.firstName) \(member.lastName)", "number": member.number,
                "dayLine": WebText.longDay(coop.context.today(), language),
                "hasLent": !lent.isEmpty, "lent": lent, "hasRefused": !refused.isEmpty, "refused": refused,
                "refusedHeading": DeskText.notLent.render(language),
                "back": DeskText.backToDesk.render(language),
                "backHref": Self.href(member: refused.isEmpty ? nil : number, items: refused.compactMap { $0["code"] as? String }, language: language),
                "print": DeskText.print.render(language),
            ])
            return pages.page("desk-receipt", title: DeskText.receipt.render(language), values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    @Sendable func today(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let reports = lending.acting(as: caller)
        let day = { (date: LocalDate) in WebText.longDay(date, language) }
        do {
            let due = try await reports.dueToday()
            let prepare = try await reports.toPrepare()
            let overdue = try await reports.overdue()
            let holds = try await lending.acting(as: caller).holds(member: nil).filter { $0.readyUntil != nil }
            let values = present([
                "heading": DeskText.todayHeading.render(language),
                "dueHeading": DeskText.dueToday.render(language), "hasDue": !due.isEmpty,
                "due": due.map { ["item": $0.itemName, "member": $0.member, "due": day($0.due)] },
                "prepareHeading": DeskText.toPrepare.render(language), "hasPrepare": !prepare.isEmpty,
                "prepare": prepare.map { ["item": $0.itemName, "member": $0.member, "day": day($0.day)] },
                "holdsHeading": DeskText.holdsReady.render(language), "hasHolds": !holds.isEmpty,
                "holds": holds.map { ["item": $0.itemName, "member": $0.member, "until": $0.readyUntil.map(day) ?? ""] },
                "overdueHeading": DeskText.overdue.render(language), "hasOverdue": !overdue.isEmpty,
                "overdue": overdue.map { row in
                    ["item": row.itemName, "member": row.member, "due": day(row.due),
                     "late": WebText.lateLine.render(language, ["days": .count(.integer(Int64(row.daysLate)), .days),
                                                                "fee": .text(MessageArgument.money(row.accruedFee).formatted(language))])]
                },
                "none": DeskText.none.render(language),
                "itemColumn": DeskText.itemColumn.render(language), "memberColumn": DeskText.memberColumn.render(language),
                "dayColumn": DeskText.dayColumn.render(language), "lateColumn": DeskText.lateColumn.render(language),
            ])
            return pages.page("desk-today", title: DeskText.todayHeading.render(language), values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }
}

extension CoopError {
    /// Nothing at the desk answers to what was typed or scanned.
    static func deskNothingFound(_ text: String) -> CoopError {
        CoopError(.notFound, "web.desk_nothing_found",
                  fr: DeskText.nothingFound.fr.replacingOccurrences(of: "{text}", with: text),
                  en: DeskText.nothingFound.en.replacingOccurrences(of: "{text}", with: text))
    }
}

/// The desk's words.
enum DeskText {
    static let heading = LocalizedText(fr: "Comptoir de prêt", en: "Lending desk")
    static let scanLabel = LocalizedText(fr: "Carte de membre, nom, courriel, téléphone ou code d’un objet", en: "Member card, name, e-mail, phone or item code")
    static let scanButton = LocalizedText(fr: "Valider", en: "Enter")
    static let condition = LocalizedText(fr: "État au retour (facultatif)", en: "Condition on return (optional)")
    static let todayLink = LocalizedText(fr: "Le programme du jour", en: "Today’s list")
    static let closeMember = LocalizedText(fr: "Fermer ce membre", en: "Close this member")
    static let pick = LocalizedText(fr: "Plusieurs membres correspondent : choisissez", en: "Several members match: pick one")
    static let holdsReady = LocalizedText(fr: "Réservations prêtes à remettre", en: "Holds ready to hand over")
    static let toLend = LocalizedText(fr: "À prêter", en: "To lend")
    static let checkOutAll = LocalizedText(fr: "Tout prêter", en: "Check out all")
    static let checkedIn = LocalizedText(fr: "« {item} » est bien rentré.", en: "\"{item}\" is back in.")
    static let lateFee = LocalizedText(fr: "Retour en retard de {days} : frais de {fee}.", en: "Returned {days} late: a fee of {fee}.")
    static let holdNowReady = LocalizedText(fr: "« {item} » est maintenant réservé pour le membre {member} : mettez-le de côté.",
                                            en: "\"{item}\" is now ready for member {member}: put it aside.")
    static let receipt = LocalizedText(fr: "Reçu de prêt", en: "Loan receipt")
    static let notLent = LocalizedText(fr: "Pas prêté", en: "Not lent")
    static let backToDesk = LocalizedText(fr: "Retour au comptoir", en: "Back to the desk")
    static let print = LocalizedText(fr: "Imprimer", en: "Print")
    static let todayHeading = LocalizedText(fr: "Le programme du jour", en: "Today at the desk")
    static let dueToday = LocalizedText(fr: "Retours attendus aujourd’hui", en: "Returns expected today")
    static let toPrepare = LocalizedText(fr: "Réservations à préparer", en: "Reservations to prepare")
    static let overdue = LocalizedText(fr: "Prêts en retard", en: "Overdue loans")
    static let none = LocalizedText(fr: "Rien pour l’instant.", en: "Nothing for now.")
    static let itemColumn = LocalizedText(fr: "Objet", en: "Item")
    static let memberColumn = LocalizedText(fr: "Membre", en: "Member")
    static let dayColumn = LocalizedText(fr: "Jour", en: "Day")
    static let lateColumn = LocalizedText(fr: "Retard", en: "Late")
    static let nothingFound = LocalizedText(fr: "Rien ne correspond à « {text} ». Vérifiez l’orthographe ou scannez la carte.",
                                            en: "Nothing matches \"{text}\". Check the spelling or scan the card.")
}
