import Coop
import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Inventory
import Lending
import Membership

/// The lending desk for volunteers: `GET /desk`, one autofocused field that takes a member's card
/// number, name, e-mail or phone, or an item's code from a barcode scanner (keystrokes then Enter).
/// The desk's state (the member open, the items scanned so far) travels in the address
/// (`/desk?member=M-0001&items=T-1,T-2`), so a reload or the back button never lends twice. Lending
/// and Membership decide every step (staff only, membership, fees, a unit already out); what they
/// refuse is said in their words on the next page.
struct DeskPage: Sendable {
    let coop: Coop
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("desk", use: show)
        group.post("desk/scan", use: scan)
        group.post("desk/checkout", use: checkOut)
        group.get("desk/receipt", use: receipt)
    }

    static func href(member: String?, items: [String] = [], find: String? = nil, language: Language) -> String {
        WebLinks.href("/desk", [("member", member), ("items", items.isEmpty ? nil : items.joined(separator: ",")), ("find", find),
                               ("lang", language.rawValue)])
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A member's card carries their number: `M-0001`, `m0001` or the digits alone. Phone numbers are
    /// longer than six digits, so they are searched as text instead.
    static func looksLikeMemberNumber(_ text: String) -> Bool {
        text.range(of: #"^([mM]-?)?[0-9]{1,6}$"#, options: .regularExpression) != nil
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language, query = request.formQuery
        let number = query.get("member").flatMap { $0.isEmpty ? nil : $0 }, items = Self.list(query.get("items"))
        let lending = coop.lending.acting(as: caller), membership = coop.membership.acting(as: caller)
        let inventory = coop.inventory.acting(as: caller)
        do {
            // Lending's desk verbs are staff only: a member who types /desk is refused here, in words.
            _ = try await lending.holdsReady()
            var values: [String: Any?] = [
                "heading": DeskText.heading.render(language), "scanLabel": DeskText.scanLabel.render(language),
                "scanHint": DeskText.scanHint.render(language), "scanButton": DeskText.scanButton.render(language),
                "member": number, "itemsValue": items.joined(separator: ","),
                "conditionLabel": DeskText.condition.render(language), "conditionHint": DeskText.conditionHint.render(language),
                "todayLink": DeskText.todayLink.render(language),
            ]
            if let find = query.get("find"), !find.isEmpty {
                let matches = try await membership.findMembers(find, page: PageRequest(limit: 20)).items
                values["hasMatches"] = !matches.isEmpty
                values["matchesHeading"] = DeskText.pick.render(language, ["text": .text(find)])
                values["matches"] = matches.map { member in
                    ["name": "\(member.firstName) \(member.lastName)", "number": member.number,
                     "status": member.status.label.render(language), "href": Self.href(member: member.number, language: language)]
                }
            }
            if let number {
                values.merge(try await panel(number, items: items, lending: lending, membership: membership, inventory: inventory,
                                             language: language)) { $1 }
            }
            return pages.page("desk", title: DeskText.heading.render(language), values: present(values), visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    /// The open member's panel: who they are, whether they may borrow, what they have, what is kept
    /// for them and what has been scanned for them.
    func panel(
        _ number: String, items: [String], lending: LendingService, membership: MembershipService, inventory: InventoryService,
        language: Language
    ) async throws -> [String: Any?] {
        let member = try await membership.member(number)
        let account = try await lending.account(member: member.number)
        let loans = try await lending.loans(LoanFilter(member: member.number, open: true), page: PageRequest(limit: 100)).items
        let ready = try await lending.holds(member: member.number).filter { $0.status == .ready }
        var scanned: [[String: String]] = []
        for code in items {
            let name = (try? await inventory.item(code))?.name ?? code
            scanned.append(["code": code, "name": name])
        }
        let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
        return [
            "panel": true, "member": member.number, "name": "\(member.firstName) \(member.lastName)",
            "statusLine": WebText.memberStatus.render(language, ["status": .localized(member.status.label, code: member.status.rawValue)]),
            "endsLine": member.membershipEnds.map { WebText.membershipEnds.render(language, ["date": .text(WebText.longDay($0, language))]) },
            "balanceLine": WebText.balance.render(language, ["amount": .text(money(account.balance))]),
            "loansHeading": DeskText.loansOut.render(language), "hasLoans": !loans.isEmpty, "noLoans": WebText.noLoans.render(language),
            "loans": loans.map { loan in
                present(["item": loan.itemName, "code": loan.item,
                         "due": WebText.dueLine.render(language, ["date": .text(WebText.longDay(loan.due, language))]),
                         "late": loan.daysLate > 0 ? WebText.lateLine.render(language, [
                             "days": .count(.integer(Int64(loan.daysLate)), .days), "fee": .text(money(loan.fee))]) : nil])
            },
            "hasHolds": !ready.isEmpty, "holdsHeading": DeskText.keptForThem.render(language),
            "holds": ready.map { hold in
                ["item": hold.itemName, "code": hold.item,
                 "until": hold.readyUntil.map { DeskText.keptUntil.render(language, ["date": .text(WebText.longDay($0, language))]) } ?? ""]
            },
            "hasScanned": !scanned.isEmpty, "scannedHeading": DeskText.toLend.render(language), "scanned": scanned,
            "scanMore": DeskText.scanMore.render(language),
            "checkOutButton": DeskText.checkOutAll.render(language, ["count": .count(.integer(Int64(scanned.count)), DeskText.items)]),
            "closeHref": Self.href(member: nil, language: language), "closeMember": DeskText.closeMember.render(language),
        ]
    }

    /// One scan: a member's card opens their panel; an item's code is lent to the member open, or
    /// comes back in when it is out to them (or to anyone, with no member open).
    @Sendable func scan(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let text = (form.raw("scan") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let member = form["member"].flatMap { $0.isEmpty ? nil : $0 }
        var items = Self.list(form["items"])
        let here = { (items: [String]) in WebPages.seeOther(Self.href(member: member, items: items, language: language)) }
        guard !text.isEmpty else { return here(items) }
        let lending = coop.lending.acting(as: caller), membership = coop.membership.acting(as: caller)
        do {
            if Self.looksLikeMemberNumber(text), let found = try? await membership.member(text) {
                return WebPages.seeOther(Self.href(member: found.number, language: language))
            }
            if let item = try? await coop.inventory.acting(as: caller).item(text) {
                let out = try await lending.loans(LoanFilter(member: member, item: item.code, open: true), page: PageRequest(limit: 1)).items
                guard member == nil || !out.isEmpty else {
                    if !items.contains(item.code) { items.append(item.code) }
                    return here(items)
                }
                let condition = form.raw("condition").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
                let loan = try await lending.checkIn(item: item.code, member: member, condition: condition)
                WebVisit.say(notice: Self.returned(loan, language), context: context)
                return here(items)
            }
            // Not a card nor an item: a name, an e-mail or a phone number.
            let matches = try await membership.findMembers(text, page: PageRequest(limit: 2)).items
            if matches.count == 1 { return WebPages.seeOther(Self.href(member: matches[0].number, language: language)) }
            if matches.isEmpty { throw CoopError.deskNothingFound(text) }
            return WebPages.seeOther(Self.href(member: member, items: items, find: text, language: language))
        } catch let error as CoopError {
            WebVisit.say(alert: error.message(language), context: context)
            return here(items)
        }
    }

    /// What the desk says when an item comes back: that it is in, the late fee if any, and who is
    /// waiting for it now that it is kept for them.
    static func returned(_ loan: Loan, _ language: Language) -> String {
        var words = [DeskText.checkedIn.render(language, ["item": .text(loan.itemName), "member": .text(loan.member)])]
        if loan.fee.cents > 0 {
            words.append(DeskText.lateFee.render(language, ["days": .count(.integer(Int64(loan.daysLate)), .days),
                                                            "fee": .text(MessageArgument.money(loan.fee).formatted(language))]))
        }
        for hold in loan.holdsReady ?? [] {
            words.append(DeskText.holdNowReady.render(language, [
                "item": .text(hold.itemName), "member": .text(hold.member),
                "date": .text(hold.readyUntil.map { WebText.longDay($0, language) } ?? ""),
            ]))
        }
        return words.joined(separator: " ")
    }

    /// "Check out all": each scanned item is lent on its own (one refused does not stop the others),
    /// then the receipt of those lent; the refused stay on the desk with the reason.
    @Sendable func checkOut(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        guard let number = form["member"], !number.isEmpty else { return WebPages.seeOther(Self.href(member: nil, language: language)) }
        let lending = coop.lending.acting(as: caller)
        var lent: [Int64] = [], refused: [String] = [], reasons: [String] = []
        for code in Self.list(form["items"]) {
            do {
                lent.append(try await lending.checkOut(item: code, member: number).id)
            } catch let error as CoopError {
                refused.append(code)
                reasons.append(DeskText.notLent.render(language, ["item": .text(code), "reason": .text(error.message(language))]))
            }
        }
        if !reasons.isEmpty { WebVisit.say(alert: reasons.joined(separator: " "), context: context) }
        guard !lent.isEmpty else { return WebPages.seeOther(Self.href(member: number, items: refused, language: language)) }
        return WebPages.seeOther(WebLinks.href("/desk/receipt", [
            ("member", number), ("loans", lent.map(String.init).joined(separator: ",")),
            ("items", refused.isEmpty ? nil : refused.joined(separator: ",")), ("lang", language.rawValue),
        ]))
    }

    /// The receipt to print or show: the loans just made, each with its due date.
    @Sendable func receipt(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language, query = request.formQuery
        let lending = coop.lending.acting(as: caller)
        do {
            let member = try await coop.membership.acting(as: caller).member(query.get("member") ?? "")
            var loans: [Loan] = []
            for id in Self.list(query.get("loans")).compactMap({ Int64($0) }) {
                let loan = try await lending.loan(id)
                if loan.member == member.number { loans.append(loan) }
            }
            let values = present([
                "heading": DeskText.receipt.render(language), "coop": visit.siteName ?? pages.coopName,
                "name": "\(member.firstName) \(member.lastName)", "number": member.number,
                "dayLine": WebText.longDay(coop.context.today(), language),
                "lent": loans.map { loan in
                    ["item": loan.itemName, "code": loan.item,
                     "due": WebText.dueLine.render(language, ["date": .text(WebText.longDay(loan.due, language))])]
                },
                "printHint": DeskText.printHint.render(language),
                "back": DeskText.backToDesk.render(language),
                "backHref": Self.href(member: member.number, items: Self.list(query.get("items")), language: language),
                "nextMember": DeskText.nextMember.render(language), "nextHref": Self.href(member: nil, language: language),
            ])
            return pages.page("desk-receipt", title: DeskText.receipt.render(language), values: values, visit: visit)
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
