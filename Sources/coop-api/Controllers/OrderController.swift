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
        let orders = try context.authenticated(self.orders, for: OrdersVerb.orders)
        let query = request.formQuery
        let member = query.get("member")
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
        let orders = try context.authenticated(self.orders, for: OrdersVerb.setOrder)
        let body = try await JSON.decode(OrderBody.self, from: request, context: context)
        let update = try await orders.setOrder(cycle: body.cycle, member: body.member, pickup: body.pickup, lines: body.lines,
                                               replace: true)
        return try JSON.response(update.order, status: update.created ? .created : .ok,
                                 location: update.created ? "/api/v1/orders/\(update.order.id)" : nil)
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.order)
        return try JSON.response(try await orders.order(try OrdersInput.pathID(context, field: "order")))
    }

    @Sendable func cancel(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.cancelOrder)
        return try JSON.response(try await orders.cancelOrder(try OrdersInput.pathID(context, field: "order")))
    }

    @Sendable func pickup(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.pickUpOrder)
        return try JSON.response(try await orders.pickUpOrder(try OrdersInput.pathID(context, field: "order")))
    }
}
