import CoopHTTP
import Foundation

/// The REST contract, served at `GET /openapi.yaml`, assembled from one fragment per domain so each
/// domain documents its own routes. A test checks that every registered route is documented here and
/// every documented route is registered, and that the whole is valid OpenAPI 3.1.
enum OpenAPIDocument {
    static let fragments: [OpenAPIFragment] = [.core, .membership, .inventory, .lending, .orders, .accounts, .reports, .voting, .notices]

    static let yaml: String = {
        var text = header + "paths:\n"
        for fragment in fragments { text += expandingShorthands(fragment.paths) }
        text += "components:\n  securitySchemes:\n" + securitySchemes
        text += "  parameters:\n" + fragments.map(\.parameters).joined()
        text += "  responses:\n" + responses
        text += "  schemas:\n" + fragments.map(\.schemas).joined()
        return text
    }()

    private static let header = #"""
openapi: 3.1.0
info:
  title: Coop API
  version: 1.0.0
  description: |
    REST API of Coop, the toolkit for co-ops and non-profits. JSON bodies use camelCase fields, the
    same as `coopctl --json`. Amounts are integer cents (schema Cents: a number with a decimal point is
    refused); instants are UTC ISO-8601; dates are YYYY-MM-DD in the co-op's time zone. Query strings
    are read as HTML forms send them: `+` is a space (`q=robe+epoque`), `%2B` a plus sign. Errors are
    application/problem+json (RFC 9457) with a stable `code`, in French or English after Accept-Language.
servers:
  - url: http://127.0.0.1:8080
security:
  - bearer: []
"""# + "\n"

    private static let securitySchemes = #"""
    bearer:
      type: http
      scheme: bearer
      description: 'A token from `coopctl token create`, sent as the header `Authorization: Bearer <token>`.'
"""# + "\n"

    private static let responses = #"""
    Problem:
      description: A refusal, as RFC 9457 problem details.
      content:
        application/problem+json:
          schema: {$ref: '#/components/schemas/Problem'}
"""# + "\n"
}

extension OpenAPIDocument {
    /// Fragments write repeated blocks as one line each, which this writes out at the line's indent:
    /// - `~problems 401 404 422`: an operation's refusals, one `$ref` per status. Every operation that
    ///   can answer 401 can also answer 429 (AuthMiddleware cuts off an address after repeated failed
    ///   authentications).
    /// - `~page Loan One page of loans.`: a 200 answering one page of a list, `{items, next}`.
    /// - `~items Notice The notices.`: a 200 answering a whole list, `{items}`.
    /// - `~json 200 Loan The loan.`: an answer of one schema.
    /// - `~created Loan The loan.`: a 201 of one schema with its `Location`.
    /// - `~body CheckOutRequest` (`~body?` when it may be left out): a JSON request body of one schema.
    static func expandingShorthands(_ paths: String) -> String {
        paths.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("~"), let space = trimmed.firstIndex(of: " ") else { return String(line) }
            let rest = trimmed[trimmed.index(after: space)...]
            // The last field takes the rest of the line (a description has spaces).
            func fields(_ count: Int) -> [String] { rest.split(separator: " ", maxSplits: count - 1).map(String.init) }
            let block: String
            switch trimmed[..<space] {
            case "~problems": block = problems(fields(Int.max))
            case "~page": let f = fields(2); block = pageResponse(schema: f[0], description: f[1])
            case "~items": let f = fields(2); block = listResponse(schema: f[0], description: f[1])
            case "~json": let f = fields(3); block = jsonResponse(status: f[0], schema: f[1], description: f[2])
            case "~created": let f = fields(2); block = jsonResponse(status: "201", schema: f[0], description: f[1], location: true)
            case "~body": block = requestBody(schema: String(rest), required: true)
            case "~body?": block = requestBody(schema: String(rest), required: false)
            default: return String(line)
            }
            let indent = String(line.prefix(line.count - trimmed.count))
            return block.split(separator: "\n").map { indent + $0 }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func problems(_ statuses: [String]) -> String {
        var statuses = statuses
        if let unauthorized = statuses.firstIndex(of: "401"), !statuses.contains("429") { statuses.insert("429", at: unauthorized + 1) }
        return statuses.map { "'\($0)': {$ref: '#/components/responses/Problem'}" }.joined(separator: "\n")
    }

    private static func jsonResponse(status: String, schema: String, description: String, location: Bool = false) -> String {
        let headers = location ? "\n  headers:\n    Location: {schema: {type: string}}" : ""
        return """
            '\(status)':
              description: \(description)\(headers)
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/\(schema)'}
            """
    }

    private static func requestBody(schema: String, required: Bool) -> String {
        """
        requestBody:
          required: \(required)
          content:
            application/json:
              schema: {$ref: '#/components/schemas/\(schema)'}
        """
    }

    private static func listResponse(schema: String, description: String) -> String {
        """
        '200':
          description: \(description)
          content:
            application/json:
              schema:
                type: object
                required: [items]
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/\(schema)'}}
        """
    }

    private static func pageResponse(schema: String, description: String) -> String {
        """
        '200':
          description: \(description)
          content:
            application/json:
              schema:
                type: object
                required: [items, next]
                properties:
                  items: {type: array, items: {$ref: '#/components/schemas/\(schema)'}}
                  next: {type: [string, 'null'], description: Cursor of the next page; null on the last page.}
        """
    }
}

/// One domain's part of the document: YAML already indented for its place (paths at 2 spaces,
/// parameters and schemas at 4).
struct OpenAPIFragment {
    var paths: String
    var parameters: String = ""
    var schemas: String = ""
}
