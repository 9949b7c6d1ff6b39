import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Orders

/// `GET /basket`: the open order cycle's products by producer, with the stock left, the member's
/// quantities, the pickup point, the running total with GST and QST, and the time left before the
/// cycle closes. `POST /basket` saves the whole basket through Orders, which refuses an edit after the
/// close (`orders.cycle_closed`): the page then says so in words and keeps what the member typed.
struct BasketPage: Sendable {
    let orders: OrdersService
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("basket", use: show)
        group.post("basket", use: save)
    }

    /// Products a page lists: a cycle of 40 producers' weekly products fits in one page of these.
    static let productLimit = 500

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        try await render(request, context: context, typed: nil, error: nil)
    }

    @Sendable func save(_ request: Request, context: CoopRequestContext) async throws -> Response {
        var request = request
        let form = try await WebForm.read(&request)
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, caller.memberNumber != nil else { return WebPages.signInFirst(request, visit) }
        var typed: [String: String] = [:]
        for (name, values) in form.fields where name.hasPrefix("q.") { typed[String(name.dropFirst(2))] = values.first ?? "" }
        do {
            guard let cycle = form["cycle"].flatMap(Int64.init) else { throw CoopError.required("cycle") }
            let lines = try typed.sorted { $0.key < $1.key }.map { code, text in
                let text = text.trimmingCharacters(in: .whitespaces)
                return OrderLineInput(product: code, quantity: text.isEmpty ? .zero : try Quantity(parsing: text.replacingOccurrences(of: ",", with: "."),
                                                                                                field: "quantity"))
            }
            _ = try await orders.acting(as: caller).setOrder(cycle: cycle, member: nil, pickup: form["pickup"], lines: lines, replace: true)
            return WebPages.seeOther("/basket?done=saved")
        } catch let error as CoopError {
            return try await render(request, context: context, typed: (typed, form["pickup"]), error: error)
        }
    }

    /// - Parameter typed: what the member posted (quantities by product code, pickup point), shown
    ///   again as they typed it when Orders refused the basket.
    func render(
        _ request: Request, context: CoopRequestContext, typed: (quantities: [String: String], pickup: String?)?, error: CoopError?
    ) async throws -> Response {
        let visit = WebVisit(request: request, context: context)
        guard let caller = context.caller, let number = caller.memberNumber else { return WebPages.signInFirst(request, visit) }
        let language = visit.language
        let orders = self.orders.acting(as: caller)
        let timeZone = orders.context.timeZone
        do {
            guard let cycle = try await orders.cycles(state: .open).items.first else {
                return pages.message(WebText.basketHeading, WebText.noOpenCycle, visit: visit,
                                     status: error.map { $0.kind.status } ?? .ok)
            }
            let order = try await orders.order(cycle: cycle.id, member: number)
            let offered = cycle.products.map(Set.init)
            let products = try await orders.products(page: PageRequest(limit: Self.productLimit)).items
                .filter { $0.active && (offered?.contains($0.code) ?? true) }
            let inBasket = Dictionary((order?.lines ?? []).map { ($0.product, $0.quantity) }, uniquingKeysWith: { a, _ in a })
            let money = { (amount: Money) in MessageArgument.money(amount).formatted(language) }
            let producers = Dictionary(grouping: products, by: \.producer).sorted { $0.key < $1.key }.map { producer, products in
                [
                    "producer": producer,
                    "products": products.sorted { $0.name < $1.name }.map { product in
                        let quantity = typed?.quantities[product.code] ?? inBasket[product.code].map { $0.formatted(language) } ?? ""
                        return present([
                            "code": product.code, "name": product.name,
                            "price": WebText.priceLine.render(language, ["price": .text(money(product.price)),
                                                                         "unit": .localized(product.unit.soldBy, code: product.unit.rawValue)]),
                            "left": product.available.map { WebText.stockLeft.render(language, ["quantity": .text($0.formatted(language))]) }
                                ?? WebText.onDemand.render(language),
                            "quantity": quantity, "step": product.unit == .kilogram ? "0.001" : "1",
                            "label": WebText.quantityOf.render(language, ["product": .text(product.name)]),
                        ])
                    },
                ] as [String: Any]
            }
            let points = try await orders.pickupPoints(activeOnly: true).filter { cycle.pickupPoints?.contains($0.name) ?? true }
            let chosen = typed?.pickup ?? order?.pickup
            let now = orders.context.now()
            let values = present([
                "heading": WebText.basketHeading.render(language), "cycleName": cycle.name, "cycle": String(cycle.id),
                // Past the closing time, before staff ran the close, Orders refuses edits: the page says so first.
                "closesLine": now < cycle.closes
                    ? WebText.closesLine.render(language, [
                        "when": .instantAt(cycle.closes, timeZone, now: now), "left": .text(Self.timeLeft(from: now, to: cycle.closes, language))])
                    : WebText.closedLine.render(language, ["when": .instantAt(cycle.closes, timeZone, now: now)]),
                "pickupDateLine": WebText.pickupDateLine.render(language, ["date": .text(WebText.longDay(cycle.pickupDate, language))]),
                "notice": request.uri.queryParameters.get("done") == "saved" ? WebText.basketSaved.render(language) : nil,
                "error": error.map { Self.refusal($0, language) },
                "producers": producers, "pickupLabel": WebText.pickupLabel.render(language),
                "choosePickup": WebText.choosePickup.render(language),
                "points": points.map { ["name": $0.name, "selected": $0.name == chosen] as [String: Any] },
                "saveButton": WebText.saveBasket.render(language),
                "totals": order.map { order in
                    [
                        "totalsHeading": WebText.totalsHeading.render(language),
                        "subtotalLabel": WebText.subtotal.render(language), "subtotal": money(order.subtotal),
                        "gstLabel": WebText.gst.render(language), "gst": money(order.gst),
                        "qstLabel": WebText.qst.render(language), "qst": money(order.qst),
                        "totalLabel": WebText.total.render(language), "total": money(order.total),
                    ]
                },
            ])
            return pages.page("basket", title: WebText.basketHeading.render(language), values: values, visit: visit,
                              status: error.map { $0.kind.status } ?? .ok)
        } catch let error as CoopError {
            return pages.refusal(error, visit: visit)
        }
    }

    /// A refused basket: the domain's reason, and that nothing was saved, so the member knows where they stand.
    static func refusal(_ error: CoopError, _ language: Language) -> String {
        WebText.basketRefused.render(language, ["reason": .text(error.message(language))])
    }

    /// `2 j 5 h` / `2 d 5 h`, `45 min`: how long the basket can still change.
    static func timeLeft(from now: Instant, to end: Instant, _ language: Language) -> String {
        let minutes = max(0, (end.milliseconds - now.milliseconds) / 60_000)
        let days = minutes / 1440, hours = (minutes % 1440) / 60, rest = minutes % 60
        if days > 0 { return language == .fr ? "\(days) j \(hours) h" : "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(rest) min" }
        return "\(rest) min"
    }
}
