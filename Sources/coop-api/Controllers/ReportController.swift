import Coop
import CoopCore
import CoopHTTP
import Hummingbird
import Membership

/// A report that `GET /api/v1/reports/{name}` answers. Each domain lists its own in
/// `ReportController+Domain.swift`; the route and its OpenAPI description are made from the same
/// list, so adding a report is adding one entry.
struct APIReport: Sendable {
    /// The `{name}` in the path (`packing`, `overdue`).
    let name: String
    /// One line for the OpenAPI document.
    let summary: String
    /// The domain's rule for the verb behind it (`OrdersVerb.packingList.rule`): checked before the query
    /// is read, so a caller the domain would refuse learns nothing from the parameters, and documented.
    let rule: AccessRule
    /// The query parameters it reads.
    let parameters: [APIReportParameter]
    /// The schema of its 200 body, as a one-line YAML flow map (`{$ref: '#/components/schemas/TaxReport'}`).
    let schema: String
    /// Runs the report: reads the query, calls the domain service (bound to the caller, which decides
    /// who may read it), encodes the answer.
    let run: @Sendable (Coop, Request, CoopRequestContext) async throws -> Response
}

/// A query parameter of a report, for the OpenAPI document.
struct APIReportParameter: Sendable {
    let name: String
    /// The schema as a one-line YAML flow map (`{type: integer}`).
    let schema: String
    /// Which reports read it and what it means to them (`packing, picking: the cycle's id.`).
    let description: String
}

/// `/api/v1/reports/{name}`: one route for every domain's reports, dispatching on the name.
struct ReportController {
    let coop: Coop

    /// Every report, by domain.
    static let reports: [APIReport] = orders + lending

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("reports/:name", use: report)
    }

    @Sendable func report(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let caller = try context.authenticated()
        let coop = self.coop.acting(as: caller)
        let name = try context.parameters.require("name")
        guard let report = Self.reports.first(where: { $0.name == name.lowercased() }) else {
            throw CoopError.reportNotFound(name, known: Self.reports.map(\.name))
        }
        try caller.check(report.rule)
        return try await report.run(coop, request, context)
    }
}

extension CoopError {
    /// No report has this name (404); the message lists those that exist.
    static func reportNotFound(_ name: String, known: [String]) -> CoopError {
        CoopError(.notFound, "reports.unknown_report", field: "name", ["name": .text(name), "known": .text(known.joined(separator: ", "))],
                  fr: "Rapport inconnu « {name} » ({known}).", en: "Unknown report \"{name}\" ({known}).")
    }
}
