import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// `/api/v1/coop`: the co-op's profile (name, postal address, GST and QST numbers), printed on its
/// invoices. Anyone reads it, with or without a token; administrators change it.
struct CoopProfileController {
    let membership: MembershipService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("coop", use: show)
        group.patch("coop", use: update)
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try JSON.response(try await context.anyone(membership).coopProfile())
    }

    /// The fields given change; an empty address or number removes it.
    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let membership = try context.authenticated(self.membership, for: MembershipVerb.updateCoopProfile)
        let changes = try await JSON.decode(CoopProfileChanges.self, from: request, context: context)
        return try JSON.response(try await membership.updateCoopProfile(changes))
    }
}
