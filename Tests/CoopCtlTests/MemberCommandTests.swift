import Foundation
import Testing

@Suite struct MemberCommandTests {
    @Test func initIsIdempotent() throws {
        let ctl = try CoopCtlRunner()
        defer { ctl.remove() }
        let first = try ctl.run(["init", "--json"])
        #expect(first.status == 0)
        #expect((first.object["applied"] as? [String])?.contains("membership.1") == true)
        let second = try ctl.run(["init", "--json"])
        #expect(second.status == 0)
        #expect((second.object["applied"] as? [String]) == [])
    }

    /// A mistyped --db (or COOP_DB) must not open a new empty database where the volunteer would work
    /// all day: only init creates one.
    @Test func onlyInitCreatesADatabase() throws {
        let ctl = try CoopCtlRunner()
        defer { ctl.remove() }
        let typo = ctl.directory.appendingPathComponent("coop-typo.sqlite").path
        let refused = try ctl.run(["member", "list", "--db", typo], withDatabase: false)
        #expect(refused.status == 1)
        #expect(refused.stderr == "Pas de base Coop ici : \(typo). Vérifiez --db (ou COOP_DB), ou créez-la avec « coopctl init ».\n")
        let english = try ctl.run(["member", "add", "--first-name", "A", "--last-name", "B", "--email", "a@example.org", "--lang", "en"], environment: ["COOP_DB": typo], withDatabase: false)
        #expect(english.stderr == "No Coop database here: \(typo). Check --db (or COOP_DB), or create one with \"coopctl init\".\n")
        #expect(!FileManager.default.fileExists(atPath: typo), "nothing was created")
        #expect(try ctl.run(["init", "--db", typo], withDatabase: false).status == 0)
        #expect(try ctl.run(["member", "list", "--db", typo], withDatabase: false).status == 0)
    }

    @Test func addPrintsTheMemberObject() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let result = try ctl.run(["member", "add", "--first-name", "Émile", "--last-name", "Nelligan", "--email", "emile@example.org",
                                  "--phone", "514 555-0101", "--language", "en", "--category", "worker", "--plan", "Annuel", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let member = result.object
        #expect(member["number"] as? String == "M-0001")
        #expect(member["firstName"] as? String == "Émile")
        #expect(member["lastName"] as? String == "Nelligan")
        #expect(member["email"] as? String == "emile@example.org")
        #expect(member["status"] as? String == "active")
        #expect(member["plan"] as? String == "Annuel")
        #expect(member["category"] as? String == "worker")
        #expect((member["membershipEnds"] as? String)?.count == 10)
    }

    @Test func globalOptionsWorkBeforeTheGroupAndFromTheEnvironment() throws {
        let ctl = try CoopCtlRunner.seeded(members: 2)
        defer { ctl.remove() }
        let before = try ctl.run(["--json", "--db", ctl.database, "member", "list"], withDatabase: false)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.array.count == 2)
        let env = try ctl.run(["member", "list", "--json"], environment: ["COOP_DB": ctl.database], withDatabase: false)
        #expect(env.array.map { $0["number"] as? String } == ["M-0001", "M-0002"])
    }

    @Test func userErrorsExit1WithOneLocalizedLine() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let duplicate = ["member", "add", "--first-name", "A", "--last-name", "B", "--email", "P0@example.org"]
        let fr = try ctl.run(duplicate)
        #expect(fr.status == 1)
        #expect(fr.stderr == "L’adresse P0@example.org est déjà celle d’un autre membre.\n")
        let en = try ctl.run(duplicate + ["--lang", "en"])
        #expect(en.stderr == "The email P0@example.org already belongs to another member.\n")
        let envLang = try ctl.run(duplicate, environment: ["COOP_LANG": "en"])
        #expect(envLang.stderr == en.stderr)
        let posixLang = try ctl.run(duplicate, environment: ["LANG": "en_CA.UTF-8"])
        #expect(posixLang.stderr == en.stderr)
        let badEmail = try ctl.run(["member", "add", "--first-name", "A", "--last-name", "B", "--email", "nope", "--lang", "en"])
        #expect(badEmail.status == 1)
        #expect(badEmail.stderr == "Invalid email address: \"nope\".\n")
        let unknownPlan = try ctl.run(["member", "add", "--first-name", "A", "--last-name", "B", "--email", "a@example.org", "--plan", "Gold"])
        #expect(unknownPlan.status == 1)
        #expect(unknownPlan.stderr.contains("Gold"))
        let negativeFee = try ctl.run(["plan", "add", "--name", "X", "--fee=-5", "--months", "12", "--max-loans", "1", "--max-reservations", "1", "--lang", "en"])
        #expect(negativeFee.status == 1)
        #expect(negativeFee.stderr.contains("negative"))
        // As a volunteer types it, with a space: the same refusal, not "Missing value for '--fee'".
        let spaced = try ctl.run(["plan", "add", "--name", "X", "--fee", "-5.00", "--months", "12", "--max-loans", "1", "--max-reservations", "1", "--lang", "en"])
        #expect(spaced.status == 1)
        #expect(spaced.stderr == negativeFee.stderr.replacingOccurrences(of: "-5\"", with: "-5.00\""), "\(spaced.stderr)")
        let unknownCategory = try ctl.run(["member", "add", "--first-name", "A", "--last-name", "B", "--email", "a@example.org", "--category", "boss"])
        #expect(unknownCategory.status == 1)
        let unknown = try ctl.run(["member", "show", "M-0042", "--lang", "en"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "Member not found: M-0042.\n")
        // Nothing of the above was written.
        #expect(try ctl.run(["member", "list", "--json"]).array.count == 1)
        #expect(try ctl.run(["plan", "list", "--json"]).array.count == 1)
    }

    @Test func usageErrorsExit2() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        #expect(try ctl.run(["member", "frobnicate"]).status == 2)
        #expect(try ctl.run(["member", "add", "--first-name", "A"]).status == 2)
        #expect(try ctl.run(["member", "list", "--lang", "de"]).status == 2)
        #expect(try ctl.run(["plan", "add", "--name", "X", "--fee", "1", "--months", "twelve", "--max-loans", "1", "--max-reservations", "1"]).status == 2)
        let help = try ctl.run(["--help"], withDatabase: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("member"))
    }

    @Test func renewSuspendReinstateShow() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let ends = try ctl.run(["member", "show", "M-0001", "--json"]).object["membershipEnds"] as? String
        let renewed = try ctl.run(["member", "renew", "M-0001", "--json"]).object
        #expect(renewed["membershipEnds"] as? String != ends)
        let suspended = try ctl.run(["member", "suspend", "M-0001", "--reason", "Outil non rendu", "--json"])
        #expect(suspended.object["status"] as? String == "suspended")
        #expect(suspended.object["suspensionReason"] as? String == "Outil non rendu")
        let again = try ctl.run(["member", "suspend", "M-0001", "--reason", "x", "--lang", "en"])
        #expect(again.status == 1)
        #expect(again.stderr == "Member M-0001 is already suspended.\n")
        #expect(try ctl.run(["member", "reinstate", "M-0001", "--json"]).object["status"] as? String == "active")
        let table = try ctl.run(["member", "list", "--lang", "en"])
        #expect(table.stdout.contains("Number"))
        #expect(table.stdout.contains("M-0001"))
        let tableFr = try ctl.run(["member", "list"])
        #expect(tableFr.stdout.contains("Numéro"))
    }

    @Test func importIsAllOrNothingAndNamesTheLine() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let good = try ctl.write("good.csv", Array("\u{FEFF}".utf8) + Array("""
            first_name,last_name,email,phone,language,category,plan\r
            "Marie-Claire","Blais, fils","mc@example.org",,fr,worker,Annuel\r
            Gaston,"Miron
            le poète",gm@example.org,514 555-0199,en,,\r

            """.utf8))
        let imported = try ctl.run(["member", "import", good, "--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.array.count == 2)
        #expect(imported.array.first?["lastName"] as? String == "Blais, fils")
        #expect(imported.array.last?["lastName"] as? String == "Miron\nle poète")

        let bad = try ctl.write("bad.csv", """
            first_name,last_name,email,phone,language,category,plan
            Ok,Person,ok@example.org,,,,
            Bad,Email,not-an-email,,,,
            """)
        let refused = try ctl.run(["member", "import", bad, "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "bad.csv, line 3: Invalid email address: \"not-an-email\".\n")
        let missing = try ctl.write("missing.csv", "first_name,last_name\nA,B\n")
        let missingRun = try ctl.run(["member", "import", missing, "--lang", "en"])
        #expect(missingRun.status == 1)
        #expect(missingRun.stderr.contains("\"email\""))
        let odd = try ctl.write("odd.csv", Array("first_name,last_name,email\nRen".utf8) + [0x81] + Array(",B,r@example.org\n".utf8))
        let oddRun = try ctl.run(["member", "import", odd, "--lang", "en"])
        #expect(oddRun.status == 1)
        #expect(oddRun.stderr == "odd.csv is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\".\n")
        #expect(try ctl.run(["member", "list", "--json"]).array.count == 2)
        // What a French Excel on Windows saves: Windows-1252 and semicolons, read as meant.
        let excel = try ctl.write("excel.csv", Array("first_name;last_name;email\nRen".utf8) + [0xE9] + Array(";B;r@example.org\n".utf8))
        let excelRun = try ctl.run(["member", "import", excel, "--lang", "en"])
        #expect(excelRun.status == 0, "\(excelRun.stderr)")
        #expect(try ctl.run(["member", "list", "--json"]).array.contains { $0["firstName"] as? String == "René" })
    }

    @Test func exportWritesCSVOfEveryMember() throws {
        let ctl = try CoopCtlRunner.seeded(members: 3)
        defer { ctl.remove() }
        let out = ctl.directory.appendingPathComponent("members.csv").path
        #expect(try ctl.run(["member", "export", "--output", out]).status == 0)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("number,first_name,last_name,email"))
        #expect(lines[1].hasPrefix("M-0001,P0,Test,p0@example.org"))
        let stdout = try ctl.run(["member", "export"])
        #expect(stdout.stdout.split(separator: "\r\n").count == 4)
    }

    @Test func exportDataAndAnonymize() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        try ctl.run(["member", "renew", "M-0001"])
        let data = try ctl.run(["member", "export-data", "M-0001"]).object
        #expect((data["member"] as? [String: Any])?["email"] as? String == "p0@example.org")
        #expect((data["renewals"] as? [[String: Any]])?.first?["amount"] as? Int == 4000)
        let anonymized = try ctl.run(["member", "anonymize", "M-0001", "--json"]).object
        #expect(anonymized["firstName"] as? String == "")
        #expect(anonymized["email"] is NSNull)
        #expect(anonymized["anonymized"] as? Bool == true)
        let after = try ctl.run(["member", "export-data", "M-0001"]).stdout
        #expect(!after.contains("p0@example.org"))
        #expect(after.contains("4000"))
        #expect(try ctl.run(["member", "renew", "M-0001"]).status == 1)
    }

    @Test func findByNameEmailOrPhoneIgnoresAccentsAndCase() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        #expect(try ctl.run(["member", "add", "--first-name", "Hélène", "--last-name", "Côté", "--email", "helene.cote@example.org",
                             "--phone", "(514) 555-0150"]).status == 0)
        #expect(try ctl.run(["member", "add", "--first-name", "Émile", "--last-name", "Nelligan", "--email", "poete@example.org"]).status == 0)
        let table = try ctl.run(["member", "find", "helene", "--lang", "en"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Hélène Côté") && table.stdout.contains("M-0001") && !table.stdout.contains("Nelligan"))
        for query in [["COTE"], ["514", "555"], ["514 555"], ["cote@"], ["Hélène", "Côté"]] {
            let found = try ctl.run(["member", "find"] + query + ["--json"])
            #expect(found.status == 0, "\(query) \(found.stderr)")
            #expect(found.array.map { $0["number"] as? String } == ["M-0001"], "\(query)")
        }
        let nobody = try ctl.run(["member", "find", "Tremblay", "--json"])
        #expect(nobody.status == 0)
        #expect(nobody.json is [Any] && nobody.array.isEmpty)
        let nobodyFr = try ctl.run(["member", "find", "Tremblay"])
        #expect(nobodyFr.status == 0)
        #expect(nobodyFr.stdout == "Aucun membre ne correspond à « Tremblay ».\n")
        #expect(try ctl.run(["member", "find", "Tremblay", "--lang", "en"]).stdout == "No member matches \"Tremblay\".\n")
        let blank = try ctl.run(["member", "find", " "])
        #expect(blank.status == 1)
        #expect(blank.stderr == "Le champ « texte recherché » est obligatoire.\n")
    }

    @Test func tokenLabelsAreShownInTheListAndTooLongOnesRefused() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        #expect(try ctl.run(["token", "create", "--role", "admin"]).status == 0)
        let created = try ctl.run(["token", "create", "--role", "staff", "--label", " Desk, Saturday volunteer "])
        #expect(created.status == 0, "\(created.stderr)")
        let list = try ctl.run(["token", "list", "--json"]).array
        #expect(list.count == 2)
        #expect(list[0]["label"] == nil, "an old or unlabelled token has none")
        #expect(list[1]["label"] as? String == "Desk, Saturday volunteer")
        let table = try ctl.run(["token", "list", "--lang", "en"])
        #expect(table.stdout.contains("Label") && table.stdout.contains("Desk, Saturday volunteer"))
        #expect(try ctl.run(["token", "list"]).stdout.contains("Libellé"))
        let long = String(repeating: "x", count: 101)
        let fr = try ctl.run(["token", "create", "--role", "staff", "--label", long])
        #expect(fr.status == 1)
        #expect(fr.stderr == "Le champ « libellé » dépasse 100 caractères.\n")
        let en = try ctl.run(["token", "create", "--role", "staff", "--label", long, "--lang", "en"])
        #expect(en.stderr == "The field \"label\" is longer than 100 characters.\n")
        #expect(try ctl.run(["token", "list", "--json"]).array.count == 2, "nothing was created")
    }

    @Test func tokensCreateAndRevoke() throws {
        let ctl = try CoopCtlRunner.seeded(members: 1)
        defer { ctl.remove() }
        let created = try ctl.run(["token", "create", "--role", "member", "--member", "M-0001", "--json"])
        #expect(created.status == 0, "\(created.stderr)")
        let token = try #require(created.object["token"] as? String)
        #expect(token.count == 43)
        #expect(try ctl.run(["token", "create", "--role", "member"]).status == 1)
        #expect(try ctl.run(["token", "create", "--role", "root"]).status == 1)
        let revoked = try ctl.run(["token", "revoke", String(token.prefix(8)), "--json"])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(revoked.object["revokedAt"] is String)
        #expect(try ctl.run(["token", "revoke", String(token.prefix(8))]).status == 1)
        let list = try ctl.run(["token", "list", "--json"]).array
        #expect(list.count == 1)
        #expect(!(try ctl.run(["token", "list"]).stdout.contains(token)))
    }
}
