import CoopCore

/// How a question is answered.
public enum QuestionKind: String, Sendable, Codable, CaseIterable, Worded {
    /// One choice among several (a resolution: Pour / Contre / Abstention).
    case single
    /// Between `min` and `max` choices; the `max` most approved win (electing a board).
    case approval
    /// A preference order; one winner by instant-runoff.
    case ranked

    /// The kind as people name it; the raw value is the code an election's definition uses.
    public var label: LocalizedText {
        switch self {
        case .single: LocalizedText(fr: "choix unique", en: "single choice")
        case .approval: LocalizedText(fr: "approbation", en: "approval")
        case .ranked: LocalizedText(fr: "classement", en: "ranked")
        }
    }

    public static let synonyms: [String: QuestionKind] = ["unique": .single, "vote alternatif": .ranked, "preferentiel": .ranked]
}

/// What a single-choice question needs to be decided.
public enum Threshold: String, Sendable, Codable, CaseIterable, Worded {
    /// More than half of the votes expressed (abstentions excluded).
    case majority
    /// At least two-thirds of the votes expressed (a special resolution).
    case twoThirds = "two-thirds"
    /// The most votes.
    case plurality

    /// The threshold as people read and type it.
    public var label: LocalizedText {
        switch self {
        case .majority: LocalizedText(fr: "majorité absolue", en: "absolute majority")
        case .twoThirds: LocalizedText(fr: "deux tiers", en: "two-thirds")
        case .plurality: LocalizedText(fr: "majorité relative", en: "plurality")
        }
    }

    public static let synonyms: [String: Threshold] = ["majorité": .majority, "2/3": .twoThirds, "deux-tiers": .twoThirds, "pluralité": .plurality]
}

/// One question of an election, with its choices (answers refer to them by 0-based index).
public struct Question: Sendable, Codable, Equatable {
    public var text: String
    public var kind: QuestionKind
    public var choices: [String]
    /// `single` only; `majority` when not given.
    public var threshold: Threshold?
    /// `approval` only: the fewest choices a ballot may approve (0 when not given).
    public var min: Int?
    /// `approval` only: the most choices a ballot may approve, which is also the number of seats.
    public var max: Int?

    /// A question as an administrator writes it; defaults are filled in when the election is saved.
    public init(text: String, kind: QuestionKind, choices: [String], threshold: Threshold? = nil, min: Int? = nil, max: Int? = nil) {
        self.text = text
        self.kind = kind
        self.choices = choices
        self.threshold = threshold
        self.min = min
        self.max = max
    }

    /// Limits on a question.
    public static let maxChoices = 100
    public static let maxTextLength = 1000
    public static let maxChoiceLength = 200

    /// The choice that `single` tallies leave out of the votes expressed (docs/VOTING.md, "Abstention").
    public static func isAbstention(_ choice: String) -> Bool {
        choice.trimmingCharacters(in: .whitespaces).lowercased() == "abstention"
    }

    /// Trimmed, checked and with its defaults filled in; `number` is 1-based, for messages.
    func validated(number: Int) throws -> Question {
        var q = self
        q.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !q.text.isEmpty else { throw CoopError.required("questions[\(number)].text") }
        guard q.text.count <= Self.maxTextLength else { throw CoopError.tooLong("questions[\(number)].text", max: Self.maxTextLength) }
        q.choices = choices.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard q.choices.count >= 2 else { throw CoopError.tooFewChoices(question: number) }
        guard q.choices.count <= Self.maxChoices else { throw CoopError.tooManyChoices(question: number, max: Self.maxChoices) }
        var seen: Set<String> = []
        for choice in q.choices {
            guard !choice.isEmpty else { throw CoopError.required("questions[\(number)].choices") }
            guard choice.count <= Self.maxChoiceLength else { throw CoopError.tooLong("questions[\(number)].choices", max: Self.maxChoiceLength) }
            guard seen.insert(choice.lowercased()).inserted else { throw CoopError.duplicateChoice(question: number, choice) }
        }
        switch kind {
        case .single:
            guard min == nil, max == nil else { throw CoopError.boundsNotAllowed(question: number, kind) }
            q.threshold = threshold ?? .majority
        case .approval:
            guard threshold == nil else { throw CoopError.thresholdNotAllowed(question: number, kind) }
            guard let max else { throw CoopError.required("questions[\(number)].max") }
            let min = self.min ?? 0
            guard min >= 0, min <= max, max >= 1, max <= q.choices.count else {
                throw CoopError.invalidBounds(question: number, min: min, max: max, choices: q.choices.count)
            }
            q.min = min
        case .ranked:
            guard threshold == nil else { throw CoopError.thresholdNotAllowed(question: number, kind) }
            guard min == nil, max == nil else { throw CoopError.boundsNotAllowed(question: number, kind) }
        }
        return q
    }

    /// Why `answer` is not a valid answer to this question, or nil when it is.
    ///
    /// - single: exactly one choice;
    /// - approval: `min`…`max` distinct choices, in any order;
    /// - ranked: one to all of the choices, distinct, most preferred first.
    public func problem(with answer: [Int]) -> LocalizedText? {
        for index in answer where index < 0 || index >= choices.count {
            return LocalizedText(fr: "le choix \(index) n’existe pas (0 à \(choices.count - 1))",
                                 en: "choice \(index) does not exist (0 to \(choices.count - 1))")
        }
        if Set(answer).count != answer.count {
            return LocalizedText(fr: "un même choix y figure deux fois", en: "the same choice appears twice")
        }
        let (low, high): (Int, Int)
        switch kind {
        case .single: (low, high) = (1, 1)
        case .approval: (low, high) = (min ?? 0, max ?? choices.count)
        case .ranked: (low, high) = (1, choices.count)
        }
        guard answer.count >= low, answer.count <= high else {
            return low == high
                ? LocalizedText(fr: "il faut exactement \(low) choix (reçu \(answer.count))",
                                en: "exactly \(low) \(low == 1 ? "choice" : "choices") needed (got \(answer.count))")
                : LocalizedText(fr: "il faut de \(low) à \(high) choix (reçu \(answer.count))",
                                en: "\(low) to \(high) choices needed (got \(answer.count))")
        }
        return nil
    }
}
