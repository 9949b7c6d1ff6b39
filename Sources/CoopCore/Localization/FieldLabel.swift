/// How a message names an input field: a noun phrase in each language, in place of the machine key
/// (`firstName` is « prénom », "first name"). `CoopError.field` keeps the key, which the API's problem
/// details expose for programs; the label is for the person reading the message.
///
/// Every key an error can name has a label here, one table for all domains so that a field is named the
/// same way wherever it is refused (a test finds the keys in the sources and fails on a missing one).
public struct FieldLabel: Sendable, Equatable {
    /// The French definite article, which depends on the noun's gender, number and first sound.
    public enum Article: Sendable, Equatable {
        case le, la, l, les

        var text: String {
            switch self {
            case .le: "le "
            case .la: "la "
            case .l: "l’"
            case .les: "les "
            }
        }
    }

    /// Where the label goes in the sentence.
    public enum Form: Sendable, Equatable {
        /// Quoted, after a word such as « champ »: `« prénom »`, `"first name"`.
        case quoted
        /// With its article, inside a sentence: `le prénom`, `the first name`.
        case the
        /// With its article, starting a sentence: `Le prénom`, `The first name`.
        case subject
    }

    public let fr: String
    public let article: Article
    public let en: String
    /// For a list field, how one of its elements is named (`lines` → « ligne »).
    public let element: Element?

    /// One element of a list field, named with its number (`ligne 2`, `réponse 3`).
    public struct Element: Sendable, Equatable {
        public let fr: String
        public let article: Article
        public let en: String
    }

    public init(_ fr: String, _ article: Article, en: String, element: (fr: String, article: Article, en: String)? = nil) {
        self.fr = fr
        self.article = article
        self.en = en
        self.element = element.map { Element(fr: $0.fr, article: $0.article, en: $0.en) }
    }

    /// The label of `key`, nil when the table has none.
    public static func label(_ key: String) -> FieldLabel? { catalogue[key] }

    /// A path as a message shows it. `key` is a field name (`feeCap`) or a path to one: a decoder's
    /// coding path (`lines.[0].price`, positions counted from 0, as `CoopError.fieldName(of:)` writes it)
    /// or a name with a 1-based position (`questions[2].text`, as Voting numbers its questions). The last
    /// name is labelled, the list elements above it are named with their number from 1: « prix » (ligne 1).
    /// A key with no label is shown as it is.
    public static func render(_ key: String, _ form: Form, _ language: Language) -> String {
        let steps = parse(key)
        guard let last = steps.last, let label = catalogue[last.name] else { return key }
        var head: String
        var article: Article
        if let position = last.position, let element = label.element {
            head = "\(language == .fr ? element.fr : element.en) \(position)"
            article = element.article
        } else {
            head = language == .fr ? label.fr : label.en
            if let position = last.position { head += " \(position)" }
            article = label.article
        }
        let outer = steps.dropLast().compactMap { step -> String? in
            guard let position = step.position else { return nil }
            let container = catalogue[step.name]
            let name = container?.element.map { language == .fr ? $0.fr : $0.en }
                ?? container.map { language == .fr ? $0.fr : $0.en } ?? step.name
            return "\(name) \(position)"
        }
        let qualifier = outer.isEmpty ? "" : " (\(outer.joined(separator: ", ")))"
        switch form {
        case .quoted:
            return (language == .fr ? "« \(head) »" : "\"\(head)\"") + qualifier
        case .the, .subject:
            let phrase = (language == .fr ? article.text : "the ") + head + qualifier
            return form == .subject ? phrase.prefix(1).uppercased() + phrase.dropFirst() : phrase
        }
    }

    /// A path's names, each with the 1-based position that follows it, if any.
    static func parse(_ key: String) -> [(name: String, position: Int?)] {
        enum Token { case name(String), position(Int) }
        var tokens: [Token] = []
        for part in key.split(separator: ".") {
            if part.hasPrefix("["), let n = Int(part.dropFirst().dropLast()), part.hasSuffix("]") {
                tokens.append(.position(n + 1))  // a decoder's position, from 0
                continue
            }
            let pieces = part.split(separator: "[", omittingEmptySubsequences: false)
            tokens.append(.name(String(pieces[0])))
            for piece in pieces.dropFirst() {
                guard piece.hasSuffix("]"), let n = Int(piece.dropLast()) else { continue }
                tokens.append(.position(n))  // a 1-based number written into the name
            }
        }
        var steps: [(name: String, position: Int?)] = []
        for token in tokens {
            switch token {
            case .name(let name):
                steps.append((name, nil))
            case .position(let n):
                guard let last = steps.last else { continue }
                if last.position == nil { steps[steps.count - 1].position = n } else { steps.append((last.name, n)) }
            }
        }
        return steps
    }
}
