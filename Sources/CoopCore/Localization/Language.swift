import Foundation

/// The languages Coop speaks. French is the default: Coop is made for Québec co-ops first.
public enum Language: String, Sendable, CaseIterable, Codable {
    case fr
    case en

    public static let `default` = Language.fr

    /// Reads `fr`, `en`, `fr_CA.UTF-8`, `en-US`… Anything else is nil.
    public init?(code: String) {
        let base = code.lowercased().prefix { $0.isLetter }
        guard let language = Language(rawValue: String(base)) else { return nil }
        self = language
    }

    /// Picks the best language from an HTTP `Accept-Language` header (quality values honoured).
    public static func negotiate(acceptLanguage header: String?) -> Language {
        guard let header, !header.isEmpty else { return .default }
        var best: (Language, Double)?
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first, let language = Language(code: tag) else { continue }
            var quality = 1.0
            for field in fields.dropFirst() where field.hasPrefix("q=") {
                quality = Double(field.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.1 ?? 0) { best = (language, quality) }
        }
        return best?.0 ?? .default
    }

    /// The CLI's choice: the flag, then `COOP_LANG`, then `LANG`, then French.
    public static func resolve(flag: String?, environment: [String: String]) -> Language {
        for candidate in [flag, environment["COOP_LANG"], environment["LANG"]] {
            if let candidate, let language = Language(code: candidate) { return language }
        }
        return .default
    }
}
