import CoopCore
import Foundation
import HTTPTypes
import Hummingbird

/// A message argument as JSON, in the form programs read rather than the one people do: text stays
/// text, whole numbers and amounts (cents) are numbers, a decimal quantity is its plain digits (`"2.5"`),
/// a field its key, a status its code, an instant its UTC ISO-8601 text.
public struct ProblemArgument: Encodable {
    public let value: MessageArgument

    public init(_ value: MessageArgument) { self.value = value }

    public func encode(to encoder: any Encoder) throws {
        switch value {
        case .text(let text): try encode(text, to: encoder)
        case .integer(let n): try encode(n, to: encoder)
        case .money(let money): try encode(money.cents, to: encoder)
        case .decimal: try encode(value.formatted(.en), to: encoder)
        case .count(.integer(let n), _): try encode(n, to: encoder)
        case .count(.decimal(let d), _): try encode(MessageNumber.decimal(d).formatted(.en), to: encoder)
        case .field(let key, _): try encode(key, to: encoder)
        case .localized(_, let code): try encode(code, to: encoder)
        case .instant(let instant, _), .instantAt(let instant, _, _): try encode(instant.iso8601, to: encoder)
        }
    }

    private func encode(_ value: some Encodable, to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension CoopError.Kind {
    /// The one place where a kind of refusal becomes an HTTP status.
    public var status: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .tooLarge: .contentTooLarge
        case .rateLimited: .tooManyRequests
        }
    }
}

/// An RFC 9457 problem document: `{type, title, status, detail, code, field?}`.
public struct Problem: Encodable {
    public let type: String
    public let title: String
    public let status: Int
    public let detail: String
    public let code: String
    public let field: String?
    /// The values the message names (`{"available": 3}`), for clients that act on them: an RFC 9457
    /// extension member. Amounts are cents.
    public var arguments: [String: MessageArgument] = [:]

    public init(_ error: CoopError, language: Language) {
        let status = error.kind.status
        self.init(status: status, code: error.code, detail: error.message(language), field: error.field, language: language)
        arguments = error.arguments
    }

    enum CodingKeys: String, CodingKey { case type, title, status, detail, code, field, arguments }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(detail, forKey: .detail)
        try c.encode(code, forKey: .code)
        try c.encodeIfPresent(field, forKey: .field)
        if !arguments.isEmpty {
            try c.encode(arguments.mapValues(ProblemArgument.init), forKey: .arguments)
        }
    }

    public init(http error: HTTPError, language: Language) {
        let text: LocalizedText
        let code: String
        switch error.status {
        case .notFound:
            code = "http.not_found"
            text = .init(fr: "Aucune ressource à cette adresse.", en: "No resource at this address.")
        case .methodNotAllowed:
            code = "http.method_not_allowed"
            text = .init(fr: "Méthode non permise sur cette ressource.", en: "Method not allowed on this resource.")
        case .contentTooLarge:
            code = "http.too_large"
            text = .init(fr: "Le corps de la requête est trop volumineux.", en: "The request body is too large.")
        default:
            code = "http.\(error.status.code)"
            text = .init(fr: "La requête n’a pas pu être traitée.", en: "The request could not be processed.")
        }
        self.init(status: error.status, code: code, detail: text.render(language), field: nil, language: language)
    }

    private init(status: HTTPResponse.Status, code: String, detail: String, field: String?, language: Language) {
        self.type = "urn:coop:problem:\(code)"
        self.title = Problem.title(status, language)
        self.status = status.code
        self.detail = detail
        self.code = code
        self.field = field
    }

    public static func internalError(_ language: Language) -> Problem {
        Problem(status: .internalServerError, code: "internal",
                detail: LocalizedText(fr: "Erreur interne : l’opération n’a pas été faite.", en: "Internal error: nothing was done.").render(language),
                field: nil, language: language)
    }

    public func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        headers[.xContentTypeOptions] = "nosniff"
        let body = (try? JSON.encoder.encode(self)) ?? Data()
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func title(_ status: HTTPResponse.Status, _ language: Language) -> String {
        let text: LocalizedText
        switch status.code {
        case 401: text = .init(fr: "Non authentifié", en: "Unauthenticated")
        case 403: text = .init(fr: "Accès refusé", en: "Forbidden")
        case 404: text = .init(fr: "Introuvable", en: "Not found")
        case 405: text = .init(fr: "Méthode non permise", en: "Method not allowed")
        case 409: text = .init(fr: "Conflit", en: "Conflict")
        case 413: text = .init(fr: "Trop volumineux", en: "Too large")
        case 422: text = .init(fr: "Données invalides", en: "Invalid data")
        case 429: text = .init(fr: "Trop de tentatives", en: "Too many requests")
        case 500: text = .init(fr: "Erreur interne", en: "Internal error")
        default: text = .init(fr: "Requête refusée", en: "Request refused")
        }
        return text.render(language)
    }
}
