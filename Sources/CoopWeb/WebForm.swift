import Hummingbird

/// A posted form (`application/x-www-form-urlencoded`), read whole: the pages' forms are small.
struct WebForm: Sendable {
    let fields: [String: [String]]

    /// The largest form a page takes; a desk scan list or a basket of 40 producers' products fits many times over.
    static let maxSize = 256 * 1024

    init(fields: [String: [String]]) { self.fields = fields }

    /// Reads the request's body (which stays readable for the route after a middleware read it).
    static func read(_ request: inout Request) async throws -> WebForm {
        let buffer = try await request.collectBody(upTo: maxSize)
        return WebForm(parsing: String(buffer: buffer))
    }

    init(parsing text: String) {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0]), value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        self.fields = fields
    }

    /// The field's first value, trimmed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The field as typed, untrimmed (a password); nil when absent.
    func raw(_ name: String) -> String? { fields[name]?.first }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
