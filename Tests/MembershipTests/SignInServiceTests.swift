import CoopCore
import CoopTestSupport
import Foundation
import Testing
@testable import Membership

/// Signing in to the web pages: codes work once and for a day, passwords are scrypt hashes, the role an
/// administrator gives is read again on every request, and erasing a member ends their sign-in.
@Suite struct SignInServiceTests {
    static func signIn(_ db: TestDatabase, as caller: Caller = .localOperator("test")) -> SignInService {
        SignInService(context: db.context, caller: caller)
    }

    @Test(arguments: SignInVerb.allCases)
    func eachSignInVerbLetsInOnlyWhomItsRuleNames(verb: SignInVerb) async throws {
        let expected: AccessRule = switch verb {
        case .signIn, .sessionCaller: .anyone
        case .setPassword: .signedIn
        case .issueCode: .staff
        case .setRole: .admin
        }
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await expectAccess(verb, expected: expected) { caller in
            let service = Self.signIn(db, as: caller)
            switch verb {
            case .signIn: _ = try? await service.signIn(email: "alice@example.org", secret: "x")
            case .sessionCaller: _ = try await service.sessionCaller(member: "M-0001")
            case .issueCode: _ = try await service.issueCode(member: "M-0001")
            case .setPassword:
                // On the web everyone signed in is a member, volunteers included: the probe's staff and
                // admin stand for M-0001 here, as their session would.
                let own = caller.role.map { Caller(role: $0, memberNumber: "M-0001", label: "web:M-0001") } ?? caller
                try await service.acting(as: own).setPassword("une phrase assez longue")
            case .setRole: try await service.setRole(member: "M-0001", role: .member)
            }
        }
    }

    @Test func aCodeWorksOnceAndForADay() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        let issued = try await Self.signIn(db).issueCode(member: "m-1")
        #expect(issued.code.count == 8 && issued.code.allSatisfy(\.isNumber))
        #expect(try await db.allStoredText().contains(issued.code) == false, "stored only as its hash")
        let visitor = Self.signIn(db, as: .anonymous)
        let spaced = String(issued.code.prefix(4)) + " " + issued.code.dropFirst(4)
        let caller = try await visitor.signIn(email: " Alice@Example.org ", secret: spaced)
        #expect(caller == Caller(role: .member, memberNumber: "M-0001", label: "web:M-0001"))
        await #expect(throws: CoopError.self) { try await visitor.signIn(email: "alice@example.org", secret: issued.code) }

        let late = try await Self.signIn(db).issueCode(member: "M-0001")
        db.setClock("2026-03-16T12:00:01Z")
        let error = await #expect(throws: CoopError.self) { try await visitor.signIn(email: "alice@example.org", secret: late.code) }
        #expect(error?.code == "membership.sign_in_failed" && error?.message(.fr).contains("demandez un nouveau code") == true)
    }

    @Test func aPasswordIsAnScryptHashAndSettingItUnlocks() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        let alice = Self.signIn(db, as: .member("M-0001"))
        let short = await #expect(throws: CoopError.self) { try await alice.setPassword("court") }
        #expect(short?.code == "membership.password_too_short")
        try await alice.setPassword("trois petits chats")
        let stored = try await db.pool.read { db in try db.scalar("SELECT password_hash FROM membership_web_accounts", as: String.self) }
        #expect(stored?.hasPrefix("scrypt$32768$8$1$") == true && stored?.contains("chats") == false)
        _ = try await Self.signIn(db, as: .anonymous).signIn(email: "alice@example.org", secret: "trois petits chats")
    }

    @Test func theRoleIsReadAgainAndErasingAMemberEndsTheirSignIn() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        let service = Self.signIn(db)
        #expect(try await service.sessionCaller(member: "M-0001")?.role == .member)
        try await service.setRole(member: "M-0001", role: .staff)
        #expect(try await service.sessionCaller(member: "M-0001")?.isStaff == true)
        let code = try await service.issueCode(member: "M-0001").code
        _ = try await db.service.anonymize("M-0001")
        #expect(try await service.sessionCaller(member: "M-0001") == nil)
        #expect(try await db.count("membership_web_accounts") == 0)
        #expect(try await db.count("membership_sign_in_codes") == 0)
        await #expect(throws: CoopError.self, "an erased member gets no code") { try await service.issueCode(member: "M-0001") }
        let visitor = Self.signIn(db, as: .anonymous)
        await #expect(throws: CoopError.self) { try await visitor.signIn(email: "alice@example.org", secret: code) }
    }
}
