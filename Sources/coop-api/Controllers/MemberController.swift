import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// `/api/v1/members` (staff run the register; a member reads their own record) and `/api/v1/me`.
struct MemberController {
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("members", use: list)
        group.post("members", use: create)
        group.get("members/:number", use: show)
        group.patch("members/:number", use: update)
        group.post("members/:number/renew", use: renew)
        group.post("members/:number/suspend", use: suspend)
        group.post("members/:number/reinstate", use: reinstate)
        group.get("me", use: me)
    }

    struct Reason: Decodable {
        let reason: String?
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.members)
        let query = request.formQuery
        let page = try request.pageRequest()
        var status: MemberStatus?
        if let text = query.get("status") {
            guard let s = MemberStatus(rawValue: text) else {
                throw CoopError.invalidValue("status", text, expected: .init(fr: "`active`, `expired` ou `suspended`", en: "`active`, `expired` or `suspended`"))
            }
            status = s
        }
        // `q` finds by name, e-mail or phone; an empty `q` (a form sent with an empty box) lists them all.
        if let q = query.get("q"), !q.trimmingCharacters(in: .whitespaces).isEmpty {
            return try JSON.response(try await membership.findMembers(q, page: page, status: status))
        }
        return try JSON.response(try await membership.members(page: page, status: status))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.addMember)
        let input = try await JSON.decode(NewMember.self, from: request, context: context)
        let member = try await membership.addMember(input)
        return try JSON.response(member, status: .created, location: "/api/v1/members/\(member.number)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.member)
        let number = MembershipService.normalizedNumber(try context.parameters.require("number"))
        return try JSON.response(try await membership.member(number))
    }

    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.updateMember)
        let changes = try await JSON.decode(MemberChanges.self, from: request, context: context)
        return try JSON.response(try await membership.updateMember(try context.parameters.require("number"), changes))
    }

    @Sendable func renew(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.renew)
        return try JSON.response(try await membership.renew(try context.parameters.require("number")))
    }

    @Sendable func suspend(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.suspend)
        let body = try await JSON.decode(Reason.self, from: request, context: context)
        return try JSON.response(try await membership.suspend(try context.parameters.require("number"), reason: body.reason ?? ""))
    }

    @Sendable func reinstate(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.reinstate)
        let body = try await JSON.decodeIfPresent(Reason.self, from: request, context: context)
        return try JSON.response(try await membership.reinstate(try context.parameters.require("number"), reason: body?.reason))
    }

    @Sendable func me(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.member)
        let number = try membership.caller.ownMemberNumber()
        return try JSON.response(try await membership.member(number))
    }
}
