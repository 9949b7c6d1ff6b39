import CoopCore
import Hummingbird
import Membership

/// `/api/v1/payments` and `/api/v1/members/{number}/account`: the one member account that Lending's
/// fees and Orders' invoices and credit notes post to. Staff record payments; a member reads their own
/// account.
struct AccountController {
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.post("payments", use: pay)
        group.get("members/:number/account", use: account)
    }

    /// `{"member": "M-0001", "amount": 500, "method": "cash", "note": "…"}`; the amount is in cents.
    struct PaymentBody: Decodable {
        let member: String
        let amount: Money
        let method: PaymentMethod
        let note: String?
    }

    @Sendable func pay(_ request: Request, context: CoopRequestContext) async throws -> Response {
        _ = try context.require(.staff)
        let body = try await JSON.decode(PaymentBody.self, from: request, context: context)
        let entry = try await membership.addPayment(member: body.member, amount: body.amount, method: body.method, note: body.note)
        return try JSON.response(entry, status: .created,
                                 location: "/api/v1/members/\(MembershipService.normalizedNumber(body.member))/account")
    }

    @Sendable func account(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let number = MembershipService.normalizedNumber(try context.parameters.require("number"))
        try context.authenticated().requireAccess(toMember: number)
        return try JSON.response(try await membership.account(number))
    }
}
