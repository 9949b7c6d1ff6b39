import CoopCore
import Testing
@testable import Membership

@Suite("Roles and callers")
struct CallerTests {
    static let admin = Caller.token(role: .admin, memberNumber: nil, prefix: "aaaaaaaa")
    static let staff = Caller.token(role: .staff, memberNumber: nil, prefix: "ssssssss")
    static let alice = Caller.token(role: .member, memberNumber: "M-0001", prefix: "mmmmmmmm")

    @Test func eachRoleIncludesTheOnesBelowIt() throws {
        #expect(Role.member < Role.staff)
        #expect(Role.staff < Role.admin)
        for role in Role.allCases { try Self.admin.require(role) }
        try Self.staff.require(.staff)
        try Self.staff.require(.member)
        try Self.alice.require(.member)
    }

    @Test func lowerRoleIsForbiddenInBothLanguages() throws {
        let error = try #require(throws: CoopError.self) { try Self.alice.require(.staff) }
        #expect(error.code == "auth.forbidden")
        #expect(error.kind == .forbidden)
        #expect(error.message(.en) == "This action needs the staff role.")
        #expect(error.message(.fr) == "Cette action demande le rôle « personnel ».")
        #expect(error.arguments["role"] == .localized(Role.staff.label, code: "staff"), "the argument keeps the code for clients")
        let staff = try #require(throws: CoopError.self) { try Self.staff.require(.admin) }
        #expect(staff.code == "auth.forbidden")
        #expect(staff.message(.en) == "This action needs the administrator role.")
    }

    @Test func nobodySignedInIsAskedToAuthenticate() throws {
        let error = try #require(throws: CoopError.self) { try Caller.anonymous.require(.member) }
        #expect(error.code == "auth.unauthenticated")
        #expect(error.kind == .unauthenticated)
        try Caller.anonymous.check(.anyone)
        for rule in [AccessRule.signedIn, .staff, .admin] {
            #expect(throws: CoopError.self) { try Caller.anonymous.check(rule) }
        }
        #expect(throws: CoopError.self) { try Caller.anonymous.requireAccess(toMember: "M-0001") }
    }

    @Test func eachRuleLetsInTheRolesItNames() throws {
        try Self.alice.check(.signedIn)
        #expect(throws: CoopError.self) { try Self.alice.check(.staff) }
        try Self.staff.check(.staff)
        #expect(throws: CoopError.self) { try Self.staff.check(.admin) }
        try Self.admin.check(.admin)
        try Caller.localOperator("coopctl:marie").check(.admin)
    }

    @Test func memberListIsNarrowedToTheirOwn() throws {
        #expect(try Self.alice.memberScope(nil) == "M-0001")
        #expect(try Self.alice.memberScope("m-1") == "M-0001")
        let error = try #require(throws: CoopError.self) { try Self.alice.memberScope("M-0002") }
        #expect(error.code == "auth.not_your_data")
        #expect(try Self.staff.memberScope(nil) == nil)
        #expect(try Self.staff.memberScope("2") == "M-0002")
    }

    @Test func memberSeesOnlyTheirOwnRecord() throws {
        try Self.alice.requireAccess(toMember: "M-0001")
        let error = try #require(throws: CoopError.self) { try Self.alice.requireAccess(toMember: "M-0002") }
        #expect(error.code == "auth.not_your_data")
        #expect(error.kind == .forbidden)
    }

    @Test func memberTokenWithoutMemberSeesNobody() throws {
        let lost = Caller.token(role: .member, memberNumber: nil, prefix: "xxxxxxxx")
        let error = try #require(throws: CoopError.self) { try lost.requireAccess(toMember: "M-0001") }
        #expect(error.code == "auth.not_your_data")
    }

    @Test(arguments: ["M-0001", "M-0002", "M-9999"])
    func staffAndAdminSeeEveryMember(number: String) throws {
        try Self.staff.requireAccess(toMember: number)
        try Self.admin.requireAccess(toMember: number)
    }

    @Test func ownMemberNumberNeedsATokenTiedToAMember() throws {
        #expect(try Self.alice.ownMemberNumber() == "M-0001")
        let error = try #require(throws: CoopError.self) { try Self.admin.ownMemberNumber() }
        #expect(error.code == "auth.no_member_record")
        #expect(error.kind == .notFound)
    }

    @Test func authenticatedMemberTokenOpensOnlyItsOwnRecord() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await db.addMember("Bob")
        let token = try await db.tokens.create(role: .member, member: "2").token
        let identity = try #require(try await db.tokens.authenticate(token))
        try identity.requireAccess(toMember: "M-0002")
        #expect(throws: CoopError.self) { try identity.requireAccess(toMember: "M-0001") }
        #expect(throws: CoopError.self) { try identity.require(.staff) }
        #expect(try identity.ownMemberNumber() == "M-0002")
    }
}
