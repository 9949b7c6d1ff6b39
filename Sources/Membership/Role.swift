import CoopCore

/// What a token may do. Each role includes the ones below it: admin ⊃ staff ⊃ member.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable, Worded {
    case member
    case staff
    case admin

    /// The role as people read it (`token list`, a refusal).
    public var label: LocalizedText {
        switch self {
        case .member: LocalizedText(fr: "membre", en: "member")
        case .staff: LocalizedText(fr: "personnel", en: "staff")
        case .admin: LocalizedText(fr: "administrateur", en: "administrator")
        }
    }

    public static let synonyms: [String: Role] = [
        "équipe": .staff, "comptoir": .staff, "bénévole": .staff, "desk": .staff,
        "administratrice": .admin, "administration": .admin,
    ]

    private var rank: Int {
        switch self {
        case .member: 0
        case .staff: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// Reads `admin`, `administrateur`, `staff`, `personnel`, `member`, `membre`… (case and accents
    /// ignored); anything else is refused with `membership.invalid_role`.
    public init(parsing text: String) throws {
        guard let role = Role(words: text) else { throw CoopError.invalidRole(text) }
        self = role
    }
}
