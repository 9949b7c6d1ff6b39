import CoopCore
import Foundation
import Testing
@testable import Membership
import CoopTestSupport

@Suite("Member CSV import and export")
struct MemberImportTests {
    /// A database with the plan "Annual" and one member, M-0001 <existing@example.org>, already there.
    static func seeded() async throws -> TestDatabase {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000, months: 12)
        try await db.addMember("Existing", "Member", email: "existing@example.org")
        return db
    }

    // MARK: Good files

    @Test func excelFileWithBOMQuotesEmbeddedCommasAndNewlinesImportsEveryRow() async throws {
        let db = try await Self.seeded()
        let csv = "\u{FEFF}first_name,last_name,email,phone,language,category,plan\r\n"
            + "Alice,Tremblay,alice@example.org,514-555-0101,fr,user,Annual\r\n"
            + "\"Bob, Jr.\",\"O\"\"Brien\",bob@example.org,,EN,Worker,\r\n"
            + "Chloé,\"Roy\r\nLapointe\",chloe@example.org,,,supporting,annual\r\n"
        let imported = try await db.service.importMembers(csv: utf8(csv), source: "members.csv")

        #expect(imported.map(\.number) == ["M-0002", "M-0003", "M-0004"])
        #expect(imported[0] == (try await db.service.member("M-0002")))
        #expect(imported[0].firstName == "Alice")
        #expect(imported[0].phone == "514-555-0101")
        #expect(imported[0].plan == "Annual")
        #expect(imported[0].membershipEnds == LocalDate(year: 2027, month: 3, day: 15))
        #expect(imported[1].firstName == "Bob, Jr.")
        #expect(imported[1].lastName == "O\"Brien")
        #expect(imported[1].language == .en)
        #expect(imported[1].category == .worker)
        #expect(imported[1].plan == nil)
        #expect(imported[2].firstName == "Chloé")
        #expect(imported[2].lastName == "Roy\r\nLapointe")
        #expect(imported[2].language == .fr)
        #expect(imported[2].category == .supporting)
        #expect(imported[2].plan == "Annual")
        #expect(try await db.count("members") == 4)
    }

    @Test func onlyTheRequiredColumnsInAnyOrderAreEnough() async throws {
        let db = try await TestDatabase()
        let csv = "email,last_name,first_name\nalice@example.org,Tremblay,Alice\n\nbob@example.org,Gagnon,Bob"
        let imported = try await db.service.importMembers(csv: utf8(csv), source: "members.csv")
        #expect(imported.map(\.number) == ["M-0001", "M-0002"])
        #expect(imported.map(\.firstName) == ["Alice", "Bob"])
        #expect(imported.allSatisfy { $0.language == .fr && $0.category == .user && $0.plan == nil })
    }

    @Test func fileWithOnlyAHeaderImportsNobody() async throws {
        let db = try await TestDatabase()
        let imported = try await db.service.importMembers(csv: utf8("first_name,last_name,email\r\n"), source: "members.csv")
        #expect(imported.isEmpty)
        #expect(try await db.count("members") == 0)
    }

    // MARK: All or nothing

    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let csv: String
        let line: Int
        /// A piece of the English reason the message must carry.
        let reason: String
        var testDescription: String { name }
    }

    static let header = "first_name,last_name,email,language,category,plan\n"
    static let badFiles: [BadFile] = [
        BadFile(name: "malformed email on line 3",
                csv: header + "Alice,Tremblay,alice@example.org,fr,user,Annual\nBob,Gagnon,bob-at-example.org,fr,user,\nChloé,Roy,chloe@example.org,,,\n",
                line: 3, reason: "Invalid email address: \"bob-at-example.org\""),
        BadFile(name: "unknown category",
                csv: header + "Alice,Tremblay,alice@example.org,fr,member,\n",
                line: 2, reason: "Unknown category \"member\""),
        BadFile(name: "unknown language",
                csv: header + "Alice,Tremblay,alice@example.org,fr,user,\nBob,Gagnon,bob@example.org,de,user,\n",
                line: 3, reason: "Unknown language \"de\""),
        BadFile(name: "unknown plan",
                csv: header + "Alice,Tremblay,alice@example.org,fr,user,Annual\nBob,Gagnon,bob@example.org,,,Annual\nChloé,Roy,chloe@example.org,,,Gold\n",
                line: 4, reason: "Membership plan not found: \"Gold\""),
        BadFile(name: "same email twice in the file, in another case",
                csv: header + "Alice,Tremblay,alice@example.org,,,\nAlicia,Tremblay,ALICE@example.org,,,\n",
                line: 3, reason: "already belongs to another member"),
        BadFile(name: "email of an existing member",
                csv: header + "Alice,Tremblay,alice@example.org,,,\nEx,Isting,Existing@Example.org,,,\n",
                line: 3, reason: "already belongs to another member"),
        BadFile(name: "too few fields",
                csv: header + "Alice,Tremblay,alice@example.org,,,\nBob,Gagnon,bob@example.org,fr,user\n",
                line: 3, reason: "5 fields instead of 6"),
        BadFile(name: "too many fields",
                csv: header + "Alice,Tremblay,alice@example.org,,,,extra\n",
                line: 2, reason: "7 fields instead of 6"),
        BadFile(name: "blank first name",
                csv: header + "Alice,Tremblay,alice@example.org,,,\n  ,Gagnon,bob@example.org,,,\n",
                line: 3, reason: "The field \"first name\" is required"),
        BadFile(name: "line counted after a quoted multi-line field and a blank line",
                csv: header + "Alice,\"Tremblay\nCôté\",alice@example.org,,,\n\nBob,Gagnon,bob@,,,\n",
                line: 5, reason: "Invalid email address"),
    ]

    @Test(arguments: badFiles)
    func aBadRowRejectsTheWholeFileNamingItsLine(file: BadFile) async throws {
        let db = try await Self.seeded()
        let before = try await db.snapshot()

        let error = try await expectRefusal("csv.bad_line") {
            try await db.service.importMembers(csv: utf8(file.csv), source: "members.csv")
        }
        #expect(error.kind == .invalid)
        #expect(error.message(.en).hasPrefix("members.csv, line \(file.line): "))
        #expect(error.message(.en).contains(file.reason))
        #expect(error.message(.fr).hasPrefix("members.csv, ligne \(file.line) : "))

        // Nothing was written: not the good rows before the bad one, not a member number.
        #expect(try await db.snapshot() == before)
        #expect(try await db.count("members") == 1)
        #expect(try await db.memberSequence() == 1)
    }

    @Test func frenchMessageCarriesTheFrenchReason() async throws {
        let db = try await Self.seeded()
        let csv = Self.header + "Alice,Tremblay,alice@example.org,fr,membre,\n"
        let error = try await expectRefusal("csv.bad_line") { try await db.service.importMembers(csv: utf8(csv), source: "membres.csv") }
        #expect(error.message(.fr) == "membres.csv, ligne 2 : Catégorie inconnue « membre » (membre utilisateur, membre travailleur ou membre de soutien).")
        #expect(error.message(.en) == "membres.csv, line 2: Unknown category \"membre\" (user member, worker member or supporting member).")
        #expect(error.field == "category")
    }

    @Test func correctedFileAfterARejectionGetsTheNextNumbersWithoutGaps() async throws {
        let db = try await Self.seeded()
        let bad = Self.header + "Alice,Tremblay,alice@example.org,,,\nBob,Gagnon,bob@,,,\n"
        try await expectRefusal("csv.bad_line") { try await db.service.importMembers(csv: utf8(bad), source: "members.csv") }
        let good = Self.header + "Alice,Tremblay,alice@example.org,,,\nBob,Gagnon,bob@example.org,,,\n"
        let imported = try await db.service.importMembers(csv: utf8(good), source: "members.csv")
        #expect(imported.map(\.number) == ["M-0002", "M-0003"])
    }

    // MARK: Bad headers and bad bytes

    @Test func missingRequiredColumnIsNamed() async throws {
        let db = try await Self.seeded()
        let before = try await db.snapshot()
        let error = try await expectRefusal("csv.missing_column") {
            try await db.service.importMembers(csv: utf8("first_name,email\nAlice,alice@example.org\n"), source: "members.csv")
        }
        #expect(error.message(.en) == "members.csv: the column \"last_name\" is missing from the header.")
        #expect(error.message(.fr) == "members.csv : la colonne « last_name » manque dans l’en-tête.")
        #expect(try await db.snapshot() == before)
    }

    @Test func unknownColumnIsNamed() async throws {
        let db = try await Self.seeded()
        let before = try await db.snapshot()
        let error = try await expectRefusal("csv.unknown_column") {
            try await db.service.importMembers(csv: utf8("first_name,last_name,email,nickname\nAlice,Tremblay,alice@example.org,Ali\n"),
                                               source: "members.csv")
        }
        #expect(error.message(.en).contains("\"nickname\""))
        #expect(error.message(.fr).contains("« nickname »"))
        #expect(try await db.snapshot() == before)
    }

    @Test func repeatedColumnIsRefused() async throws {
        let db = try await Self.seeded()
        let before = try await db.snapshot()
        try await expectRefusal("csv.duplicate_column") {
            try await db.service.importMembers(csv: utf8("first_name,last_name,email,email\nA,B,a@example.org,b@example.org\n"),
                                               source: "members.csv")
        }
        #expect(try await db.snapshot() == before)
    }

    @Test(arguments: ["", "\u{FEFF}", "\n"])
    func emptyFileIsRefused(text: String) async throws {
        let db = try await TestDatabase()
        try await expectRefusal("csv.empty") { try await db.service.importMembers(csv: utf8(text), source: "members.csv") }
        #expect(try await db.count("members") == 0)
    }

    /// "René" saved by a French Excel on Windows (Windows-1252, semicolons): read as meant.
    @Test func aWindows1252FileWithSemicolonsIsReadAsExcelMeantIt() async throws {
        let db = try await Self.seeded()
        var bytes = Data("first_name;last_name;email\nRen".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Data(";Roy;rene@example.org\n".utf8))
        _ = try await db.service.importMembers(csv: bytes, source: "membres.csv")
        #expect(try await db.service.members().items.contains { $0.firstName == "René" && $0.lastName == "Roy" })
    }

    @Test func aFileInNoKnownEncodingIsRefusedAndChangesNothing() async throws {
        let db = try await Self.seeded()
        let before = try await db.snapshot()
        var bytes = Data("first_name,last_name,email\nRen".utf8)
        bytes.append(0x81)
        bytes.append(contentsOf: Data(",Roy,rene@example.org\n".utf8))
        let error = try await expectRefusal("common.not_utf8") {
            try await db.service.importMembers(csv: bytes, source: "membres.csv")
        }
        #expect(error.message(.fr) == "membres.csv n’est ni un texte UTF-8 ni un texte Windows-1252 : enregistrez-le en « CSV UTF-8 ».")
        #expect(error.message(.en) == "membres.csv is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\".")
        #expect(try await db.snapshot() == before)
    }

    // MARK: Export

    @Test func exportHasAHeaderAndOneQuotedLinePerMember() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000, months: 12)
        _ = try await db.service.addMember(NewMember(firstName: "Alice", lastName: "Tremblay", email: "alice@example.org",
                                                     phone: "514-555-0101", plan: "Annual", shareCapital: Money(cents: 1000)))
        _ = try await db.service.addMember(NewMember(firstName: "Bob, Jr.", lastName: "O\"Brien", email: "bob@example.org",
                                                     language: .en, category: .worker))
        _ = try await db.service.addMember(NewMember(firstName: "Chloé", lastName: "Roy\nLapointe", email: "chloe@example.org",
                                                     category: .supporting))
        _ = try await db.service.suspend("M-0003", reason: "Damage")

        let csv = try await db.service.exportMembersCSV()
        #expect(csv == "number,first_name,last_name,email,phone,language,category,plan,status,joined_on,membership_ends,share_capital\r\n"
            + "M-0001,Alice,Tremblay,alice@example.org,514-555-0101,fr,user,Annual,active,2026-03-15,2027-03-15,10.00\r\n"
            + "M-0002,\"Bob, Jr.\",\"O\"\"Brien\",bob@example.org,,en,worker,,active,2026-03-15,,0.00\r\n"
            + "M-0003,Chloé,\"Roy\nLapointe\",chloe@example.org,,fr,supporting,,suspended,2026-03-15,,0.00\r\n")

        // A standard reader gets every value back.
        let file = try CSVFile(text: csv, source: "export.csv")
        #expect(file.records.count == 3)
        #expect(file.records[1].fields[1] == "Bob, Jr.")
        #expect(file.records[1].fields[2] == "O\"Brien")
        #expect(file.records[2].fields[2] == "Roy\nLapointe")
    }

    @Test func exportOfAnEmptyRegisterIsTheHeaderAlone() async throws {
        let db = try await TestDatabase()
        let csv = try await db.service.exportMembersCSV()
        #expect(csv == "number,first_name,last_name,email,phone,language,category,plan,status,joined_on,membership_ends,share_capital\r\n")
    }

    @Test func exportShowsExpiredStatusFromTodaysDate() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Monthly", months: 1)
        try await db.addMember(plan: "Monthly")
        db.clock.advance(days: 45)
        let file = try CSVFile(text: try await db.service.exportMembersCSV(), source: "export.csv")
        let status = try #require(file.header.firstIndex(of: "status"))
        #expect(file.records[0].fields[status] == "expired")
    }
}
