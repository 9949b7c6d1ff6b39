import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// `/api/v1/pickup-points`: any token reads them, staff add them and turn them on or off.
struct PickupPointController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("pickup-points", use: list)
        group.post("pickup-points", use: create)
        group.get("pickup-points/:name", use: show)
        group.patch("pickup-points/:name", use: update)
    }

    struct ActiveBody: Decodable {
        let active: Bool
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.pickupPoints)
        var activeOnly = false
        if let text = request.formQuery.get("active") {
            guard let flag = Bool(text) else {
                throw CoopError.invalidValue("active", text, expected: .init(fr: "`true` ou `false`", en: "`true` or `false`"))
            }
            activeOnly = flag
        }
        return try JSON.response(ItemList(try await orders.pickupPoints(activeOnly: activeOnly)))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.addPickupPoint)
        let point = try await orders.addPickupPoint(try await JSON.decode(NewPickupPoint.self, from: request, context: context))
        return try JSON.response(point, status: .created, location: "/api/v1/pickup-points/\(OrdersInput.escaped(point.name))")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.pickupPoint)
        return try JSON.response(try await orders.pickupPoint(try OrdersInput.path(context, "name")))
    }

    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.setPickupPointActive)
        let body = try await JSON.decode(ActiveBody.self, from: request, context: context)
        return try JSON.response(try await orders.setPickupPointActive(try OrdersInput.path(context, "name"), body.active))
    }
}
