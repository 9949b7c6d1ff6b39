import CoopCore
import CoopTestSupport
import Foundation
import Testing

/// Instants for elections run against the real clock (coopctl has no other).
func votingInstant(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
}

extension CoopCtlRunner {
    /// `run`, through `ChildProcess` rather than Foundation's `Process` (see there why).
    @discardableResult
    /// `seeded`, importing members in one go: a database with the schema, one plan and `members` members.
    static func seededForVoting(members: Int = 0) throws -> CoopCtlRunner {
        let ctl = try CoopCtlRunner()
        try ctl.run(["init"])
        try ctl.run(["plan", "add", "--name", "Annuel", "--fee", "40.00", "--months", "12", "--max-loans", "5", "--max-reservations", "3"])
        if members > 0 {
            var csv = "first_name,last_name,email,plan\n"
            for i in 0..<members { csv += "P\(i),Test,p\(i)@example.org,Annuel\n" }
            try ctl.run(["member", "import", try ctl.write("members.csv", csv)])
        }
        return ctl
    }
}

extension CoopCtlRunner {
    static let threeQuestions = [
        "--question", "Adopter les états financiers ?", "--kind", "single", "--choices", "Pour|Contre|Abstention", "--threshold", "two-thirds",
        "--question", "Conseil", "--kind", "approval", "--choices", "Ana|Ben|Cy|Di", "--min", "1", "--max", "2",
        "--question=Logo", "--kind=ranked", "--choices=Soleil|Arbre|Abeille",
    ]

    /// Creates an election open from a minute ago until `closes`; returns its id.
    func createElection(closes: Date, quorum: Int? = nil) throws -> String {
        var arguments = ["election", "create", "--title", "Assemblée générale 2026", "--opens", votingInstant(Date().addingTimeInterval(-60)),
                         "--closes", votingInstant(closes)] + Self.threeQuestions + ["--json"]
        if let quorum { arguments += ["--quorum", String(quorum)] }
        let created = try run(arguments)
        #expect(created.status == 0, "\(created.stderr)")
        return created.object["id"] as? String ?? ""
    }

    /// The code written in a member's credential file.
    func credentialCode(inFile file: String) throws -> String {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["code"] as? String ?? ""
    }

    func votingPath(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

@Suite struct ElectionCommandTests {
    @Test func createReadsEachQuestionsOptionsInOrder() throws {
        let ctl = try CoopCtlRunner.seededForVoting()
        defer { ctl.remove() }
        let created = try ctl.run(["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T19:00Z",
                                   "--quorum", "10"] + CoopCtlRunner.threeQuestions + ["--json"])
        #expect(created.status == 0, "\(created.stderr)")
        let election = created.object
        #expect(election["id"] as? String == "E-0001")
        #expect(election["status"] as? String == "draft")
        #expect(election["quorumPercent"] as? Int == 10)
        // 13:00 in America/Toronto (the default COOP_TZ) in March 2030 is 17:00 UTC; Z is taken as given.
        #expect(election["opens"] as? String == "2030-03-20T17:00:00.000Z")
        #expect(election["closes"] as? String == "2030-03-20T19:00:00.000Z")
        let questions = election["questions"] as? [[String: Any]] ?? []
        try #require(questions.count == 3)
        #expect(questions.map { $0["text"] as? String } == ["Adopter les états financiers ?", "Conseil", "Logo"])
        #expect(questions.map { $0["kind"] as? String } == ["single", "approval", "ranked"])
        #expect(questions[0]["threshold"] as? String == "two-thirds")
        #expect(questions[1]["min"] as? Int == 1 && questions[1]["max"] as? Int == 2)
        #expect(questions[1]["threshold"] == nil && questions[2]["max"] == nil)
        #expect(questions[2]["choices"] as? [String] == ["Soleil", "Arbre", "Abeille"])

        let people = try ctl.run(["election", "show", "e-1", "--lang", "en"])
        #expect(people.stdout.contains("2. Conseil (approval, 1 to 2 choices)"))
        #expect(people.stdout.contains("   1  Ben"))
        #expect(try ctl.run(["election", "list", "--json"]).page.map { $0["id"] as? String } == ["E-0001"])

        let updated = try ctl.run(["election", "update", "E-0001", "--title", "AG 2030", "--quorum", "0",
                                   "--question", "Budget", "--kind", "single", "--choices", "Oui|Non", "--json"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.object["title"] as? String == "AG 2030")
        #expect(updated.object["quorumPercent"] == nil)
        #expect((updated.object["questions"] as? [[String: Any]])?.first?["threshold"] as? String == "majority")
        #expect(updated.object["opens"] as? String == "2030-03-20T17:00:00.000Z")
    }

    @Test func usageErrorsExitTwo() throws {
        let ctl = try CoopCtlRunner.seededForVoting()
        defer { ctl.remove() }
        let base = ["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T15:00"]
        let cases: [[String]] = [
            base,                                                                              // no question
            base + ["--kind", "single", "--question", "Q", "--choices", "A|B"],                // --kind before its question
            base + ["--question", "Q", "--choices", "A|B"],                                    // no --kind
            base + ["--question", "Q", "--kind", "single"],                                    // no --choices
            base + ["--question", "Q", "--kind", "borda", "--choices", "A|B"],                 // unknown kind
            base + ["--question", "Q", "--kind", "single", "--choices", "A|B", "--threshold", "60%"],
            base + ["--question", "Q", "--kind", "approval", "--choices", "A|B", "--max", "two"],
            base + ["--question", "Q", "--kind", "single", "--kind", "ranked", "--choices", "A|B"],
            base + ["--question", "Q", "--kind", "single", "--choices", "A|B", "--colour", "red"],
            base + ["--question", "Q", "--kind", "single", "--choices"],
            ["election", "create", "--question", "Q", "--kind", "single", "--choices", "A|B"], // no title or times
            ["election", "credentials", "E-0001"],                                             // no --out
            ["vote", "cast", "E-0001", "--credential", "X"],                                   // no --answer
            ["vote", "cast", "E-0001", "--credential", "X", "--answer", "0", "--server", "ftp://example.org"],
            ["vote", "check", "board.json", "--tracker", "abc"],
            ["election", "verify"],
        ]
        for arguments in cases {
            let result = try ctl.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
        }
        #expect(try ctl.run(["election", "list", "--json"]).page.isEmpty)
    }

    @Test func definitionRefusalsExitOneInTheChosenLanguage() throws {
        let ctl = try CoopCtlRunner.seededForVoting()
        defer { ctl.remove() }
        let base = ["election", "create", "--title", "AG", "--opens", "2030-03-20T13:00", "--closes", "2030-03-20T15:00"]
        let noMax = try ctl.run(base + ["--question", "Conseil", "--kind", "approval", "--choices", "A|B|C"])
        #expect(noMax.status == 1)
        #expect(noMax.stderr == "Le champ « maximum » (question 1) est obligatoire.\n")
        let oneChoice = try ctl.run(base + ["--question", "Q", "--kind", "single", "--choices", "Oui", "--lang", "en"])
        #expect(oneChoice.status == 1)
        #expect(oneChoice.stderr == "Question 1 must offer at least two choices.\n")
        let thresholdOnApproval = try ctl.run(base + ["--question", "Q", "--kind", "approval", "--choices", "A|B", "--max", "1",
                                                      "--threshold", "majority", "--lang", "en"])
        #expect(thresholdOnApproval.stderr.hasPrefix("Question 1 is of kind approval"))
        let badInstant = try ctl.run(["election", "create", "--title", "AG", "--opens", "demain", "--closes", "2030-03-20T15:00",
                                      "--question", "Q", "--kind", "single", "--choices", "A|B", "--lang", "en"])
        #expect(badInstant.status == 1)
        #expect(badInstant.stderr.hasPrefix("Invalid value for the opening time: \"demain\""))
        let backwards = try ctl.run(["election", "create", "--title", "AG", "--opens", "2030-03-20T15:00", "--closes", "2030-03-20T13:00",
                                     "--question", "Q", "--kind", "single", "--choices", "A|B"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr.hasPrefix("La fermeture"))
        #expect(try ctl.run(["election", "show", "E-0042", "--lang", "en"]).stderr == "Election not found: E-0042.\n")
        #expect(try ctl.run(["election", "list", "--json"]).page.isEmpty)
    }

    @Test func credentialsAreOneOwnerOnlyFilePerMemberNeverOverwritten() throws {
        let ctl = try CoopCtlRunner.seededForVoting(members: 3)
        defer { ctl.remove() }
        let id = try ctl.createElection(closes: Date().addingTimeInterval(3600))
        let issued = try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes"), "--json"])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.object["count"] as? Int == 3)
        #expect((issued.object["election"] as? [String: Any])?["status"] as? String == "credentials_issued")
        let fingerprint = issued.object["fingerprint"] as? String ?? ""
        #expect(fingerprint.count == 64)

        let manager = FileManager.default
        #expect(try manager.contentsOfDirectory(atPath: ctl.votingPath("codes")).sorted() == ["M-0001.json", "M-0002.json", "M-0003.json"])
        #expect((try manager.attributesOfItem(atPath: ctl.votingPath("codes"))[.posixPermissions] as? Int) == 0o700)
        var codes: Set<String> = []
        for number in ["M-0001", "M-0002", "M-0003"] {
            let file = "codes/\(number).json"
            #expect((try manager.attributesOfItem(atPath: ctl.votingPath(file))[.posixPermissions] as? Int) == 0o600)
            let content = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ctl.votingPath(file)))) as? [String: Any] ?? [:]
            #expect(content["member"] as? String == number)
            #expect(content["election"] as? String == id)
            let code = content["code"] as? String ?? ""
            #expect(code.count == 19 && code.split(separator: "-").count == 4)
            codes.insert(code)
        }
        #expect(codes.count == 3)
        // The database keeps no code.
        var dump = try Data(contentsOf: URL(fileURLWithPath: ctl.database))
        dump += (try? Data(contentsOf: URL(fileURLWithPath: ctl.database + "-wal"))) ?? Data()
        for code in codes { #expect(dump.range(of: Data(code.replacingOccurrences(of: "-", with: "").utf8)) == nil) }

        // Issued once; a second run is refused before touching the files.
        let again = try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes2"), "--lang", "en"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("this action needs it to be draft"))
        // A folder that is not empty is refused before anything is issued.
        let second = try ctl.createElection(closes: Date().addingTimeInterval(3600))
        let refused = try ctl.run(["election", "credentials", second, "--out", ctl.votingPath("codes"), "--lang", "en"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not empty"))
        #expect(try ctl.run(["election", "show", second, "--json"]).object["status"] as? String == "draft")

        let show = try ctl.run(["election", "show", id, "--lang", "en"])
        #expect(show.stdout.contains("Credentials issued: 3 (revoked and replaced: 0)"))

        // A lost code: the old key is revoked on the board, the new file takes the member's number.
        let lostFile = ctl.votingPath("codes/M-0002.json")
        let reissueRefused = try ctl.run(["election", "reissue", id, "--lost", lostFile, "--out", ctl.votingPath("codes")])
        #expect(reissueRefused.status == 1)
        let reissued = try ctl.run(["election", "reissue", id, "--lost", lostFile, "--out", ctl.votingPath("new"), "--json"])
        #expect(reissued.status == 0, "\(reissued.stderr)")
        #expect(reissued.object["member"] as? String == "M-0002")
        #expect(reissued.object["seq"] as? Int == 3)
        #expect(reissued.object["code"] == nil, "the code goes to the file only")
        #expect((try manager.attributesOfItem(atPath: ctl.votingPath("new/M-0002.json"))[.posixPermissions] as? Int) == 0o600)
        #expect(try ctl.credentialCode(inFile: "new/M-0002.json") != (try ctl.credentialCode(inFile: "codes/M-0002.json")))
        #expect(try ctl.run(["election", "show", id, "--json"]).object["revokedCount"] as? Int == 1)
    }

    /// `vote cast --dry-run` prints the canonical signed ballot and casts nothing: before the opening
    /// (nothing to cast into) as after it; the same ballot cast for real has the tracker of those bytes.
    @Test func dryRunPrintsTheBallotAndCastsNothing() throws {
        let ctl = try CoopCtlRunner.seededForVoting(members: 1)
        defer { ctl.remove() }
        let id = try ctl.createElection(closes: Date().addingTimeInterval(3600))
        #expect(try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes")]).status == 0)
        let vote = ["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--answer", "0", "--answer", "2,0", "--answer", "1,0"]
        let dry = try ctl.run(vote + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix(#"{"answers":[[0],[0,2],[1,0]],"credential":""#), "approvals sorted, as signed")
        #expect(dry.stdout.contains(#","election":"E-0001","electionHash":""#) && dry.stdout.hasSuffix("\"}\n"))
        #expect(try ctl.run(["election", "show", id, "--json"]).object["ballotCount"] as? Int == 0)
        #expect(try ctl.run(["election", "open", id]).status == 0)
        #expect(try ctl.run(vote + ["--dry-run"]).stdout == dry.stdout, "Ed25519 is deterministic")
        #expect(try ctl.run(["election", "show", id, "--json"]).object["ballotCount"] as? Int == 0)
        let cast = try ctl.run(vote + ["--json"])
        #expect(cast.object["tracker"] as? String == SHA256.hex(String(dry.stdout.dropLast())))
    }

    /// create → credentials → open → cast (file, code, again) → board while open → close → tally →
    /// board → verify (no database) → vote check → a tampered board fails at the right event.
    @Test func roundTrip() async throws {
        let ctl = try CoopCtlRunner.seededForVoting(members: 3)
        defer { ctl.remove() }
        // Voting closes in an hour by the real clock; what comes after the closing runs with COOP_NOW past
        // it, so no step waits for the wall clock and a busy machine cannot push a step out of the window.
        let closes = Date().addingTimeInterval(3600)
        let afterClosing = ["COOP_NOW": votingInstant(closes.addingTimeInterval(60))]
        let id = try ctl.createElection(closes: closes, quorum: 50)
        #expect(try ctl.run(["election", "open", id, "--lang", "en"]).stderr == "Election \(id) is draft; this action needs it to be credentials issued.\n")
        #expect(try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes")]).status == 0)
        let opened = try ctl.run(["election", "open", id, "--json"])
        #expect(opened.object["status"] as? String == "open")

        let first = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--answer", "0", "--answer", "2,0", "--answer", "1,0", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let firstTracker = first.object["tracker"] as? String ?? ""
        #expect(firstTracker.count == 64)
        let typed = try ctl.credentialCode(inFile: "codes/M-0002.json").lowercased().replacingOccurrences(of: "-", with: " ")
        // Choices by their text, as `election show` lists them (the same as 0, 1 and 2).
        let second = try ctl.run(["vote", "cast", id, "--credential", typed, "--answer", "pour", "--answer", "Ben", "--answer", "Abeille", "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        let secondTracker = second.object["tracker"] as? String ?? ""
        let again = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--answer", "1", "--answer", "0,1", "--answer", "0", "--lang", "en"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Tracker (keep it): "))

        // Still open (the window): closing early and tallying are refused; the public board shows trackers only.
        let early = try ctl.run(["election", "close", id, "--lang", "en"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("it cannot be closed earlier"))
        #expect(try ctl.run(["election", "tally", id]).stderr.contains("est à l’état « ouvert » ; cette action demande l’état « fermé »"))
        #expect(try ctl.run(["election", "board", id, "--output", ctl.votingPath("open.json")]).status == 0)

        // Refusals that do not depend on the clock: one line in the chosen language, exit 1.
        let invalid = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0003.json"), "--answer", "0", "--answer", "0,1,2", "--answer", "0", "--lang", "en"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr == "Invalid answer to question 2: 1 to 2 choices needed (got 3).\n")
        let count = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0003.json"), "--answer", "0"])
        #expect(count.stderr == "Il faut une réponse par question : 3 attendues, 1 reçue.\n")
        let mistyped = try ctl.run(["vote", "cast", id, "--credential", "AAAA-AAAA-AAAA-AAAA", "--answer", "0", "--answer", "0", "--answer", "0", "--lang", "en"])
        #expect(mistyped.status == 1)
        #expect(mistyped.stderr.hasPrefix("This voting code is mistyped"))
        let noFile = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0009.json"), "--answer", "0", "--answer", "0", "--answer", "0", "--lang", "en"])
        #expect(noFile.status == 1)
        #expect(noFile.stderr == "Credential file not found: \(ctl.votingPath("codes/M-0009.json")). Check the path, or type the code (XXXX-XXXX-XXXX-XXXX).\n")
        // A credential file whose election hash differs from the definition about to be signed: nothing is cast.
        var file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ctl.votingPath("codes/M-0003.json")))) as? [String: Any] ?? [:]
        file["electionHash"] = String(repeating: "0", count: 64)
        let otherDefinition = try ctl.write("M-0003-other.json", Array(try JSONSerialization.data(withJSONObject: file)))
        let changed = try ctl.run(["vote", "cast", id, "--credential", otherDefinition, "--answer", "0", "--answer", "0", "--answer", "0", "--lang", "en"])
        #expect(changed.status == 1)
        #expect(changed.stderr.hasPrefix("The election definition ("))

        // The board exported while open verifies, and a tracker is found but not yet counted.
        let offline = try CoopCtlRunner()
        defer { offline.remove() }
        let openBoard = try offline.write("open.json", Array(try Data(contentsOf: URL(fileURLWithPath: ctl.votingPath("open.json")))))
        let openVerified = try offline.run(["election", "verify", openBoard, "--lang", "en"], withDatabase: false)
        #expect(openVerified.status == 0, "\(openVerified.stderr)")
        #expect(openVerified.stdout.contains("3 ballots shown by tracker only"))
        #expect(openVerified.stdout.hasSuffix("OK\n"))
        let pending = try offline.run(["vote", "check", openBoard, "--tracker", firstTracker, "--json"], withDatabase: false)
        #expect(pending.object["onBoard"] as? Bool == true)
        #expect(pending.object["counted"] is NSNull || pending.object["counted"] == nil)

        let late = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0003.json"), "--answer", "0", "--answer", "0", "--answer", "0", "--lang", "en"],
                               environment: afterClosing)
        #expect(late.status == 1)
        #expect(late.stderr.hasPrefix("Election \(id) is not accepting ballots"))
        #expect(try ctl.run(["election", "close", id], environment: afterClosing).status == 0)
        let tally = try ctl.run(["election", "tally", id, "--json"], environment: afterClosing)
        #expect(tally.status == 0, "\(tally.stderr)")
        let result = tally.object
        #expect(result["voted"] as? Int == 2)
        #expect(result["quorumMet"] as? Bool == true)
        let single = (result["questions"] as? [[String: Any]])?.first
        #expect(single?["counts"] as? [Int] == [1, 1, 0])
        let people = try ctl.run(["election", "tally", id, "--lang", "en"])
        #expect(people.stdout.contains("Voted: 2 of 3 (66 %)"))
        #expect(people.stdout.contains("Elected (2 seats): "))

        // The exported board verifies with no database at all and recounts the published result.
        #expect(try ctl.run(["election", "board", id, "--output", ctl.votingPath("board.json")]).status == 0)
        let boardData = try Data(contentsOf: URL(fileURLWithPath: ctl.votingPath("board.json")))
        let exported = try ctl.run(["election", "board", id])
        #expect(Data(exported.stdout.utf8) == boardData)
        #expect(boardData.starts(with: Data(#"{"events":[{"hash":""#.utf8)))
        let board = try offline.write("board.json", Array(boardData))
        let verified = try offline.run(["election", "verify", board, "--lang", "en"], withDatabase: false)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Recount:"))
        #expect(verified.stdout.contains("signatures checked: 3"))
        #expect(verified.stdout.hasSuffix("OK\n"))
        let report = try offline.run(["election", "verify", board, "--json"], withDatabase: false).object
        #expect(report["status"] as? String == "tallied")
        func sorted(_ object: Any?) throws -> Data { try JSONSerialization.data(withJSONObject: object ?? [:], options: .sortedKeys) }
        #expect(try sorted(report["recount"]) == (try sorted(result)))
        #expect(!FileManager.default.fileExists(atPath: offline.database), "verify must not open a database")

        let replaced = try offline.run(["vote", "check", board, "--tracker", firstTracker, "--lang", "en"], withDatabase: false)
        #expect(replaced.status == 0)
        #expect(replaced.stdout.contains("Not counted: replaced by the ballot of event 6."))
        let counted = try offline.run(["vote", "check", board, "--tracker", secondTracker.uppercased(), "--json"], withDatabase: false)
        #expect(counted.object["counted"] as? Bool == true)
        #expect(counted.object["seq"] as? Int == 5)
        let absent = try offline.run(["vote", "check", board, "--tracker", String(repeating: "ab", count: 32), "--lang", "en"], withDatabase: false)
        #expect(absent.stdout == "This tracker is not on the board.\n")

        // One changed byte in the second ballot's answers: verification fails at that event, exit 1.
        var text = String(decoding: boardData, as: UTF8.self)
        let ballots = text.ranges(of: #""type":"ballot""#)
        #expect(ballots.count == 3)
        let secondBallot = text.range(of: #""answers":[[0],[1],[2]]"#)
        #expect(secondBallot != nil)
        if let secondBallot { text.replaceSubrange(secondBallot, with: #""answers":[[0],[1],[1]]"#) }
        let tampered = try offline.write("tampered.json", text)
        let failed = try offline.run(["election", "verify", tampered, "--lang", "en"], withDatabase: false)
        #expect(failed.status == 1)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr == "Event 5: the `hash` does not match the event’s content: it was altered.\n")
        let failedFr = try offline.run(["election", "verify", tampered], withDatabase: false)
        #expect(failedFr.stderr.hasPrefix("Événement 5 : "))
        let missing = try offline.run(["election", "verify", offline.votingPath("nope.json"), "--lang", "en"], withDatabase: false)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Cannot read the file"))
        let notABoard = try offline.run(["election", "verify", try offline.write("x.json", "[1,2]"), "--lang", "en"], withDatabase: false)
        #expect(notABoard.status == 1)
        #expect(notABoard.stderr.hasPrefix("The board does not verify") || notABoard.stderr.hasPrefix("This is not a voting board"))
    }
}
