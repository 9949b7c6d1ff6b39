import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// `/api/v1/products`: any token reads the products on sale; staff add them, change them and set
/// their stock.
struct ProductController {
    let orders: OrdersService

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("products", use: list)
        group.post("products", use: create)
        group.get("products/:code", use: show)
        group.patch("products/:code", use: update)
        group.post("products/:code/stock", use: stock)
    }

    struct StockBody: Decodable {
        let stock: Quantity
        let reason: String?
    }

    @Sendable func list(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.products)
        return try JSON.response(try await orders.products(producer: request.formQuery.get("producer"),
                                                           page: try request.pageRequest()))
    }

    @Sendable func create(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.addProduct)
        let input = try await JSON.decode(NewProduct.self, from: request, context: context)
        let product = try await orders.addProduct(input)
        return try JSON.response(product, status: .created, location: "/api/v1/products/\(OrdersInput.escaped(product.code))")
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.product)
        return try JSON.response(try await orders.product(try OrdersInput.path(context, "code")))
    }

    @Sendable func update(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.updateProduct)
        let changes = try await JSON.decode(ProductChanges.self, from: request, context: context)
        return try JSON.response(try await orders.updateProduct(try OrdersInput.path(context, "code"), changes))
    }

    @Sendable func stock(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let orders = try context.authenticated(self.orders, for: OrdersVerb.setStock)
        let body = try await JSON.decode(StockBody.self, from: request, context: context)
        return try JSON.response(try await orders.setStock(try OrdersInput.path(context, "code"), to: body.stock, reason: body.reason))
    }
}
