import CoopCore
import CoopHTTP
import HTTPTypes
import Hummingbird
import Membership
import Orders

/// `/api/v1/cycles`: any token reads the order cycles; staff create, open, close and deliver them and
/// read their purchase orders.
struct CycleController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("cycles", use: list)
        group.post("cycles", use: create)
        group.get("cycles/:id", use: show)
        group.post("cycles/:id/open", use: open)
        group.post("cycles/:id/close", use: close)
        group.post("cycles/:id/deliver", use: deliver)
        group.get("cycles/:id/purchase-orders", use: purchaseOrders)
        group.get("cycles/:id/purchase-orders/:producer", use: purchaseOrder)
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.cycles)
        var state: CycleState?
        if let text = request.formQuery.get("state") {
            guard let s = CycleState(rawValue: text) else {
                throw CoopError.invalidValue("state", text, expected: .init(fr: "`planned`, `open`, `closed` ou `delivered`", en: "`planned`, `open`, `closed` or `delivered`"))
            }
            state = s
        }
        return try JSON.response(try await orders.cycles(state: state, page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.createCycle)
        let cycle = try await orders.createCycle(try await JSON.decode(NewCycle.self, from: request, context: context))
        return try JSON.response(cycle, status: .created, location: "/api/v1/cycles/\(cycle.id)")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.cycle)
        return try JSON.response(try await orders.cycle(try OrdersInput.pathID(context, field: "cycle")))
    }

    @Sendable func open(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.openCycle)
        return try JSON.response(try await orders.openCycle(try OrdersInput.pathID(context, field: "cycle")))
    }

    /// `{"now": true}` closes before the closing time; with no body (or `now` false) that is refused.
    struct Closing: Decodable {
        let now: Bool?
    }

    @Sendable func close(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.closeCycle)
        let id = try OrdersInput.pathID(context, field: "cycle")
        let early = try await JSON.decodeIfPresent(Closing.self, from: request, context: context)?.now ?? false
        return try JSON.response(try await orders.closeCycle(id, early: early))
    }

    @Sendable func deliver(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.markDelivered)
        return try JSON.response(try await orders.markDelivered(try OrdersInput.pathID(context, field: "cycle")))
    }

    @Sendable func purchaseOrders(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.purchaseOrders)
        return try JSON.response(ItemList(try await orders.purchaseOrders(cycle: try OrdersInput.pathID(context, field: "cycle"))))
    }

    /// JSON, or the CSV a producer gets when the client asks for `text/csv`.
    @Sendable func purchaseOrder(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.purchaseOrder)
        let order = try await orders.purchaseOrder(cycle: try OrdersInput.pathID(context, field: "cycle"),
                                                   producer: try OrdersInput.path(context, "producer"))
        guard request.headers[.accept]?.contains("text/csv") == true else { return try JSON.response(order) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: order.csv)))
    }
}
