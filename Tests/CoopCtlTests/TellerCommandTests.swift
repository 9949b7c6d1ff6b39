import BoothScripts
import CoopCore
import CoopTestSupport
import Foundation
import Testing

/// A secret election through `coopctl` only, as a secretary and two tellers would run it: `election
/// create --secret`, `teller keygen` (passphrase from COOP_TELLER_PASSPHRASE), `teller register`,
/// credentials, `vote cast` encrypting, close, `teller decrypt` by each, and `election verify`.
@Suite struct TellerCommandTests {
    @Test func aSecretElectionFromKeygenToVerifiedResult() throws {
        let ctl = try CoopCtlRunner.seededForVoting(members: 3)
        defer { ctl.remove() }
        let closes = Date().addingTimeInterval(3600)
        let afterClosing = ["COOP_NOW": votingInstant(closes.addingTimeInterval(60))]
        let created = try ctl.run(["election", "create", "--title", "AG secrète", "--secret", "--opens", votingInstant(Date().addingTimeInterval(-60)),
                                   "--closes", votingInstant(closes)] + CoopCtlRunner.threeQuestions + ["--json"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.object["secret"] as? Bool == true)
        let id = created.object["id"] as? String ?? ""

        let passphrase = ["COOP_TELLER_PASSPHRASE": "une phrase de passe assez longue"]
        let short = try ctl.run(["teller", "keygen", "--election", id, "--out", ctl.votingPath("t0.key"), "--lang", "en"],
                                environment: ["COOP_TELLER_PASSPHRASE": "court"])
        #expect(short.status == 1 && short.stderr == "The passphrase must be at least 12 characters long.\n")
        #expect(!FileManager.default.fileExists(atPath: ctl.votingPath("t0.key")), "nothing written")
        for t in 1...2 {
            let keygen = try ctl.run(["teller", "keygen", "--election", id, "--out", ctl.votingPath("t\(t).key")], environment: passphrase)
            #expect(keygen.status == 0, "\(keygen.stderr)")
            #expect(keygen.stdout.contains("coopctl teller register \(id) \(ctl.votingPath("t\(t).key")).pub"))
            let mode = try FileManager.default.attributesOfItem(atPath: ctl.votingPath("t\(t).key"))[.posixPermissions] as? Int
            #expect(mode == 0o600, "the private key file is the teller's alone")
            let register = try ctl.run(["teller", "register", id, ctl.votingPath("t\(t).key.pub")])
            #expect(register.status == 0, "\(register.stderr)")
            #expect(register.stdout.contains("Scrutateur n° \(t) inscrit au scrutin \(id)."))
        }
        let overwrite = try ctl.run(["teller", "keygen", "--election", id, "--out", ctl.votingPath("t1.key")], environment: passphrase)
        #expect(overwrite.status == 1 && overwrite.stderr.contains("rien n’a été écrasé"))
        let twice = try ctl.run(["teller", "register", id, ctl.votingPath("t1.key.pub"), "--lang", "en"])
        #expect(twice.status == 1 && twice.stderr == "This teller is already registered: each teller has a key of its own.\n")

        #expect(try ctl.run(["election", "show", id, "--lang", "en"]).stdout.contains("Secret election (coop-voting-2) · tellers registered: 2"))
        #expect(try ctl.run(["election", "credentials", id, "--out", ctl.votingPath("codes")]).status == 0)
        // The booth's fingerprint is on the board from now on, for the secretary to announce.
        let shown = try ctl.run(["election", "show", id]).stdout
        #expect(shown.contains("Empreinte du bureau de vote web (p256.js puis booth.js, inscrite au tableau) : \(BoothScripts.current.sha256)"))
        #expect(try ctl.run(["election", "open", id]).status == 0)
        let answers = [["0", "0,1", "2,0,1"], ["0", "3", "1"], ["1", "1,2", "2,1"]]
        var trackers: [String] = []
        for (m, answer) in answers.enumerated() {
            let cast = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-000\(m + 1).json")] + answer.flatMap { ["--answer", $0] } + ["--json"])
            #expect(cast.status == 0, "\(cast.stderr)")
            trackers.append(cast.object["tracker"] as? String ?? "")
        }
        let dry = try ctl.run(["vote", "cast", id, "--credential", ctl.votingPath("codes/M-0001.json"), "--answer", "1", "--answer", "0", "--answer", "0", "--dry-run"])
        #expect(dry.stdout.contains("\"alpha\":\"0"), "the dry run prints an encrypted ballot")
        #expect(!dry.stdout.contains("\"answers\":[[1]"), "no answer in the clear")

        // Before close there is nothing to decrypt; after, the tally waits for both tellers.
        let early = try ctl.run(["teller", "decrypt", id, "--key", ctl.votingPath("t1.key"), "--lang", "en"], environment: passphrase)
        #expect(early.status == 1, "\(early.stdout)")
        #expect(try ctl.run(["election", "close", id], environment: afterClosing).status == 0)
        let waiting = try ctl.run(["election", "tally", id, "--lang", "en"], environment: afterClosing)
        #expect(waiting.status == 1 && waiting.stderr.contains("still waiting for tellers 1, 2 to decrypt"))
        let wrongPassphrase = try ctl.run(["teller", "decrypt", id, "--key", ctl.votingPath("t1.key"), "--lang", "en"],
                                          environment: ["COOP_TELLER_PASSPHRASE": "pas la bonne phrase du tout"])
        #expect(wrongPassphrase.status == 1 && wrongPassphrase.stderr.hasPrefix("Wrong passphrase"))

        let second = try ctl.run(["teller", "decrypt", id, "--key", ctl.votingPath("t2.key")], environment: passphrase.merging(afterClosing) { $1 })
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Il reste à déchiffrer : scrutateurs n° 1."))
        let last = try ctl.run(["teller", "decrypt", id, "--key", ctl.votingPath("t1.key"), "--lang", "en"], environment: passphrase.merging(afterClosing) { $1 })
        #expect(last.status == 0, "\(last.stderr)")
        #expect(last.stdout.contains("That was the last one: the result is published"))

        let result = try ctl.run(["election", "tally", id, "--json"])
        let questions = result.object["questions"] as? [[String: Any]] ?? []
        #expect(questions.first?["counts"] as? [Int] == [2, 1, 0])
        #expect(questions.dropFirst().first?["counts"] as? [Int] == [1, 2, 1, 1])
        #expect(questions.last?["rankingCounts"] as? [Int] == [0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], "[1], [2,1] and [2,0,1]")
        #expect(try ctl.run(["election", "board", id, "--output", ctl.votingPath("board.json")]).status == 0)
        let verified = try ctl.run(["election", "verify", ctl.votingPath("board.json"), "--lang", "en"], withDatabase: false)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("Secret election · tellers: 2, decryptions: 2 (every proof checked)"))
        #expect(verified.stdout.hasSuffix("OK\n"))
        let check = try ctl.run(["vote", "check", ctl.votingPath("board.json"), "--tracker", trackers[1], "--json"], withDatabase: false)
        #expect(check.object["counted"] as? Bool == true)
    }
}
