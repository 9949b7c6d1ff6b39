/// Who may call each Membership verb. The desk registers and looks after members; a member reads
/// their own record and account (the verb narrows `.signedIn` to their own number); administrators
/// manage plans, erase a member's personal data, and issue or revoke tokens. The co-op's profile (its
/// name, address and tax numbers, printed on its invoices) is open to anyone; administrators change it.
public enum MembershipVerb: String, DomainVerb {
    case addMember, member, members, allMembers, updateMember, renew, suspend, reinstate
    case importMembers, exportMembersCSV, findMembers
    case addPlan, plans, plan
    case personalData, anonymize
    case addPayment, voidPayment, account
    case coopProfile, updateCoopProfile

    public var rule: AccessRule {
        switch self {
        case .coopProfile: .anyone
        case .member, .account, .plans, .plan: .signedIn
        case .addMember, .members, .allMembers, .updateMember, .renew, .suspend, .reinstate,
             .importMembers, .exportMembersCSV, .findMembers, .personalData, .addPayment, .voidPayment: .staff
        case .addPlan, .anonymize, .updateCoopProfile: .admin
        }
    }
}

/// Who may call each token verb: presenting a token is open to anyone (it is how a caller becomes
/// someone); issuing, listing and revoking tokens is for administrators.
public enum TokenVerb: String, DomainVerb {
    case create, revoke, list, authenticate, bootstrapAdminToken

    public var rule: AccessRule {
        switch self {
        case .authenticate: .anyone
        case .create, .revoke, .list, .bootstrapAdminToken: .admin
        }
    }
}

/// Who may call each sign-in verb: signing in and reading a session are open to anyone (they are how
/// a visitor becomes someone); the desk hands out one-time codes; a member sets their own password;
/// administrators give a member's sign-in the staff or admin role.
public enum SignInVerb: String, DomainVerb {
    case signIn, sessionCaller, issueCode, setPassword, setRole

    public var rule: AccessRule {
        switch self {
        case .signIn, .sessionCaller: .anyone
        case .setPassword: .signedIn
        case .issueCode: .staff
        case .setRole: .admin
        }
    }
}
