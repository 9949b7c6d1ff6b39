import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// `/api/v1/plans`: any token reads them, admins create them.
struct PlanController {
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("plans", use: list)
        group.post("plans", use: create)
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.plans)
        return try JSON.response(ItemList(try await membership.plans()))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.addPlan)
        let plan = try await JSON.decode(Plan.self, from: request, context: context)
        return try JSON.response(try await membership.addPlan(plan), status: .created)
    }
}
