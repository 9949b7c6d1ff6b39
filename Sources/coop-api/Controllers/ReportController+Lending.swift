import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// Lending's reports: `due-today`, `overdue`, `expected-returns`, `to-prepare`, `holds-ready`, `popular`,
/// `never-borrowed`, each answered by `LendingReportRoutes`.
extension ReportController {
    static let lending: [APIReport] = [
        report("due-today", LendingVerb.dueToday, "Open loans due on a day (query: date, default today).", [
            APIReportParameter(name: "date", schema: "{type: string, format: date}", description: "due-today: another day than today."),
        ], schema: "DueLoansReport"),
        report("overdue", LendingVerb.overdue, "Overdue loans, longest first, with days late and the fee accrued so far (query: asOf).", [
            APIReportParameter(name: "asOf", schema: "{type: string, format: date}", description: "overdue: as of this day instead of today."),
        ], schema: "OverdueReport"),
        report("expected-returns", LendingVerb.expectedReturns, "Open loans by due day (query: from, to; default the coming week).", [from, to],
               schema: "DueLoansReport"),
        report("to-prepare", LendingVerb.toPrepare, "Reservations to get ready, by pickup day (query: from, to; default the coming week).", [from, to],
               schema: "PreparationReport"),
        report("holds-ready", LendingVerb.holdsReady, "Holds offered and not yet picked up, the nearest deadline first: the units to keep aside.", [],
               schema: "HoldsReadyReport"),
        report("popular", LendingVerb.popular, "The most borrowed items over the loans that went out from `from` to `to` (query: from, to, limit).",
               [from, to, limit], schema: "PopularReport"),
        report("never-borrowed", LendingVerb.neverBorrowed, "Items in circulation never lent, by code, one page at a time (query: limit, cursor).", [
            limit, APIReportParameter(name: "cursor", schema: "{type: string}", description: "never-borrowed: the `next` of the previous page."),
        ], schema: "NeverBorrowedReport"),
    ]

    private static let from = APIReportParameter(
        name: "from", schema: "{type: string, format: date}", description: "expected-returns, to-prepare, popular: the first day.")
    private static let to = APIReportParameter(
        name: "to", schema: "{type: string, format: date}", description: "expected-returns, to-prepare, popular: the last day.")
    private static let limit = APIReportParameter(
        name: "limit", schema: "{type: integer, minimum: 1, maximum: 500}", description: "popular (default 20), never-borrowed (default 50): how many.")

    /// A report answered by `LendingReportRoutes` under `name`, by `verb`'s rule.
    private static func report(_ name: String, _ verb: LendingVerb, _ summary: String, _ parameters: [APIReportParameter], schema: String) -> APIReport {
        APIReport(name: name, summary: summary, rule: verb.rule, parameters: parameters, schema: "{$ref: '#/components/schemas/\(schema)'}",
                  run: { coop, request, context in
                      guard let response = try await LendingReportRoutes.response(name: name, request: request, context: context,
                                                                                  lending: coop.lending) else {
                          throw CoopError.unknownReport(name)
                      }
                      return response
                  })
    }
}
