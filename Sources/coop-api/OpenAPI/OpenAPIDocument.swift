import Foundation

/// The REST contract, served at `GET /openapi.yaml`, assembled from one fragment per domain so each
/// domain documents its own routes. A test checks that every registered route is documented here and
/// every documented route is registered, and that the whole is valid OpenAPI 3.1.
enum OpenAPIDocument {
    static let fragments: [OpenAPIFragment] = [.core, .membership, .inventory, .lending, .orders, .accounts, .reports, .voting]

    static let yaml: String = {
        var text = header + "paths:\n"
        for fragment in fragments { text += expandingProblems(fragment.paths) }
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
    same as `coopctl --json`. Amounts are integer cents; instants are UTC ISO-8601; dates are YYYY-MM-DD
    in the co-op's time zone. Errors are application/problem+json (RFC 9457) with a stable `code`, in
    French or English after Accept-Language.
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
    /// Fragments list an operation's refusals on one line, `~problems 401 404 422`, instead of one
    /// identical `$ref` line per status; this writes them out. Every operation that can answer 401 can
    /// also answer 429 (AuthMiddleware cuts off an address after repeated failed authentications).
    static func expandingProblems(_ paths: String) -> String {
        paths.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("~problems ") else { return String(line) }
            let indent = String(line.prefix(line.count - trimmed.count))
            var codes = trimmed.dropFirst("~problems ".count).split(separator: " ").map(String.init)
            if let unauthorized = codes.firstIndex(of: "401"), !codes.contains("429") { codes.insert("429", at: unauthorized + 1) }
            return codes.map { "\(indent)'\($0)': {$ref: '#/components/responses/Problem'}" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// One domain's part of the document: YAML already indented for its place (paths at 2 spaces,
/// parameters and schemas at 4).
struct OpenAPIFragment {
    var paths: String
    var parameters: String = ""
    var schemas: String = ""
}
