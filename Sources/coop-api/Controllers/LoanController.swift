import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// `/api/v1/loans`: staff check out, bring back, declare lost and charge damage; any token lists and
/// reads loans and renews one (the library limits a member to their own loans, and renewing to loans
/// whose policy allows self-renewal).
struct LoanController {
    let lending: LendingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("loans", use: list)
        group.post("loans", use: checkOut)
        group.get("loans/:id", use: show)
        group.post("loans/:id/return", use: checkIn)
        group.post("loans/:id/renew", use: renew)
        group.post("loans/:id/lost", use: lost)
        group.post("loans/:id/damage", use: damage)
    }

    struct LostBody: Decodable {
        let note: String?
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.loans)
        let query = request.formQuery
        let filter = LoanFilter(member: query.get("member"), item: query.get("item"), open: try LendingQuery.flag("open", in: query),
                                overdue: try LendingQuery.flag("overdue", in: query))
        let page = try request.pageRequest()
        return try JSON.response(try await lending.loans(filter, page: page))
    }

    @Sendable func checkOut(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.checkOut)
        let body = try await JSON.decode(CheckOutRequest.self, from: request, context: context)
        let loan = try await lending.checkOut(item: body.item, member: body.member, units: body.units, due: body.due, at: body.at)
        return try JSON.response(loan, status: .created, location: "/api/v1/loans/\(loan.id)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.loan)
        return try JSON.response(try await lending.loan(try LendingQuery.id(context, field: "loan")))
    }

    @Sendable func checkIn(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.checkIn)
        let id = try LendingQuery.id(context, field: "loan")
        let body = try await JSON.decodeIfPresent(CheckInRequest.self, from: request, context: context) ?? CheckInRequest()
        return try JSON.response(try await lending.checkIn(loan: id, condition: body.condition, maintenance: body.maintenance,
                                                           at: body.at))
    }

    @Sendable func renew(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.renew)
        return try JSON.response(try await lending.renew(loan: try LendingQuery.id(context, field: "loan")))
    }

    @Sendable func lost(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.declareLost)
        let id = try LendingQuery.id(context, field: "loan")
        let body = try await JSON.decodeIfPresent(LostBody.self, from: request, context: context)
        return try JSON.response(try await lending.declareLost(loan: id, note: body?.note))
    }

    @Sendable func damage(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.chargeDamage)
        let id = try LendingQuery.id(context, field: "loan")
        let body = try await JSON.decode(DamageRequest.self, from: request, context: context)
        let fee = try await lending.chargeDamage(loan: id, amount: body.amount, reason: body.reason)
        return try JSON.response(fee, status: .created, location: "/api/v1/fees/\(fee.id)")
    }
}

/// Path and query values of the lending routes, read with Lending's own parsers so that both faces
/// refuse the same input with the same codes.
enum LendingQuery {
    /// The `:id` path parameter as a positive id, refused as `common.invalid_value` naming `field`.
    static func id(_ context: CoopRequestContext, field: String) throws -> Int64 {
        try LendingInput.id(try context.parameters.require("id"), field: field)
    }

    /// `true` or `false`; absent is false.
    static func flag(_ name: String, in query: Parameters) throws -> Bool {
        guard let text = query.get(name) else { return false }
        guard let flag = Bool(text) else {
            throw CoopError.invalidValue(name, text, expected: .init(fr: "`true` ou `false`", en: "`true` or `false`"))
        }
        return flag
    }

    /// An optional `YYYY-MM-DD` query value.
    static func date(_ name: String, in query: Parameters) throws -> LocalDate? {
        try query.get(name).map { try LendingInput.date($0, field: name) }
    }
}
