import CoopCore
import CoopHTTP
import Hummingbird
import Membership
import Orders

/// Orders' reports: `packing`, `picking`, `sales`, `taxes`.
extension ReportController {
    static let orders: [APIReport] = [
        APIReport(
            name: "packing", summary: "Packing list: each member's basket by pickup point (query: cycle, pickup).", rule: OrdersVerb.packingList.rule,
            parameters: [cycle, APIReportParameter(name: "pickup", schema: "{type: string}", description: "packing: only this pickup point.")],
            schema: "{$ref: '#/components/schemas/PackingList'}",
            run: { coop, request, _ in
                let slips = try await coop.orders.packingList(cycle: try cycleID(request), pickup: request.formQuery.get("pickup"))
                return try JSON.response(ItemList(slips))
            }),
        APIReport(
            name: "picking", summary: "Picking list: each product's total and its split by pickup point (query: cycle).", rule: OrdersVerb.pickingList.rule,
            parameters: [cycle], schema: "{$ref: '#/components/schemas/PickingList'}",
            run: { coop, request, _ in
                try JSON.response(ItemList(try await coop.orders.pickingList(cycle: try cycleID(request))))
            }),
        APIReport(
            name: "sales", summary: "Sales by producer before taxes, for a cycle or a month (query: cycle or month).", rule: OrdersVerb.salesByProducer.rule,
            parameters: [cycle, APIReportParameter(name: "month", schema: "{type: string, pattern: '^[0-9]{4}-[0-9]{2}$'}",
                                                   description: "sales: a month, YYYY-MM, instead of a cycle.")],
            schema: "{$ref: '#/components/schemas/SalesReport'}",
            run: { coop, request, _ in
                let query = request.formQuery
                let period: SalesPeriod
                switch (query.get("cycle"), query.get("month")) {
                case (let cycle?, nil): period = .cycle(try OrdersInput.id(cycle, field: "cycle"))
                case (nil, let month?): period = .month(try YearMonth(parsing: month, field: "month"))
                default:
                    throw CoopError.invalidValue("cycle", query.get("cycle") ?? "",
                                                 expected: .init(fr: "`cycle=ID` ou `month=AAAA-MM`, l’un des deux", en: "`cycle=ID` or `month=YYYY-MM`, one of them"))
                }
                return try JSON.response(try await coop.orders.salesByProducer(period))
            }),
        APIReport(
            name: "taxes", summary: "GST and QST of the documents issued between two dates, both included (query: from, to).", rule: OrdersVerb.taxReport.rule,
            parameters: [APIReportParameter(name: "from", schema: "{type: string, format: date}", description: "taxes: the first day."),
                         APIReportParameter(name: "to", schema: "{type: string, format: date}", description: "taxes: the last day.")],
            schema: "{$ref: '#/components/schemas/TaxReport'}",
            run: { coop, request, _ in
                try JSON.response(try await coop.orders.taxReport(from: try OrdersInput.date(request, "from"),
                                                                  to: try OrdersInput.date(request, "to")))
            }),
    ]

    private static let cycle = APIReportParameter(name: "cycle", schema: "{type: integer, minimum: 1}",
                                                  description: "packing, picking, sales: the cycle's id.")

    private static func cycleID(_ request: Request) throws -> Int64 {
        try OrdersInput.id(try OrdersInput.required(request, "cycle"), field: "cycle")
    }
}
