import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Membership
import Orders

/// The printable pages of a member's account: `GET /me/invoices` (their invoices and credit notes,
/// newest first, and the months with a statement), `GET /me/invoices/{number}` (one document) and
/// `GET /me/statements/{yyyy-mm}` (a month's statement), each headed by the co-op's name, address and
/// tax numbers from its profile, and laid out for the browser's Print (`@media print` in coop.css).
///
/// Orders decides who sees what: a member their own documents (another member's invoice is refused in
/// words), the desk anyone's; the list and the statement take `?member=M-0002` for the desk.
struct InvoicePages: Sendable {
    let orders: OrdersService
    let membership: MembershipService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("me/invoices", use: list)
        group.get("me/invoices/:number", use: invoice)
        group.get("me/statements/:month", use: statement)
    }

    /// Documents read for the list, one page at a time.
    static let pageSize = 500

    /// The signed-in member, or the member the desk asked for with `?member=`.
    static func member(_ request: Request, _ caller: Caller) -> String {
        request.uri.queryParameters.get("member").flatMap { $0.isEmpty ? nil : String($0) } ?? caller.memberNumber ?? ""
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, let own = caller.memberNumber else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let asked = Self.member(request, caller)
        do {
            let orders = self.orders.acting(as: caller), membership = self.membership.acting(as: caller)
            var documents: [Invoice] = []
            var page = PageRequest(limit: Self.pageSize)
            while true {
                let found = try await orders.invoices(member: asked, page: page)
                documents += found.items
                guard let next = found.next else { break }
                page = try PageRequest(limit: String(Self.pageSize), cursor: next)
            }
            let member = try await membership.member(asked)
            let account = try await membership.account(asked)
            let zone = orders.context.timeZone
            let today = orders.context.today()
            let current = YearMonth(year: today.year, month: today.month)!
            let previous = current.firstDay.adding(days: -1)
            var months: Set<YearMonth> = [current, YearMonth(year: previous.year, month: previous.month)!]
            for entry in account.entries {
                let day = entry.at.localDate(in: zone)
                if let month = YearMonth(year: day.year, month: day.month) { months.insert(month) }
            }
            let suffix: [(String, String?)] = asked == own ? [("lang", language.rawValue)] : [("member", asked), ("lang", language.rawValue)]
            let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
            let name = "\(member.firstName) \(member.lastName)"
            let values = present([
                "heading": (asked == own ? WebText.invoicesHeading : WebText.invoicesOf).render(language, ["name": .text(name)]),
                "memberLine": WebText.memberLine.render(language, ["name": .text(name), "number": .text(member.number)]),
                "documentsHeading": WebText.documentsHeading.render(language),
                "hasDocuments": !documents.isEmpty, "noDocuments": WebText.noInvoices.render(language),
                "numberColumn": WebText.numberColumn.render(language), "dateColumn": WebText.dateColumn.render(language),
                "kindColumn": WebText.kindColumn.render(language), "totalColumn": WebText.totalColumn.render(language),
                "documents": documents.reversed().map { document in
                    [
                        "number": document.number, "href": WebLinks.href("/me/invoices/\(document.number)", [("lang", language.rawValue)]),
                        "date": WebText.longDay(document.date, language), "kind": Self.capitalized(document.kind.label.render(language)),
                        "total": money(document.total),
                    ]
                },
                "statementsHeading": WebText.statementsHeading.render(language),
                "months": months.sorted(by: >).map { month in
                    ["month": Self.capitalized(WebText.month(month, language)),
                     "href": WebLinks.href("/me/statements/\(month)", suffix)]
                },
            ])
            return pages.page("invoices", title: WebText.invoicesHeading.render(language), values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    @Sendable func invoice(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        do {
            let orders = self.orders.acting(as: caller), membership = self.membership.acting(as: caller)
            let document = try await orders.invoice(try context.parameters.require("number"))
            let member = try await membership.member(document.member)
            let profile = try await membership.coopProfile()
            let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
            let kind = Self.capitalized(document.kind.label.render(language))
            let title = WebText.documentTitle.render(language, ["kind": .text(kind), "number": .text(document.number)])
            let link = { (number: String) in WebLinks.href("/me/invoices/\(number)", [("lang", language.rawValue)]) }
            let values = Self.header(profile, language).merging(present([
                "title": title,
                "issuedLine": WebText.issuedOn.render(language, ["date": .text(WebText.longDay(document.date, language))]),
                "memberHeading": WebText.billedTo.render(language),
                "memberLine": WebText.memberLine.render(language, ["name": .text("\(member.firstName) \(member.lastName)"),
                                                                   "number": .text(member.number)]),
                "credited": document.creditedInvoice.map { ["line": WebText.credits.render(language),
                                                            "href": link($0), "number": $0] },
                "reasonLine": document.reason.map { WebText.reasonLine.render(language, ["reason": .text($0)]) },
                "hasCreditNotes": !document.creditNotes.isEmpty, "creditNotesLine": WebText.creditedBy.render(language),
                "creditNotes": document.creditNotes.map { ["number": $0, "href": link($0)] },
                "linesCaption": WebText.linesCaption.render(language),
                "productColumn": WebText.productColumn.render(language), "quantityColumn": WebText.quantityColumn.render(language),
                "unitPriceColumn": WebText.unitPriceColumn.render(language), "amountColumn": WebText.amountColumn.render(language),
                "taxColumn": WebText.taxColumn.render(language),
                "lines": document.lines.map { line in
                    [
                        "name": line.name, "code": line.product,
                        "quantity": WebText.quantity(line.quantity, line.unit, language),
                        "unitPrice": WebText.unitPrice.render(language, ["price": .text(money(line.unitPrice)),
                                                                         "unit": .text(WebText.unitName(line.unit, language))]),
                        "amount": money(line.amount), "tax": Self.capitalized(line.tax.label.render(language)),
                    ]
                },
                "subtotalLabel": WebText.subtotal.render(language), "subtotal": money(document.subtotal),
                "taxes": document.taxes.map { tax in
                    ["label": WebText.taxLine.render(language, ["tax": .localized(tax.tax.label, code: tax.tax.rawValue),
                                                                "rate": .text(WebText.rate(tax.rate, language)),
                                                                "base": .text(money(tax.base))]),
                     "amount": money(tax.amount)]
                },
                "totalLabel": (document.kind == .creditNote ? WebText.creditTotal : WebText.total).render(language),
                "total": money(document.total),
                "printHint": WebText.printHint.render(language),
                "back": WebText.backToInvoices.render(language),
                "backHref": WebLinks.href("/me/invoices", document.member == caller.memberNumber
                                            ? [("lang", language.rawValue)] : [("member", document.member), ("lang", language.rawValue)]),
            ])) { _, new in new }
            return pages.page("invoice", title: title, values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit, back: ("/me/invoices?lang=\(language.rawValue)", WebText.backToInvoices))
        }
    }

    @Sendable func statement(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, let own = caller.memberNumber else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let asked = Self.member(request, caller)
        let back = (href: WebLinks.href("/me/invoices", asked == own ? [("lang", language.rawValue)]
                                            : [("member", asked), ("lang", language.rawValue)]), label: WebText.backToInvoices)
        do {
            // Only `YYYY-MM` names a statement; anything else is an address that leads nowhere.
            let text = try context.parameters.require("month")
            guard text.count == 7, let month = YearMonth(parsing: text) else { throw CoopError.unknownPage() }
            let orders = self.orders.acting(as: caller), membership = self.membership.acting(as: caller)
            let statement = try await orders.statement(member: asked, month: month)
            let member = try await membership.member(asked)
            let profile = try await membership.coopProfile()
            let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
            let title = WebText.statementOf.render(language, ["month": .text(WebText.month(month, language))])
            let values = Self.header(profile, language).merging(present([
                "title": title,
                "periodLine": WebText.periodLine.render(language, ["from": .text(WebText.longDay(statement.from, language)),
                                                                   "to": .text(WebText.longDay(statement.to, language))]),
                "memberHeading": WebText.billedTo.render(language),
                "memberLine": WebText.memberLine.render(language, ["name": .text("\(member.firstName) \(member.lastName)"),
                                                                   "number": .text(member.number)]),
                "entriesCaption": WebText.entriesCaption.render(language),
                "dateColumn": WebText.dateColumn.render(language), "descriptionColumn": WebText.descriptionColumn.render(language),
                "referenceColumn": WebText.referenceColumn.render(language), "amountColumn": WebText.amountColumn.render(language),
                "balanceColumn": WebText.balanceColumn.render(language),
                "openingLabel": WebText.openingBalance.render(language), "opening": money(statement.openingBalance),
                "closingLabel": WebText.closingBalance.render(language), "closing": money(statement.closingBalance),
                "hasEntries": !statement.entries.isEmpty, "noEntries": WebText.noEntries.render(language),
                // The descriptions are written in the member's language, which may not be the page's.
                "descriptionLang": statement.language.rawValue,
                "entries": statement.entries.map { entry in
                    present([
                        "date": WebText.longDay(entry.date, language), "description": entry.description,
                        "reference": entry.reference ?? "", "amount": money(entry.amount), "balance": money(entry.balance),
                        // An invoice's or credit note's entry links to the document.
                        "referenceHref": ["invoice", "credit_note"].contains(entry.kind)
                            ? entry.reference.map { WebLinks.href("/me/invoices/\($0)", [("lang", language.rawValue)]) } : nil,
                    ])
                },
                "signLine": WebText.balanceSign.render(language),
                "printHint": WebText.printHint.render(language),
                "back": back.label.render(language), "backHref": back.href,
            ])) { _, new in new }
            return pages.page("statement", title: title, values: values, visit: visit)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit, back: back)
        }
    }

    /// The co-op's name, address lines and tax numbers, atop every printable page.
    static func header(_ profile: CoopProfile, _ language: Language) -> [String: Any] {
        present([
            "coopName": profile.name, "hasAddress": !profile.addressLines.isEmpty,
            "coopAddress": profile.addressLines.map { ["line": $0] },
            "gstLine": profile.gstNumber.map { WebText.gstNumber.render(language, ["number": .text($0)]) },
            "qstLine": profile.qstNumber.map { WebText.qstNumber.render(language, ["number": .text($0)]) },
        ])
    }

    /// `facture` → `Facture`: a kind or class at the start of a cell.
    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
