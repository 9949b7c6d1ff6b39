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

    public func render(_ language: Language, _ arguments: [String: MessageArgument] = [:]) -> String {
        var text = language == .fr ? fr : en
        for (name, value) in arguments {
            text = text.replacingOccurrences(of: "{\(name)}", with: value.formatted(language))
        }
        return text
    }
}

import Foundation
