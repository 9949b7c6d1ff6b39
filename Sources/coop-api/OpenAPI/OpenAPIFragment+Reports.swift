import Membership
extension OpenAPIFragment {
    /// `/api/v1/reports/{name}`, written from `ReportController.reports`: the names, the query
    /// parameters and the answers of every domain's reports, so the document follows the route. The
    /// answers' schemas live in each domain's fragment.
    static let reports: OpenAPIFragment = {
        let reports = ReportController.reports
        // One query parameter per name (several reports may read `cycle`), its meanings joined.
        var parameters: [(name: String, schema: String, descriptions: [String])] = []
        for parameter in reports.flatMap(\.parameters) {
            if let i = parameters.firstIndex(where: { $0.name == parameter.name }) {
                if !parameters[i].descriptions.contains(parameter.description) { parameters[i].descriptions.append(parameter.description) }
            } else {
                parameters.append((parameter.name, parameter.schema, [parameter.description]))
            }
        }
        let descriptions = reports.map { report in
            "        - `\(report.name)` (\(report.rule.documented)): \(report.summary)"
        }
        var paths = """
  /api/v1/reports/{name}:
    get:
      summary: A report, by name (each report says which role it needs)
      description: |
        Every domain's reports answer here; unknown names are 404 reports.unknown_report.

""" + descriptions.joined(separator: "\n") + "\n"
        paths += """
      parameters:
        - {name: name, in: path, required: true, schema: {type: string, enum: [\(reports.map(\.name).joined(separator: ", "))]}}

"""
        for p in parameters {
            let description = p.descriptions.joined(separator: " ").replacingOccurrences(of: "'", with: "''")
            paths += "        - {name: \(p.name), in: query, description: '\(description)', schema: \(p.schema)}\n"
        }
        paths += """
      responses:
        '200':
          description: The report (its shape depends on the name; list reports share one shape when empty, hence anyOf).
          content:
            application/json:
              schema:
                anyOf:

"""
        var seen: Set<String> = []
        for report in reports where seen.insert(report.schema).inserted {
            paths += "                  - \(report.schema)\n"
        }
        paths += """
        ~problems 401 403 404 422

"""
        return OpenAPIFragment(paths: paths)
    }()
}

extension AccessRule {
    /// How the OpenAPI document names who may call (`staff`, `admin`, `member`).
    var documented: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "member"
        case .staff: "staff"
        case .admin: "admin"
        }
    }
}
