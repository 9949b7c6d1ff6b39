import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// `/api/v1/payments` and `/api/v1/members/{number}/account`: the one member account that Lending's
/// fees and Orders' invoices and credit notes post to. Staff record payments; a member reads their own
/// account.
struct AccountController {
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.post("payments", use: pay)
        group.post("payments/:id/void", use: void)
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
        let membership = try context.authenticated(self.membership, for: MembershipVerb.addPayment)
        let body = try await JSON.decode(PaymentBody.self, from: request, context: context)
        let entry = try await membership.addPayment(member: body.member, amount: body.amount, method: body.method, note: body.note)
        return try JSON.response(entry, status: .created,
                                 location: "/api/v1/members/\(MembershipService.normalizedNumber(body.member))/account")
    }

    /// `{"reason": "typed 50 instead of 5"}`: the reason is required.
    struct VoidBody: Decodable {
        let reason: String?
    }

    /// Voids a payment typed wrong (staff): a reversing entry; 409 `membership.payment_already_voided` the second time.
    @Sendable func void(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.voidPayment)
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0 else {
            throw CoopError.invalidValue("id", text, expected: .init(fr: "le numéro d’une écriture", en: "an entry number"))
        }
        let body = try await JSON.decode(VoidBody.self, from: request, context: context)
        let voided = try await membership.voidPayment(id, reason: body.reason ?? "")
        return try JSON.response(voided, status: .created, location: "/api/v1/members/\(voided.member)/account")
    }

    @Sendable func account(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.account)
        let number = MembershipService.normalizedNumber(try context.parameters.require("number"))
        return try JSON.response(try await membership.account(number))
    }
}
