import Foundation
import Hummingbird

extension Request {
    /// The query's parameters read as HTML forms send them (`application/x-www-form-urlencoded`): a `+` is
    /// a space, then percent escapes are decoded, in keys and values alike. So `q=robe+epoque` and
    /// `q=robe%20epoque` are the same search, and `%2B` is a plus sign.
    ///
    /// Every handler reads its query through this rather than `uri.queryParameters`, which
    /// leaves `+` as it is (and once escapes are decoded, a `+` that was sent as `%2B` can no longer be
    /// told from one that meant a space).
    public var formQuery: Parameters {
        guard let query = uri.query, !query.isEmpty else { return Parameters() }
        return Parameters(query.split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (key: Self.formDecoded(pair), value: "") }
            return (key: Self.formDecoded(pair[..<equals]), value: Self.formDecoded(pair[pair.index(after: equals)...]))
        })
    }

    /// One key or value of a form-encoded query; left as sent when its escapes are not valid UTF-8.
    public static func formDecoded(_ text: Substring) -> Substring {
        guard text.contains(where: { $0 == "+" || $0 == "%" }) else { return text }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return Substring(spaced.removingPercentEncoding ?? spaced)
    }
}
