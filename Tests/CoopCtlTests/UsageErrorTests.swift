import Testing

/// A command typed wrong (exit 2) is explained in the reader's language, the parser's own messages included.
@Suite struct UsageErrorTests {
    @Test func frenchByDefaultEnglishWhenAsked() throws {
        let ctl = try CoopCtlRunner.seeded()
        defer { ctl.remove() }
        let missing = try ctl.run(["item", "show"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Erreur : Il manque l’argument « <code> »."))
        #expect(missing.stderr.contains("Utilisation : coopctl item show"))
        #expect(!missing.stderr.contains("Error") && !missing.stderr.contains("Usage"))

        let unknown = try ctl.run(["item", "list", "--bogus"])
        #expect(unknown.stderr.hasPrefix("Erreur : Option inconnue : « --bogus »."))
        let notANumber = try ctl.run(["item", "list", "--limit", "beaucoup"])
        #expect(notANumber.stderr.hasPrefix("Erreur : La valeur « beaucoup » n’est pas valide pour"))
        // Our own checks of the command line, before the database is opened.
        let tracker = try ctl.run(["vote", "check", "board.json", "--tracker", "abc"])
        #expect(tracker.status == 2)
        #expect(tracker.stderr.hasPrefix("Erreur : --tracker prend les 64 chiffres hexadécimaux"))
        let language = try ctl.run(["item", "list", "--lang", "de"])
        #expect(language.stderr.hasPrefix("Erreur : --lang prend fr ou en, pas « de »."))

        let english = try ctl.run(["item", "show", "--lang", "en"])
        #expect(english.stderr.hasPrefix("Error: Missing expected argument '<code>'"))
        let englishTracker = try ctl.run(["vote", "check", "board.json", "--tracker", "abc"], environment: ["COOP_LANG": "en"])
        #expect(englishTracker.stderr.hasPrefix("Error: --tracker takes the 64 hexadecimal digits"))
    }
}
