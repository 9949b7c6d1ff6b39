/// A value placed into a message, formatted for the reader's language.
public enum MessageArgument: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case integer(Int64)
    case money(Money)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }

    func formatted(_ language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .integer(let n): return String(n)
        case .money(let money): return money.formatted(language)
        }
    }
}

/// A message in both languages, side by side, so that neither can be forgotten.
/// Placeholders are `{name}`, filled from the arguments.
public struct LocalizedText: Sendable, Equatable {
    public let fr: String
    public let en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    /// Fills the placeholders in one pass over the template, so a value that itself contains
    /// `{name}` is never substituted again.
    public func render(_ language: Language, _ arguments: [String: MessageArgument] = [:]) -> String {
        let template = language == .fr ? fr : en
        guard !arguments.isEmpty else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = arguments[String(rest[afterOpen..<close])] {
                result += value.formatted(language)
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}

