import CoopCore
import Foundation

/// Where a search page starts: after a code (listing) or after a score and id (ranked search).
enum SearchCursor: Sendable, Equatable {
    case code(String)
    /// The score's exact bits are kept, so the next page starts exactly after the last row.
    case ranked(score: Double, id: Int64)

    /// Reads the key inside a `PageRequest`; a cursor of the other kind, or one we did not make, is refused.
    init?(_ key: String?, ranked: Bool) throws {
        guard let key else { return nil }
        if !ranked, key.hasPrefix("c:") {
            self = .code(String(key.dropFirst(2)))
            return
        }
        let parts = key.split(separator: ":", omittingEmptySubsequences: false)
        if ranked, parts.count == 3, parts[0] == "r", let bits = UInt64(parts[1], radix: 16), let id = Int64(parts[2]) {
            self = .ranked(score: Double(bitPattern: bits), id: id)
            return
        }
        throw CoopError.invalidCursor()
    }

    /// The opaque text handed to clients.
    var encoded: String {
        switch self {
        case .code(let code): PageRequest.cursor(for: "c:" + code)
        case .ranked(let score, let id): PageRequest.cursor(for: "r:\(String(score.bitPattern, radix: 16)):\(id)")
        }
    }
}
