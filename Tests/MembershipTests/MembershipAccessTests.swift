import CoopCore
import CoopTestSupport
import Foundation
import Testing
@testable import Membership

/// Membership's access tables (`MembershipVerb`, `TokenVerb`), one case per verb: whom its rule names
/// gets in, everyone else is refused with 401 or 403 before anything is read. The switches are
/// exhaustive, so a new verb cannot be added without a case here.
@Suite struct MembershipAccessTests {
    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func tokenRule(_ verb: TokenVerb) -> AccessRule {
        switch verb {
        case .authenticate: .anyone
        case .create, .revoke, .list, .bootstrapAdminToken: .admin
        }
    }

    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func rule(_ verb: MembershipVerb) -> AccessRule {
        switch verb {
        case .coopProfile: .anyone
        case .member, .account, .plans, .plan: .signedIn
        case .addMember, .members, .allMembers, .updateMember, .renew, .suspend, .reinstate,
             .importMembers, .exportMembersCSV, .findMembers, .personalData, .addPayment, .voidPayment: .staff
        case .addPlan, .anonymize, .updateCoopProfile: .admin
        }
    }

    @Test(arguments: MembershipVerb.allCases)
    func eachMembershipVerbLetsInOnlyWhomItsRuleNames(verb: MembershipVerb) async throws {
        let db = try await TestDatabase()
        try await db.addPlan()
        try await db.addMember("Alice", plan: "Annual")
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let membership = db.service.acting(as: caller)
            let tag = caller.role?.rawValue ?? "nobody"
            switch verb {
            case .addMember: _ = try await membership.addMember(NewMember(firstName: "Bob", lastName: tag, email: "bob-\(tag)@example.org"))
            case .member: _ = try await membership.member("M-0001")
            case .members: _ = try await membership.members()
            case .allMembers: _ = try await membership.allMembers()
            case .updateMember: _ = try await membership.updateMember("M-0001", MemberChanges(phone: "514 555-0101"))
            case .renew: _ = try await membership.renew("M-0001")
            case .suspend: _ = try await membership.suspend("M-0001", reason: "essai")
            case .reinstate: _ = try await membership.reinstate("M-0001")
            case .importMembers:
                _ = try await membership.importMembers(csv: utf8("firstName,lastName,email\nCarole,\(tag),carole-\(tag)@example.org\n"), source: "t.csv")
            case .exportMembersCSV: _ = try await membership.exportMembersCSV()
            case .findMembers: _ = try await membership.findMembers("Alice")
            case .addPlan: _ = try await membership.addPlan(Plan(name: "Plan \(tag)", fee: Money(cents: 100), months: 1, maxLoans: 1, maxReservations: 1))
            case .plans: _ = try await membership.plans()
            case .plan: _ = try await membership.plan("Annual")
            case .personalData: _ = try await membership.personalData("M-0001")
            case .anonymize: _ = try await membership.anonymize("M-0001")
            case .addPayment: _ = try await membership.addPayment(member: "M-0001", amount: Money(cents: 100), method: .cash)
            case .voidPayment: _ = try await membership.voidPayment(1, reason: "erreur")
            case .account: _ = try await membership.account("M-0001")
            case .coopProfile: _ = try await membership.coopProfile()
            case .updateCoopProfile: _ = try await membership.updateCoopProfile(CoopProfileChanges(name: "Coop \(tag)"))
            }
        }
    }

    @Test(arguments: TokenVerb.allCases)
    func eachTokenVerbLetsInOnlyWhomItsRuleNames(verb: TokenVerb) async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await expectAccess(verb, expected: Self.tokenRule(verb)) { caller in
            let tokens = db.tokens.acting(as: caller)
            switch verb {
            case .create: _ = try await tokens.create(role: .staff, label: "Comptoir")
            case .revoke: _ = try await tokens.revoke(prefix: "abcdefgh")
            case .list: _ = try await tokens.list()
            case .authenticate: _ = try await tokens.authenticate("not a token")
            case .bootstrapAdminToken: _ = try await tokens.bootstrapAdminToken()
            }
        }
    }

    @Test func aMemberReadsOnlyTheirOwnRecordAndAccount() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await db.addMember("Bob")
        let alice = db.service.acting(as: .member("M-0001"))
        #expect(try await alice.member("1").number == "M-0001")
        #expect(try await alice.account("M-0001").member == "M-0001")
        try await expectRefusal("auth.not_your_data") { try await alice.member("M-0002") }
        try await expectRefusal("auth.not_your_data") { try await alice.account("M-0002") }
    }
}
