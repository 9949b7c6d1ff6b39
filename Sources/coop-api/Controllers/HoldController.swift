import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// `/api/v1/holds`: any token joins a waitlist, reads and cancels holds (a member only their own); an
/// item's whole queue names the members in it, so reading it and reordering it are for staff.
struct HoldController {
    let lending: LendingService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("holds", use: list)
        group.post("holds", use: place)
        group.get("holds/:id", use: show)
        group.post("holds/:id/cancel", use: cancel)
        group.post("holds/:id/move", use: move)
    }

    /// `?item=CODE` (staff): the item's waitlist in order; otherwise `?member=NUMBER` (a member's token
    /// defaults to its own). `all=true` adds fulfilled, expired and cancelled holds.
    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.holds)
        let query = request.formQuery
        let all = try LendingQuery.flag("all", in: query)
        if let item = query.get("item") {
            return try JSON.response(ItemList(try await lending.holds(item: item, includeClosed: all)))
        }
        return try JSON.response(ItemList(try await lending.holds(member: query.get("member"), includeClosed: all)))
    }

    @Sendable func place(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.placeHold)
        let body = try await JSON.decode(HoldRequest.self, from: request, context: context)
        let hold = try await lending.placeHold(item: body.item, member: body.member)
        return try JSON.response(hold, status: .created, location: "/api/v1/holds/\(hold.id)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.hold)
        return try JSON.response(try await lending.hold(try LendingQuery.id(context, field: "hold")))
    }

    @Sendable func cancel(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.cancelHold)
        return try JSON.response(try await lending.cancelHold(try LendingQuery.id(context, field: "hold")))
    }

    @Sendable func move(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let lending = try context.authenticated(self.lending, for: LendingVerb.moveHold)
        let id = try LendingQuery.id(context, field: "hold")
        let body = try await JSON.decode(HoldMoveRequest.self, from: request, context: context)
        return try JSON.response(ItemList(try await lending.moveHold(id, to: body.position)))
    }
}
