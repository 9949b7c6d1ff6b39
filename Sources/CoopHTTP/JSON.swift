import CoopCore
import Foundation
import HTTPTypes
import Hummingbird

/// JSON in and out, with the same camelCase fields as `coopctl --json`.
public enum JSON {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON answer.
    public static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        response(body: try body(value), status: status, location: location)
    }

    /// A value encoded, ready to be sent (or kept and sent again).
    public static func body(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try encoder.encode(value))
    }

    /// A JSON answer whose body is already encoded.
    public static func response(body: ByteBuffer, status: HTTPResponse.Status = .ok, location: String? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    /// Decodes a request body; a malformed body is a 422 that names the field at fault.
    public static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: CoopRequestContext) async throws -> T {
        guard let value = try await decodeIfPresent(type, from: request, context: context) else {
            throw CoopError(.invalid, "common.empty_body", fr: "Le corps de la requête est vide : JSON attendu.",
                            en: "The request body is empty: JSON expected.")
        }
        return value
    }

    /// Decodes a body that may be left out; nil when it is empty.
    public static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request, context: CoopRequestContext) async throws -> T? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        if buffer.readableBytes == 0 { return nil }
        let data = Data(buffer.readableBytesView)
        let decoder = JSONDecoder()
        // Money is integer cents: `Money.init(from:)` refuses a literal written 5.00, 5.5 or 5e2, which
        // JSONDecoder alone would read as 5 cents, refuse as corrupt, or read as 500.
        let decimals = JSONDecimalLiterals(scanning: buffer.readableBytesView)
        if !decimals.isEmpty { decoder.userInfo[JSONDecimalLiterals.userInfoKey] = decimals }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw CoopError.badBody(error)
        }
    }
}

extension CoopError {
    /// A body field of the wrong type or outside its allowed values.
    public static func invalidField(_ field: String) -> CoopError {
        CoopError(.invalid, "common.invalid_field", field: field, ["field": .field(field)],
                  fr: "Le champ {field} a une valeur invalide (voir /openapi.yaml).",
                  en: "The field {field} has an invalid value (see /openapi.yaml).")
    }

    /// The decoding failure as a 422 naming the field.
    public static func badBody(_ error: DecodingError) -> CoopError {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            CoopError.fieldName(of: context.codingPath + (key.map { [$0] } ?? []))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .required(path(context, key))
        case .valueNotFound(_, let context):
            return .required(path(context))
        case .typeMismatch(_, let context):
            return .invalidField(path(context))
        case .dataCorrupted(let context):
            let field = path(context)
            if field.isEmpty {
                return CoopError(.invalid, "common.invalid_json",
                                 fr: "Le corps de la requête n’est pas du JSON valide.", en: "The request body is not valid JSON.")
            }
            return .invalidField(field)
        @unknown default:
            return CoopError(.invalid, "common.invalid_json",
                             fr: "Le corps de la requête n’est pas du JSON valide.", en: "The request body is not valid JSON.")
        }
    }
}
