import ArgumentParser
import CoopCore
import Foundation

/// A command line that cannot run as typed (exit status 2, with the usage), in the reader's language.
///
/// `validate()` runs before any command knows its session, so the language comes from the command line
/// and the environment, as `GlobalOptions.language` reads them.
enum UsageError {
    static func invalid(_ text: LocalizedText, _ arguments: [String: MessageArgument] = [:]) -> ValidationError {
        ValidationError(text.render(language, arguments))
    }

    /// `--lang X` / `--lang=X` anywhere on the command line, then `COOP_LANG`, then `LANG`, then French.
    static let language: Language = language(of: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)

    static func language(of arguments: [String], environment: [String: String]) -> Language {
        var flag: String?
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", i + 1 < arguments.count { flag = arguments[i + 1] }
            if argument.hasPrefix("--lang=") { flag = String(argument.dropFirst("--lang=".count)) }
        }
        return Language.resolve(flag: flag, environment: environment)
    }

    /// swift-argument-parser writes its own messages in English; a French reader gets them in French.
    static func localized(_ message: String, _ language: Language) -> String {
        guard language == .fr else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = String(line)
            for (english, french) in phrases where line.contains(english) {
                line = line.replacingOccurrences(of: english, with: french)
            }
            for rule in quotedRules {
                guard let start = line.range(of: rule.before), let end = line.range(of: rule.after, range: start.upperBound..<line.endIndex) else {
                    continue
                }
                let quoted = String(line[start.upperBound..<end.lowerBound])
                line.replaceSubrange(start.lowerBound..<end.upperBound, with: rule.french.replacingOccurrences(of: "{1}", with: quoted))
            }
            return line
        }.joined(separator: "\n")
    }

    private static let phrases: [(String, String)] = [
        ("Error: ", "Erreur : "),
        ("Help:  ", "Aide : "),
        ("Usage: ", "Utilisation : "),
        ("for more information.", "pour en savoir plus."),
        ("  See '", "  Voir '"),
    ]

    /// `before` + what the parser quoted + `after`, and the French with `{1}` for the quoted part.
    private static let quotedRules: [(before: String, after: String, french: String)] = [
        ("Missing expected argument '", "'", "Il manque l’argument « {1} »."),
        ("Missing value for '", "'", "Il manque la valeur de « {1} »."),
        ("Unknown option '", "'", "Option inconnue : « {1} »."),
        ("Unexpected argument '", "'", "Argument inattendu : « {1} »."),
        ("The value '", "' is invalid for", "La valeur « {1} » n’est pas valide pour"),
    ]
}
