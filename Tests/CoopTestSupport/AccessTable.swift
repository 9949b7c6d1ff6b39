import CoopCore
import Membership
import Testing

/// The callers a domain's access table is tried with: nobody, a member (`M-0001`, who must exist and be
/// the member the call names), a volunteer at the desk and an administrator.
public enum AccessProbe {
    public static let callers: [Caller] = [
        .anonymous, .member("M-0001"), .staff("desk"), Caller(role: .admin, memberNumber: nil, label: "admin"),
    ]

    /// Whether `rule` lets `caller` in.
    static func allows(_ rule: AccessRule, _ caller: Caller) -> Bool {
        switch rule {
        case .anyone: true
        case .signedIn: caller.role != nil
        case .staff: caller.isStaff
        case .admin: caller.role == .admin
        }
    }
}

/// Checks one row of a domain's access table against the test's own copy (`expected`, the rule as the
/// README states it), then calls the verb as each probe caller: a caller the rule refuses gets
/// 401 `auth.unauthenticated` (nobody signed in) or 403 `auth.forbidden` (a role too low), before the
/// verb reads anything of its arguments; a caller it lets in is never refused for who they are (the call
/// may still fail for another reason: an unknown id, an empty basket).
/// - Parameter call: runs the verb as the given caller, on the member `M-0001`'s own records.
public func expectAccess<Verb: DomainVerb>(
    _ verb: Verb, expected: AccessRule, sourceLocation: SourceLocation = #_sourceLocation, _ call: (Caller) async throws -> Void
) async throws {
    #expect(verb.rule == expected, "\(verb) is \(verb.rule), the table says \(expected)", sourceLocation: sourceLocation)
    for caller in AccessProbe.callers {
        let who = caller.role?.rawValue ?? "anonymous"
        do {
            try await call(caller)
            #expect(AccessProbe.allows(expected, caller), "\(verb) let \(who) in against its rule", sourceLocation: sourceLocation)
        } catch let error as CoopError {
            if AccessProbe.allows(expected, caller) {
                #expect(!["auth.unauthenticated", "auth.forbidden", "auth.not_your_data", "auth.no_member_record"].contains(error.code),
                        "\(verb) refused \(who) (\(error.code)) although its rule lets them in", sourceLocation: sourceLocation)
            } else if caller.role == nil {
                #expect(error.code == "auth.unauthenticated" && error.kind == .unauthenticated,
                        "\(verb) answered \(who) with \(error.code)", sourceLocation: sourceLocation)
            } else {
                #expect(error.code == "auth.forbidden" && error.kind == .forbidden,
                        "\(verb) answered \(who) with \(error.code)", sourceLocation: sourceLocation)
            }
        }
    }
}
