import CoopCore
import Foundation

/// Where a member stands. `expired` is never stored: it is derived from the end date and today.
public enum MemberStatus: String, Sendable, Codable, CaseIterable, Worded {
    case active
    case expired
    case suspended

    /// The status as people read it.
    public var label: LocalizedText {
        switch self {
        case .active: LocalizedText(fr: "actif", en: "active")
        case .expired: LocalizedText(fr: "échu", en: "expired")
        case .suspended: LocalizedText(fr: "suspendu", en: "suspended")
        }
    }

    public static let synonyms: [String: MemberStatus] = [
        "active": .active, "échue": .expired, "expiré": .expired, "expirée": .expired, "suspendue": .suspended,
    ]
}

/// The categories of members of a Québec solidarity co-op (Loi sur les coopératives, art. 226.1):
/// the members who use its services, the workers it employs, and the supporting members.
public enum MemberCategory: String, Sendable, Codable, CaseIterable, Worded {
    case user
    case worker
    case supporting

    /// The category as the law and the co-op's by-laws name it.
    public var label: LocalizedText {
        switch self {
        case .user: LocalizedText(fr: "membre utilisateur", en: "user member")
        case .worker: LocalizedText(fr: "membre travailleur", en: "worker member")
        case .supporting: LocalizedText(fr: "membre de soutien", en: "supporting member")
        }
    }

    /// The short words a desk types, and the feminine forms.
    public static let synonyms: [String: MemberCategory] = [
        "utilisateur": .user, "utilisatrice": .user, "membre utilisatrice": .user, "usager": .user, "usagère": .user,
        "travailleur": .worker, "travailleuse": .worker, "membre travailleuse": .worker,
        "soutien": .supporting, "de soutien": .supporting, "support": .supporting, "supporter": .supporting,
    ]
}

extension MemberCategory {
    /// Reads `user`, `membre utilisateur`, `utilisatrice`, `worker`, `travailleur`, `soutien`… (case and
    /// accents ignored); anything else is a localized refusal that lists the categories.
    public init(parsing text: String) throws {
        guard let category = MemberCategory(words: text) else { throw CoopError.invalidCategory(text) }
        self = category
    }
}

extension Language {
    /// Reads a member's preferred language, `fr` or `en`; anything else is a localized refusal.
    public init(memberLanguage text: String) throws {
        guard let language = Language(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CoopError.invalidLanguage(text)
        }
        self = language
    }
}

/// A member of the co-op, as both faces show it.
public struct Member: Sendable, Codable, Equatable {
    /// `M-0001`: sequential, never reused.
    public let number: String
    public let firstName: String
    public let lastName: String
    /// nil once anonymized.
    public let email: String?
    public let phone: String?
    public let language: Language
    public let category: MemberCategory
    /// The plan's name, if any.
    public let plan: String?
    public let status: MemberStatus
    public let suspensionReason: String?
    public let joinedOn: LocalDate
    /// The last day of the paid membership; nil when the member has no plan (no end).
    public let membershipEnds: LocalDate?
    /// Share capital paid, in cents.
    public let shareCapital: Money
    public let anonymized: Bool

    /// The SELECT every member read shares, so that rows always decode the same way.
    static let selectSQL = """
        SELECT m.id, m.number, m.first_name, m.last_name, m.email, m.phone, m.language, m.category,
               p.name AS plan_name, m.suspended, m.suspension_reason, m.joined_on, m.membership_ends,
               m.share_capital_cents, m.anonymized_at
        FROM members m LEFT JOIN membership_plans p ON p.id = m.plan_id
        """

    init(row: Row, today: LocalDate) throws {
        number = try row.get("number")
        firstName = try row.get("first_name")
        lastName = try row.get("last_name")
        email = try row.get("email")
        phone = try row.get("phone")
        language = Language(rawValue: try row.get("language")) ?? .default
        category = MemberCategory(rawValue: try row.get("category")) ?? .user
        plan = try row.get("plan_name")
        suspensionReason = try row.get("suspension_reason")
        joinedOn = try row.get("joined_on")
        membershipEnds = try row.get("membership_ends")
        shareCapital = try row.get("share_capital_cents")
        anonymized = (try row.get("anonymized_at") as String?) != nil
        let suspended: Bool = try row.get("suspended")
        status = Member.status(suspended: suspended, ends: membershipEnds, today: today)
    }

    enum CodingKeys: String, CodingKey {
        case number, firstName, lastName, email, phone, language, category, plan, status, suspensionReason,
             joinedOn, membershipEnds, shareCapital, anonymized
    }

    /// Absent values are written as `null`, so every member object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encode(email, forKey: .email)
        try c.encode(phone, forKey: .phone)
        try c.encode(language, forKey: .language)
        try c.encode(category, forKey: .category)
        try c.encode(plan, forKey: .plan)
        try c.encode(status, forKey: .status)
        try c.encode(suspensionReason, forKey: .suspensionReason)
        try c.encode(joinedOn, forKey: .joinedOn)
        try c.encode(membershipEnds, forKey: .membershipEnds)
        try c.encode(shareCapital, forKey: .shareCapital)
        try c.encode(anonymized, forKey: .anonymized)
    }

    static func status(suspended: Bool, ends: LocalDate?, today: LocalDate) -> MemberStatus {
        if suspended { return .suspended }
        if let ends, ends < today { return .expired }
        return .active
    }

    /// The text of a member number.
    static func number(_ n: Int64) -> String { "M-\(pad4(n))" }

    private static func pad4(_ n: Int64) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}

/// What is needed to register a member.
public struct NewMember: Sendable, Codable, Equatable {
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String?
    public var language: Language?
    public var category: MemberCategory?
    public var plan: String?
    public var shareCapital: Money?

    public init(
        firstName: String, lastName: String, email: String, phone: String? = nil,
        language: Language? = nil, category: MemberCategory? = nil, plan: String? = nil, shareCapital: Money? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.language = language
        self.category = category
        self.plan = plan
        self.shareCapital = shareCapital
    }
}

/// A partial update: nil fields are left as they are.
public struct MemberChanges: Sendable, Codable, Equatable {
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var language: Language?
    public var category: MemberCategory?
    public var plan: String?
    public var shareCapital: Money?

    public init(
        firstName: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
        language: Language? = nil, category: MemberCategory? = nil, plan: String? = nil, shareCapital: Money? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.language = language
        self.category = category
        self.plan = plan
        self.shareCapital = shareCapital
    }
}
