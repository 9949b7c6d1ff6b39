/// A closed set of codes that people read and type as words of their language: a status, a category,
/// a kind. The code (`rawValue`) is what the database stores and what JSON and the API carry; `label`
/// is what a table or a message line shows; `init(words:)` reads what a person types — the code, the
/// French or English word, or a synonym — case, accents and surrounding spaces ignored.
public protocol Worded: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The case in words of each language (`en cours` / `open`).
    var label: LocalizedText { get }
    /// Other words people type for a case (a feminine, a plural, a common synonym), beyond its code
    /// and its two labels. Folded with `String.folded` before comparison, so spell them naturally.
    static var synonyms: [String: Self] { get }
}

extension Worded {
    public static var synonyms: [String: Self] { [:] }

    /// The case named by `text`: its code (`picked_up`, or `picked up`), its French or English label,
    /// or one of its synonyms, case and accents ignored; nil for anything else.
    public init?(words text: String) {
        let key = text.folded
        guard !key.isEmpty else { return nil }
        for candidate in Self.allCases {
            let code = candidate.rawValue.folded
            if key == code || key == code.replacingUnderscores || key == candidate.label.fr.folded || key == candidate.label.en.folded {
                self = candidate
                return
            }
        }
        for (word, candidate) in Self.synonyms where word.folded == key {
            self = candidate
            return
        }
        return nil
    }

    /// Reads what a person typed for `field`; anything else is refused with `common.invalid_value`,
    /// which lists the words of the reader's language.
    public init(words text: String, field: String) throws {
        guard let value = Self(words: text) else { throw CoopError.invalidValue(field, text, expected: Self.choices) }
        self = value
    }

    /// Every case's label, in declaration order: `en cours, en retard, rendu ou perdu` /
    /// `open, overdue, returned or lost`. For help texts and refusals.
    public static var choices: LocalizedText {
        let labels = allCases.map(\.label)
        return LocalizedText(fr: list(labels.map(\.fr), last: " ou "), en: list(labels.map(\.en), last: " or "))
    }

    private static func list(_ words: [String], last: String) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + last + words[words.count - 1]
    }
}

private extension String {
    /// `picked_up` as people type it: `picked up`.
    var replacingUnderscores: String { String(map { $0 == "_" || $0 == "-" ? " " : $0 }) }
}

extension Worded {
    /// The arguments a refusal names this value by: `name` holds the code (what the API's clients act
    /// on), `nameFr` and `nameEn` the words its two texts show (`{statusFr}`, `{statusEn}`).
    public func arguments(_ name: String) -> [String: MessageArgument] {
        [name: .text(rawValue), name + "Fr": .text(label.fr), name + "En": .text(label.en)]
    }
}
