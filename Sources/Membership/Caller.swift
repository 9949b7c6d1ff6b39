import CoopCore

/// Who is calling a domain verb, as the face that authenticated them says: a token's holder (the
/// API), a signed-in member or volunteer (the web), the local operator (`coopctl`), or nobody.
///
/// Every domain service is built for one caller (`init(context:caller:)`, no default) and decides
/// from it, in its own access table, what that caller may do; faces only say who is calling.
public struct Caller: Sendable, Equatable {
    /// nil for nobody signed in (a public catalogue page, a public board).
    public let role: Role?
    /// The member a member's token or session belongs to (`M-0001`).
    public let memberNumber: String?
    /// Who did it, as histories record it: `api:M-0001`, `api:ab12cd34`, `coopctl:marie`.
    public let label: String?

    public init(role: Role?, memberNumber: String?, label: String?) {
        self.role = role
        self.memberNumber = memberNumber.map(MembershipService.normalizedNumber)
        self.label = label
    }

    /// Nobody signed in: only verbs open to anyone answer.
    public static let anonymous = Caller(role: nil, memberNumber: nil, label: nil)

    /// The person at the machine where Coop runs (`coopctl`, coop-api's own start-up): an administrator.
    public static func localOperator(_ label: String) -> Caller {
        Caller(role: .admin, memberNumber: nil, label: label)
    }

    /// The holder of a bearer token, labelled `api:` and their member number or the token's prefix.
    public static func token(role: Role, memberNumber: String?, prefix: String) -> Caller {
        Caller(role: role, memberNumber: memberNumber, label: "api:\(memberNumber ?? prefix)")
    }

    /// A member acting for themself, labelled by their number.
    public static func member(_ number: String) -> Caller {
        let number = MembershipService.normalizedNumber(number)
        return Caller(role: .member, memberNumber: number, label: number)
    }

    /// A volunteer at the desk, labelled as given.
    public static func staff(_ label: String?) -> Caller {
        Caller(role: .staff, memberNumber: nil, label: label)
    }

    /// True for staff and administrators: they see every member's records.
    public var isStaff: Bool { (role ?? .member) >= .staff }

    /// Refuses anything the rule does not allow: 401 `auth.unauthenticated` when nobody is signed in and
    /// the rule needs someone, 403 `auth.forbidden` naming the role when the caller's role is too low.
    public func check(_ rule: AccessRule) throws {
        switch rule {
        case .anyone: return
        case .signedIn: try require(.member)
        case .staff: try require(.staff)
        case .admin: try require(.admin)
        }
    }

    /// Throws 401 for nobody, 403 unless the caller has at least `role`.
    public func require(_ role: Role) throws {
        guard let own = self.role else { throw CoopError.unauthenticated() }
        guard own >= role else { throw CoopError.forbidden(needs: role) }
    }

    /// Staff see every member's data; a member only their own (`auth.not_your_data`, 403).
    public func requireAccess(toMember number: String) throws {
        try require(.member)
        if isStaff { return }
        guard memberNumber == MembershipService.normalizedNumber(number) else { throw CoopError.notYourData() }
    }

    /// The member a `/me` request is about (`auth.no_member_record` for a token tied to nobody).
    public func ownMemberNumber() throws -> String {
        try require(.member)
        guard let memberNumber else { throw CoopError.noMemberRecord() }
        return memberNumber
    }

    /// The member a list is limited to: a member sees only their own (asking for another is
    /// `auth.not_your_data`); staff see the member they asked for, or everyone.
    public func memberScope(_ asked: String?) throws -> String? {
        try require(.member)
        if isStaff { return asked.map(MembershipService.normalizedNumber) }
        let own = try ownMemberNumber()
        if let asked, MembershipService.normalizedNumber(asked) != own { throw CoopError.notYourData() }
        return own
    }
}

/// Who may call a verb. Each domain lists every verb it offers with one of these, in its access table
/// (`MembershipVerb`, `InventoryVerb`, `LendingVerb`, `OrdersVerb`, `VotingVerb`).
public enum AccessRule: Sendable, Equatable {
    /// No sign-in needed: the public catalogue, a public board, a ballot signed with a credential.
    case anyone
    /// Any signed-in caller; a member then reaches only their own records (the verb narrows).
    case signedIn
    /// The desk: staff and administrators.
    case staff
    /// Administrators: plans, policies, settings, tokens, elections.
    case admin
}

/// A domain's verbs, each with the rule that says who may call it.
public protocol DomainVerb: CaseIterable, Sendable {
    var rule: AccessRule { get }
}

/// A domain's service: a co-op's database, clock and time zone, for one caller, which a face re-binds
/// to each request's caller (the copy shares the service's caches).
public protocol ActsForCaller: Sendable {
    var context: CoopContext { get }
    /// Who calls the verbs; each verb checks it against its domain's access table first.
    var caller: Caller { get set }
}

extension ActsForCaller {
    public var database: DatabasePool { context.database }

    /// The same service for another caller.
    public func acting(as caller: Caller) -> Self {
        var copy = self
        copy.caller = caller
        return copy
    }
}

extension Caller {
    /// Refuses the call unless `verb`'s rule allows this caller.
    public func check<Verb: DomainVerb>(_ verb: Verb) throws { try check(verb.rule) }
}
