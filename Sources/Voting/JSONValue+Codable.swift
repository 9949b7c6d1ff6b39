import Foundation

extension JSONValue {
    /// The JSON value of any `Encodable`, through Foundation's encoder: the face types (results,
    /// definitions) are declared once, as Codable structs, and reach the board through here.
    public init<T: Encodable>(encoding value: T) throws {
        self = try CanonicalJSON.parse(JSONEncoder().encode(value))
    }

    /// Decodes this value into a `Decodable` type.
    public func decoded<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: CanonicalJSON.data(self))
    }
}
