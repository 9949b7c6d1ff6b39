import CoopCore
import Foundation
import Testing
@testable import Membership
import CoopTestSupport

@Suite("Finding members by name, e-mail or phone")
struct MemberSearchTests {
    /// Three members a desk would look for, and one it must not find.
    static func seeded() async throws -> TestDatabase {
        let db = try await TestDatabase()
        try await db.addMember("Hélène", "Côté", email: "helene.cote@example.org", phone: "(514) 555-0150")
        try await db.addMember("Émile", "Nelligan", email: "poete@example.org", phone: "514 555-0101")
        try await db.addMember("Ada", "Lovelace", email: "ada@analytical.example", phone: "+44 20 7946 0000")
        return db
    }

    func numbers(_ db: TestDatabase, _ text: String) async throws -> [String] {
        try await db.service.findMembers(text).items.map(\.number)
    }

    @Test func accentsAndCaseAreIgnoredInNames() async throws {
        let db = try await Self.seeded()
        #expect(try await numbers(db, "helene") == ["M-0001"])
        #expect(try await numbers(db, "COTE") == ["M-0001"])
        #expect(try await numbers(db, "Hélène Côté") == ["M-0001"])
        #expect(try await numbers(db, "cote  helene") == ["M-0001"], "words in any order, spaces collapsed")
        #expect(try await numbers(db, "emile") == ["M-0002"])
        #expect(try await numbers(db, "ÉMILE") == ["M-0002"])
        #expect(try await numbers(db, "love") == ["M-0003"], "part of a name")
    }

    @Test func partOfAnEmailFindsItsMember() async throws {
        let db = try await Self.seeded()
        #expect(try await numbers(db, "analytical") == ["M-0003"])
        #expect(try await numbers(db, "POETE@") == ["M-0002"])
        #expect(try await numbers(db, "example.org") == ["M-0001", "M-0002"])
    }

    @Test func theDigitsOfAPhoneFindItsMemberWhateverThePunctuation() async throws {
        let db = try await Self.seeded()
        #expect(try await numbers(db, "514 555") == ["M-0001", "M-0002"])
        #expect(try await numbers(db, "5550150") == ["M-0001"])
        #expect(try await numbers(db, "(514) 555-0150") == ["M-0001"])
        #expect(try await numbers(db, "555-0101") == ["M-0002"])
        #expect(try await numbers(db, "+44 20") == ["M-0003"])
    }

    @Test func aQueryMatchingNobodyIsAnEmptyPage() async throws {
        let db = try await Self.seeded()
        let page = try await db.service.findMembers("Tremblay")
        #expect(page.items.isEmpty)
        #expect(page.next == nil)
        #expect(try await numbers(db, "helene nelligan").isEmpty, "every word must match the same member")
        #expect(try await numbers(db, "%").isEmpty, "no LIKE wildcards")
    }

    @Test func anEmptyOrTooLongQueryIsRefusedInBothLanguages() async throws {
        let db = try await Self.seeded()
        let empty = try await expectRefusal("common.required") { try await db.service.findMembers("   ") }
        #expect(empty.message(.fr) == "Le champ « texte recherché » est obligatoire.")
        #expect(empty.message(.en) == "The field \"search text\" is required.")
        let long = try await expectRefusal("common.too_long") { try await db.service.findMembers(String(repeating: "a", count: 101)) }
        #expect(long.message(.fr) == "Le champ « texte recherché » dépasse 100 caractères.")
        #expect(long.message(.en) == "The field \"search text\" is longer than 100 characters.")
    }

    @Test func changesAndImportsAreFoundAndAnonymizedMembersAreNot() async throws {
        let db = try await Self.seeded()
        _ = try await db.service.updateMember("M-0002", MemberChanges(lastName: "Gauvreau", phone: "438 555-0199"))
        #expect(try await numbers(db, "nelligan").isEmpty)
        #expect(try await numbers(db, "gauvreau") == ["M-0002"])
        #expect(try await numbers(db, "438") == ["M-0002"])
        _ = try await db.service.importMembers(csv: utf8("first_name,last_name,email\nJosée,Bélanger,josee@example.org\n"), source: "m.csv")
        #expect(try await numbers(db, "josee belanger") == ["M-0004"])
        _ = try await db.service.anonymize("M-0001")
        #expect(try await numbers(db, "helene").isEmpty)
        #expect(try await numbers(db, "5550150").isEmpty)
        #expect(!(try await db.allStoredText()).contains { $0.contains("helene") }, "the folded name goes with the name")
    }

    @Test func resultsArePagedInNumberOrderWithACursor() async throws {
        let db = try await TestDatabase()
        for i in 1...5 { try await db.addMember("Élise\(i)", "Roy", email: "elise\(i)@example.org") }
        try await db.addMember("Marc", "Roy", email: "marc@example.org")
        let first = try await db.service.findMembers("elise", page: PageRequest(limit: 2))
        #expect(first.items.map(\.number) == ["M-0001", "M-0002"])
        let second = try await db.service.findMembers("elise", page: try PageRequest(limit: "2", cursor: first.next))
        #expect(second.items.map(\.number) == ["M-0003", "M-0004"])
        let third = try await db.service.findMembers("elise", page: try PageRequest(limit: "2", cursor: second.next))
        #expect(third.items.map(\.number) == ["M-0005"])
        #expect(third.next == nil)
        _ = try await db.service.suspend("M-0006", reason: "Outil non rendu")
        #expect(try await db.service.findMembers("roy", status: .suspended).items.map(\.number) == ["M-0006"])
    }
}
