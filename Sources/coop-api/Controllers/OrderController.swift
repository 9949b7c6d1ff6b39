import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// `/api/v1/orders`: a member places and reads their own orders; staff see and handle everyone's.
struct OrderController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("orders", use: list)
        group.post("orders", use: set)
        group.get("orders/:id", use: show)
        group.post("orders/:id/cancel", use: cancel)
        group.post("orders/:id/pickup", use: pickup)
    }

    /// The whole basket for one cycle: `{"cycle": 12, "member": "M-0001", "pickup": "Plateau",
    /// "lines": [{"product": "POMMES", "quantity": 2}]}`. `member` defaults to the token's member;
    /// `pickup` may be left out once the order exists.
    struct OrderBody: Decodable {
        let cycle: Int64
        let member: String?
        let pickup: String?
        let lines: [OrderLineInput]
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let identity = try context.authenticated()
        let query = request.formQuery
        let member = try OrdersInput.memberScope(identity, requested: query.get("member"))
        var status: OrderStatus?
        if let text = query.get("status") {
            guard let s = OrderStatus(rawValue: text) else {
                throw CoopError.invalidValue("status", text, expected: .init(fr: "`open`, `confirmed`, `picked_up` ou `cancelled`",
                                                                              en: "`open`, `confirmed`, `picked_up` or `cancelled`"))
            }
            status = s
        }
        return try JSON.response(try await orders.orders(cycle: try OrdersInput.queryID(request, "cycle"), member: member, status: status,
                                                         page: try request.pageRequest()))
    }

    /// Creates or replaces the member's order for an open cycle: 201 when created, 200 when replaced.
    @Sendable func set(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let identity = try context.authenticated()
        let body = try await JSON.decode(OrderBody.self, from: request, context: context)
        guard let requested = body.member ?? identity.memberNumber else { throw CoopError.required("member") }
        let member = MembershipService.normalizedNumber(requested)
        try identity.requireAccess(toMember: member)
        let update = try await orders.setOrder(cycle: body.cycle, member: member, pickup: body.pickup, lines: body.lines,
                                               replace: true, actor: identity.actor)
        return try JSON.response(update.order, status: update.created ? .created : .ok,
                                 location: update.created ? "/api/v1/orders/\(update.order.id)" : nil)
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let identity = try context.authenticated()
        let order = try await orders.order(try OrdersInput.pathID(context, field: "order"))
        try identity.requireAccess(toMember: order.member)
        return try JSON.response(order)
    }

    @Sendable func cancel(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let identity = try context.require(.staff)
        return try JSON.response(try await orders.cancelOrder(try OrdersInput.pathID(context, field: "order"), actor: identity.actor))
    }

    @Sendable func pickup(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let identity = try context.require(.staff)
        return try JSON.response(try await orders.pickUpOrder(try OrdersInput.pathID(context, field: "order"), actor: identity.actor))
    }
}
