import CoopCore
import CoopHTTP
import Hummingbird
import Lending
import Membership

/// Lending's answers to `GET /api/v1/reports/{name}` (the route is `ReportController`, which lists
/// them in `ReportController.lending`). Lending lets only staff read them: reports name members.
///
/// Query values: `date` (due-today), `asOf` (overdue), `from` and `to` (expected-returns, to-prepare,
/// popular), `limit` (popular, never-borrowed) and `cursor` (never-borrowed). Every answer is
/// `{"items": [...], "next": CURSOR-or-null}`; only never-borrowed pages.
enum LendingReportRoutes {
    /// The report's response, or nil when `name` is not one of Lending's reports.
    static func response(name: String, request: Request, context: CoopRequestContext, lending: LendingService) async throws -> Response? {
        guard let report = LendingReport(rawValue: name.lowercased()) else { return nil }
        let query = request.formQuery
        let from = try LendingQuery.date("from", in: query), to = try LendingQuery.date("to", in: query)
        func answer<Row: Encodable & Sendable>(_ items: [Row], next: String? = nil) throws -> Response {
            try JSON.response(Page(items: items, next: next))
        }
        switch report {
        case .dueToday:
            return try answer(try await lending.dueToday(on: try LendingQuery.date("date", in: query)))
        case .overdue:
            return try answer(try await lending.overdue(asOf: try LendingQuery.date("asOf", in: query)))
        case .expectedReturns:
            return try answer(try await lending.expectedReturns(from: from, to: to))
        case .toPrepare:
            return try answer(try await lending.toPrepare(from: from, to: to))
        case .holdsReady:
            return try answer(try await lending.holdsReady())
        case .popular:
            // The library's default length unless asked; a limit given is checked as any list's (1–500).
            guard let text = query.get("limit") else { return try answer(try await lending.popular(from: from, to: to)) }
            return try answer(try await lending.popular(from: from, to: to, limit: try PageRequest(limit: text, cursor: nil).limit))
        case .neverBorrowed:
            let page = try await lending.neverBorrowed(page: try request.pageRequest())
            return try answer(page.items, next: page.next)
        }
    }
}
