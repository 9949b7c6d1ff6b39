import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// `/api/v1/producers`: any token reads them, staff add them.
struct ProducerController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("producers", use: list)
        group.post("producers", use: create)
        group.get("producers/:name", use: show)
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.producers)
        return try JSON.response(ItemList(try await orders.producers()))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.addProducer)
        let producer = try await orders.addProducer(try await JSON.decode(NewProducer.self, from: request, context: context))
        return try JSON.response(producer, status: .created, location: "/api/v1/producers/\(OrdersInput.escaped(producer.name))")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.producer)
        return try JSON.response(try await orders.producer(try OrdersInput.path(context, "name")))
    }
}
