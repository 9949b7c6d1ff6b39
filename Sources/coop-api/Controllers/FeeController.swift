import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// `/api/v1/fees`: lending fees (late, lost, damage). Any token lists and reads them, a member only
/// their own; staff waive one with a reason. Payments and the whole account are Orders' routes over the
/// shared account (`/api/v1/payments`, `/api/v1/members/{number}/account`).
struct FeeController {
    let lending: LendingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("fees", use: list)
        group.get("fees/:id", use: show)
        group.post("fees/:id/waive", use: waive)
    }

    /// `?member=NUMBER` (a member's token defaults to its own); `dueOnly=true` leaves out waived fees.
    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.fees)
        let query = request.formQuery
        let fees = try await lending.fees(member: query.get("member"), includeWaived: !(try LendingQuery.flag("dueOnly", in: query)))
        return try JSON.response(ItemList(fees))
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.fee)
        return try JSON.response(try await lending.fee(try LendingQuery.id(context, field: "fee")))
    }

    @Sendable func waive(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.waiveFee)
        let id = try LendingQuery.id(context, field: "fee")
        let body = try await JSON.decode(WaiveRequest.self, from: request, context: context)
        return try JSON.response(try await lending.waiveFee(id, reason: body.reason))
    }
}
