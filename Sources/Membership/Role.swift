import CoopCore

/// What a token may do. Each role includes the ones below it: admin ⊃ staff ⊃ member.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case member
    case staff
    case admin

    private var rank: Int {
        switch self {
        case .member: 0
        case .staff: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

    /// The role as people name it; the raw value is the code typed after `--role`.
    public var label: LocalizedText {
        switch self {
        case .member: LocalizedText(fr: "membre", en: "member")
        case .staff: LocalizedText(fr: "personnel", en: "staff")
        case .admin: LocalizedText(fr: "administrateur", en: "administrator")
        }
    }

    public init(parsing text: String) throws {
        guard let role = Role(rawValue: text.lowercased()) else { throw CoopError.invalidRole(text) }
        self = role
    }
}

/// Who is calling: the role of the token and, for a member's token, which member.
public struct Identity: Sendable, Equatable {
    public let role: Role
    public let memberNumber: String?
    public let tokenPrefix: String

    public init(role: Role, memberNumber: String?, tokenPrefix: String) {
        self.role = role
        self.memberNumber = memberNumber
        self.tokenPrefix = tokenPrefix
    }

    /// Throws 403 unless the identity has at least `role`.
    public func require(_ role: Role) throws {
        guard self.role >= role else { throw CoopError.forbidden(needs: role) }
    }

    /// Staff see every member's data; a member only their own.
    public func requireAccess(toMember number: String) throws {
        if role >= .staff { return }
        guard memberNumber == number else { throw CoopError.notYourData() }
    }

    /// The member record a `/me` request is about.
    public func ownMemberNumber() throws -> String {
        guard let memberNumber else { throw CoopError.noMemberRecord() }
        return memberNumber
    }
}
