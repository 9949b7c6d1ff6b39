import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Membership
import Orders

/// How the Orders routes read path and query parameters. Parsing and access only: every rule stays in
/// `OrdersService`.
enum OrdersInput {
    /// A path parameter as the client meant it: the router leaves `%20` and `%C3%A9` as they came.
    static func path(_ context: CoopRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// A cycle or order id: a positive whole number; anything else is 422 naming `field`.
    static func id(_ text: String, field: String) throws -> Int64 {
        guard let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0 else {
            throw CoopError.invalidValue(field, text, expected: LocalizedText(fr: "un identifiant numérique", en: "a numeric id"))
        }
        return id
    }

    /// An id in the path.
    static func pathID(_ context: CoopRequestContext, _ name: String = "id", field: String) throws -> Int64 {
        try id(try path(context, name), field: field)
    }

    /// An optional id in the query.
    static func queryID(_ request: Request, _ name: String) throws -> Int64? {
        try request.formQuery.get(name).map { try id($0, field: name) }
    }

    /// A required query parameter.
    static func required(_ request: Request, _ name: String) throws -> String {
        guard let value = request.formQuery.get(name), !value.isEmpty else { throw CoopError.required(name) }
        return value
    }

    /// A `YYYY-MM-DD` query parameter.
    static func date(_ request: Request, _ name: String) throws -> LocalDate {
        let text = try required(request, name)
        guard let date = LocalDate(iso8601: text.trimmingCharacters(in: .whitespaces)) else { throw CoopError.invalidDate(name, text) }
        return date
    }

    /// A path-safe form of a name for a `Location` header (`Ferme%20Tournesol`).
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? text
    }
}
