import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// `/api/v1/invoices` and `/api/v1/members/{number}/statement`: a member reads their own invoices and
/// statements; staff read everyone's and issue credit notes.
struct InvoiceController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("invoices", use: list)
        group.get("invoices/:number", use: show)
        group.post("invoices/:number/credit", use: credit)
        group.get("members/:number/statement", use: statement)
    }

    /// `{"reason": "…", "lines": [{"product": "POMMES", "quantity": 1}]}`, or `{"reason": "…", "all": true}`
    /// to credit everything left.
    struct CreditBody: Decodable {
        let reason: String
        let lines: [CreditLineInput]?
        let all: Bool?
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.invoices)
        let query = request.formQuery
        let member = query.get("member")
        var kind: InvoiceKind?
        if let text = query.get("kind") {
            guard let k = InvoiceKind(rawValue: text) else {
                throw CoopError.invalidValue("kind", text, expected: .init(fr: "`invoice` ou `credit_note`", en: "`invoice` or `credit_note`"))
            }
            kind = k
        }
        return try JSON.response(try await orders.invoices(member: member, cycle: try OrdersInput.queryID(request, "cycle"), kind: kind,
                                                           page: try request.pageRequest()))
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.invoice)
        return try JSON.response(try await orders.invoice(try OrdersInput.path(context, "number")))
    }

    @Sendable func credit(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.creditNote)
        let body = try await JSON.decode(CreditBody.self, from: request, context: context)
        let note = try await orders.creditNote(invoice: try OrdersInput.path(context, "number"), reason: body.reason,
                                               try CreditScope(lines: body.lines ?? [], all: body.all ?? false))
        return try JSON.response(note, status: .created, location: "/api/v1/invoices/\(note.number)")
    }

    @Sendable func statement(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.statement)
        let number = MembershipService.normalizedNumber(try OrdersInput.path(context, "number"))
        let month = try YearMonth(parsing: try OrdersInput.required(request, "month"), field: "month")
        return try JSON.response(try await orders.statement(member: number, month: month))
    }
}
