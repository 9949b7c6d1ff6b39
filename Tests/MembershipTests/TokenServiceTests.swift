import CoopCore
import Foundation
import Testing
@testable import Membership
import CoopTestSupport

@Suite("API tokens")
struct TokenServiceTests {
    static let base64URLAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func createdTokenIsFortyThreeBase64URLCharactersAndAuthenticatesWithItsRole() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        #expect(issued.token.count == 43)
        #expect(issued.token.allSatisfy { Self.base64URLAlphabet.contains($0) })
        #expect(issued.info.prefix == String(issued.token.prefix(8)))
        #expect(issued.info.role == .admin)
        #expect(issued.info.member == nil)
        #expect(issued.info.createdAt == TestDatabase.start)
        #expect(issued.info.revokedAt == nil)

        let identity = try await db.tokens.authenticate(issued.token)
        #expect(identity == Caller.token(role: .admin, memberNumber: nil, prefix: issued.info.prefix))
    }

    /// A token starting with `-` could not be revoked by prefix on the command line (it read as an
    /// option): no new token starts with one. 2,000 draws would meet about 31 of them otherwise.
    @Test func noSecretStartsWithADash() throws {
        for _ in 0..<2_000 {
            let secret = try TokenService.newSecret()
            #expect(secret.count == 43)
            #expect(secret.first != "-")
            #expect(secret.allSatisfy { Self.base64URLAlphabet.contains($0) })
        }
    }

    @Test func memberTokenCarriesTheMembersNumber() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let issued = try await db.tokens.create(role: .member, member: "m-1")
        #expect(issued.info.member == "M-0001")
        let identity = try #require(try await db.tokens.authenticate(issued.token))
        #expect(identity.role == .member)
        #expect(identity.memberNumber == "M-0001")
        #expect(try await db.tokens.list().map(\.member) == ["M-0001"])
    }

    @Test func aLabelIsTrimmedKeptAndListedAndOldTokensHaveNone() async throws {
        let db = try await TestDatabase()
        let unlabelled = try await db.tokens.create(role: .admin)
        let desk = try await db.tokens.create(role: .staff, label: "  Desk, Saturday volunteer \n")
        let blank = try await db.tokens.create(role: .staff, label: "   ")
        #expect(unlabelled.info.label == nil)
        #expect(desk.info.label == "Desk, Saturday volunteer")
        #expect(blank.info.label == nil, "an empty label is no label")
        let longest = String(repeating: "é", count: TokenService.maxLabelLength)
        _ = try await db.tokens.create(role: .staff, label: longest)
        #expect(try await db.tokens.list().map(\.label) == [nil, "Desk, Saturday volunteer", nil, longest])
        let revoked = try await db.tokens.revoke(prefix: desk.info.prefix)
        #expect(revoked.label == "Desk, Saturday volunteer")
    }

    @Test func aLabelOfMoreThan100CharactersIsRefusedAndNothingIsCreated() async throws {
        let db = try await TestDatabase()
        let before = try await db.snapshot()
        let error = try await expectRefusal("common.too_long") {
            try await db.tokens.create(role: .staff, label: String(repeating: "x", count: 101))
        }
        #expect(error.field == "label")
        #expect(error.message(.fr) == "Le champ « libellé » dépasse 100 caractères.")
        #expect(error.message(.en) == "The field \"label\" is longer than 100 characters.")
        #expect(try await db.snapshot() == before)
    }

    @Test func aMembersTokenLabelIsInTheirDataAndErasedWithThem() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        _ = try await db.tokens.create(role: .member, member: "M-0001", label: "Téléphone d’Alice")
        #expect(try await db.service.personalData("M-0001").tokens.map(\.label) == ["Téléphone d’Alice"])
        _ = try await db.service.anonymize("M-0001")
        #expect(try await db.tokens.list().map(\.label) == [nil])
    }

    @Test func tokensAreDifferentEachTime() async throws {
        let db = try await TestDatabase()
        var tokens = Set<String>()
        for _ in 1...10 { tokens.insert(try await db.tokens.create(role: .staff).token) }
        #expect(tokens.count == 10)
    }

    @Test func onlyTheSHA256OfTheTokenIsStored() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .staff)
        let rows = try await db.pool.read { db in try db.query("SELECT * FROM api_tokens").map(\.values) }
        #expect(rows.count == 1)
        for value in try #require(rows.first) {
            switch value {
            case .text(let text): #expect(!text.contains(issued.token))
            case .blob(let bytes): #expect(bytes != Array(issued.token.utf8))
            default: break
            }
        }
        let hash = try await db.pool.read { db in try db.scalar("SELECT hash FROM api_tokens", as: [UInt8].self) }
        #expect(hash == SHA256.hash(issued.token))
    }

    @Test(arguments: ["", "short", String(repeating: "A", count: 43), String(repeating: "é", count: 43), String(repeating: "A", count: 44)])
    func unknownOrMalformedTokenDoesNotAuthenticate(token: String) async throws {
        let db = try await TestDatabase()
        _ = try await db.tokens.create(role: .admin)
        #expect(try await db.tokens.authenticate(token) == nil)
    }

    @Test func tokenWithOneCharacterChangedDoesNotAuthenticate() async throws {
        let db = try await TestDatabase()
        let token = try await db.tokens.create(role: .admin).token
        let tampered = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
        #expect(try await db.tokens.authenticate(tampered) == nil)
        #expect(try await db.tokens.authenticate(" " + token) == nil)
    }

    // MARK: Revocation

    @Test func revokedTokenNoLongerAuthenticates() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .staff)
        let other = try await db.tokens.create(role: .staff)
        db.clock.advance(seconds: 60)
        let revoked = try await db.tokens.revoke(prefix: String(issued.token.prefix(6)))
        #expect(revoked.prefix == issued.info.prefix)
        #expect(revoked.revokedAt == TestDatabase.start.adding(seconds: 60))
        #expect(try await db.tokens.authenticate(issued.token) == nil)
        #expect(try await db.tokens.authenticate(other.token) != nil)
        #expect(try await db.tokens.list().map(\.revokedAt) == [TestDatabase.start.adding(seconds: 60), nil])
    }

    @Test func revokingByTheFullTokenWorks() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        _ = try await db.tokens.revoke(prefix: issued.token)
        #expect(try await db.tokens.authenticate(issued.token) == nil)
    }

    /// "Revokes the one active token starting with `prefix`": any prefix of at least six characters of
    /// a token names it, not only the eight characters kept in clear.
    @Test(arguments: [9, 10, 20, 42])
    func revokingByAPrefixLongerThanEightCharactersFindsTheToken(length: Int) async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        let revoked = try? await db.tokens.revoke(prefix: String(issued.token.prefix(length)))
        #expect(revoked?.prefix == issued.info.prefix,
                "a \(length)-character prefix of an active token was answered membership.token_not_found")
        #expect(try await db.tokens.authenticate(issued.token) == nil)
    }

    @Test func prefixShorterThanSixCharactersIsRefused() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.token_prefix_short") {
            try await db.tokens.revoke(prefix: String(issued.token.prefix(5)))
        }
        #expect(error.field == "prefix")
        #expect(try await db.snapshot() == before)
        #expect(try await db.tokens.authenticate(issued.token) != nil)
    }

    @Test func unknownOrAlreadyRevokedPrefixIsNotFound() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        let prefix = issued.info.prefix
        let unknown = prefix.first == "x" ? "yyyyyyyy" : "xxxxxxxx"
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.token_not_found") { try await db.tokens.revoke(prefix: unknown) }
        #expect(error.message(.en) == "No active token starts with \"\(unknown)\".")
        #expect(try await db.snapshot() == before)

        _ = try await db.tokens.revoke(prefix: prefix)
        try await expectRefusal("membership.token_not_found") { try await db.tokens.revoke(prefix: prefix) }
    }

    @Test func prefixSharedByTwoActiveTokensIsAmbiguousAndRevokesNothing() async throws {
        let db = try await TestDatabase()
        let issued = try await db.tokens.create(role: .admin)
        let prefix = issued.info.prefix
        // A second token whose clear prefix is the same (rare by chance, forced here).
        try await db.pool.write { db in
            try db.execute("INSERT INTO api_tokens (prefix, hash, role, created_at) VALUES (?, ?, 'staff', ?)",
                           [prefix, SHA256.hash("another secret"), TestDatabase.start])
        }
        let before = try await db.snapshot()
        try await expectRefusal("membership.token_ambiguous") { try await db.tokens.revoke(prefix: String(prefix.prefix(6))) }
        #expect(try await db.snapshot() == before)
        // The full token is never ambiguous.
        _ = try await db.tokens.revoke(prefix: issued.token)
        #expect(try await db.tokens.authenticate(issued.token) == nil)
    }

    // MARK: Bad input on creation

    @Test func memberRoleWithoutMemberIsRefused() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.token_needs_member") { try await db.tokens.create(role: .member) }
        #expect(error.field == "member")
        #expect(try await db.count("api_tokens") == 0)
    }

    @Test func tokenForAnUnknownMemberIsRefused() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("membership.member_not_found") { try await db.tokens.create(role: .member, member: "M-0007") }
        #expect(try await db.count("api_tokens") == 0)
    }

    @Test func roleNamesParseInAnyCaseAndUnknownOnesAreRefused() throws {
        #expect(try Role(parsing: "ADMIN") == .admin)
        #expect(try Role(parsing: "Staff") == .staff)
        // The French words too, accents and case ignored.
        #expect(try Role(parsing: "Personnel") == .staff)
        #expect(try Role(parsing: "équipe") == .staff)
        #expect(try Role(parsing: "ADMINISTRATEUR") == .admin)
        #expect(try Role(parsing: "membre") == .member)
        let error = #expect(throws: CoopError.self) { try Role(parsing: "root") }
        #expect(error?.code == "membership.invalid_role")
        #expect(error?.message(.fr) == "Rôle inconnu « root » (administrateur, personnel ou membre).")
    }

    // MARK: First start

    @Test func bootstrapCreatesOneAdminTokenOnlyWhenNoneIsActive() async throws {
        let db = try await TestDatabase()
        _ = try await db.tokens.create(role: .staff)
        let first = try #require(try await db.tokens.bootstrapAdminToken())
        #expect(first.info.role == .admin)
        #expect(try await db.tokens.authenticate(first.token)?.role == .admin)

        #expect(try await db.tokens.bootstrapAdminToken() == nil)
        #expect(try await db.count("api_tokens", where: "role = 'admin'") == 1)

        // Once the last admin token is revoked, the next start issues a new one.
        _ = try await db.tokens.revoke(prefix: first.info.prefix)
        let second = try #require(try await db.tokens.bootstrapAdminToken())
        #expect(second.token != first.token)
    }

    /// Two starts of coop-api on one empty database must not both print an admin token: the check for
    /// an active admin token and the insert have to be one transaction.
    @Test func concurrentFirstStartsIssueOnlyOneAdminToken() async throws {
        let db = try await TestDatabase()
        let tokens = db.tokens
        let issued = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 1...5 { group.addTask { try await tokens.bootstrapAdminToken() != nil } }
            var issued = 0
            for try await created in group where created { issued += 1 }
            return issued
        }
        #expect(issued == 1)
        #expect(try await db.count("api_tokens", where: "role = 'admin'") == 1)
    }
}
