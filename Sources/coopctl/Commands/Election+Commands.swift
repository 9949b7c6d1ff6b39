import ArgumentParser
import CoopCore
import Foundation
import Voting

/// `coopctl election …`: elections, their credentials, the public board and its verification.
struct ElectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election", abstract: "Elections: define, issue credentials, open, close, tally, verify. / Scrutins.",
        subcommands: [Create.self, Update.self, List.self, Show.self, Credentials.self, Reissue.self, Open.self, Close.self,
                      Tally.self, Board.self, Verify.self])

    static let questionsHelp = ArgumentHelp(
        "--question TEXT --kind single|approval|ranked --choices \"A|B|C\" [--threshold majority|two-thirds|plurality] [--min N --max N], once per question.",
        discussion: """
            Each --question starts a new question; the --kind, --choices, --threshold, --min and --max that follow it are that question's. \
            --kind and --threshold take the French words too: choix unique, approbation, classement; majorité absolue, deux tiers, majorité relative.
            """,
        valueName: "question")

    /// An instant typed on the command line: ISO 8601, read in the co-op's time zone unless it names its offset.
    static func instant(_ text: String, field: String, timeZone: TimeZone) throws -> Instant {
        guard let instant = Instant.parse(text, timeZone: timeZone) else {
            throw CoopError.invalidValue(field, text, expected: .init(fr: "date et heure ISO 8601, ex. 2026-03-20T13:00",
                                                                      en: "an ISO 8601 date and time, e.g. 2026-03-20T13:00"))
        }
        return instant
    }

    static func printElections(_ elections: [Election], _ out: Output, timeZone: TimeZone) throws {
        if out.json { return try out.printJSON(elections) }
        out.table(
            [.init(fr: "Scrutin", en: "Election"), .init(fr: "Titre", en: "Title"), .init(fr: "Statut", en: "Status"),
             .init(fr: "Ouverture", en: "Opens"), .init(fr: "Fermeture", en: "Closes"), .init(fr: "Bulletins", en: "Ballots")],
            elections.map { [$0.id, $0.title, $0.status.label.render(out.language), $0.opens.localText(in: timeZone),
                             $0.closes.localText(in: timeZone), String($0.ballotCount)] })
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft election. / Créer un scrutin (brouillon).",
            discussion: """
                Instants are ISO 8601 (2026-03-20T13:00), in the co-op's time zone (COOP_TZ) unless they end with Z or an \
                offset. Each --question starts a question; the --kind, --choices, --threshold, --min and --max after it \
                are that question's. Example:

                  coopctl election create --title "AG 2026" \\
                    --opens 2026-03-20T13:00 --closes 2026-03-20T15:00 --quorum 10 \\
                    --question "Adopter les comptes ?" --kind single \\
                      --choices "Pour|Contre|Abstention" --threshold two-thirds \\
                    --question "Conseil" --kind approval --choices "Ana|Ben|Cy|Di" --max 3
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The election's title, as members will see it.") var title: String
        @Option(help: "Ballots are accepted from this instant, once the election is opened.") var opens: String
        @Option(help: "…until this instant (excluded).") var closes: String
        @Option(help: "Eligibility cut-off: members active at this instant vote (default: when credentials are issued).") var cutoff: String?
        @Option(help: "Percent of eligible members who must vote for anything to be decided (1–100; 0 or left out: no quorum). / Quorum en pourcentage (0 ou absent : aucun).") var quorum: Int?
        @Flag(help: "A secret election (coop-voting-2): answers encrypted, counted by tellers (`coopctl teller`). / Scrutin secret.")
        var secret = false
        @Argument(parsing: .allUnrecognized, help: ElectionCommand.questionsHelp) var questions: [String] = []

        func validate() throws {
            guard !(try QuestionArguments.parse(questions)).isEmpty else {
                throw UsageError.invalid(.init(fr: "Il faut au moins une --question, chacune avec son --kind et ses --choices.", en: "At least one --question is needed, each with its --kind and --choices."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let zone = session.configuration.timeZone
                let input = NewElection(
                    title: title, questions: try QuestionArguments.parse(questions),
                    opens: try ElectionCommand.instant(opens, field: "opens", timeZone: zone),
                    closes: try ElectionCommand.instant(closes, field: "closes", timeZone: zone),
                    cutoff: try cutoff.map { try ElectionCommand.instant($0, field: "cutoff", timeZone: zone) }, quorumPercent: quorum)
                let election = try await session.coop.voting.createElection(input, secret: secret)
                let out = session.output
                if out.json { return try out.printJSON(election) }
                if secret {
                    out.say(out.text(.init(fr: "Scrutin secret {id} créé (brouillon). Chaque scrutateur crée sa clé sur sa machine (coopctl teller keygen --election {id} --out FICHIER), puis inscrivez-la : coopctl teller register {id} FICHIER.pub",
                                           en: "Secret election {id} created (draft). Each teller makes a key on their own machine (coopctl teller keygen --election {id} --out FILE), then register it: coopctl teller register {id} FILE.pub"),
                                     ["id": .text(election.id)]))
                    return
                }
                out.say(out.text(.init(fr: "Scrutin {id} créé (brouillon). Émettez les codes avec : coopctl election credentials {id} --out DOSSIER",
                                       en: "Election {id} created (draft). Issue the credentials with: coopctl election credentials {id} --out DIR"),
                                 ["id": .text(election.id)]))
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a draft election; options left out stay. / Modifier un brouillon.",
            discussion: "Any --question replaces all the questions. --cutoff none removes the cut-off; --quorum 0 removes the quorum.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String
        @Option var title: String?
        @Option var opens: String?
        @Option var closes: String?
        @Option(help: "An instant, or none.") var cutoff: String?
        @Option var quorum: Int?
        @Argument(parsing: .allUnrecognized, help: ElectionCommand.questionsHelp) var questions: [String] = []

        func validate() throws { _ = try QuestionArguments.parse(questions) }

        func run() async throws {
            try await global.run { session in
                let zone = session.configuration.timeZone
                let current = try await session.coop.voting.election(id)
                let newQuestions = try QuestionArguments.parse(questions)
                var newCutoff = current.cutoff
                if let cutoff { newCutoff = cutoff == "none" ? nil : try ElectionCommand.instant(cutoff, field: "cutoff", timeZone: zone) }
                let input = NewElection(
                    title: title ?? current.title, questions: newQuestions.isEmpty ? current.questions : newQuestions,
                    opens: try opens.map { try ElectionCommand.instant($0, field: "opens", timeZone: zone) } ?? current.opens,
                    closes: try closes.map { try ElectionCommand.instant($0, field: "closes", timeZone: zone) } ?? current.closes,
                    cutoff: newCutoff, quorumPercent: quorum ?? current.quorumPercent)
                let election = try await session.coop.voting.updateElection(current.id, input)
                if session.output.json { return try session.output.printJSON(election) }
                VotingOutput.printElection(election, session.output, timeZone: zone)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List elections. / Lister les scrutins.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Elections per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let page = try await session.coop.voting.elections(page: try PageRequest(limit: String(limit), cursor: cursor))
                try session.output.printPage(page) {
                    try ElectionCommand.printElections($0, session.output, timeZone: session.configuration.timeZone)
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An election, its questions and choice numbers. / Afficher un scrutin.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String

        func run() async throws {
            try await global.run { session in
                let election = try await session.coop.voting.election(id)
                if session.output.json { return try session.output.printJSON(election) }
                VotingOutput.printElection(election, session.output, timeZone: session.configuration.timeZone)
            }
        }
    }

    struct Credentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze the eligible members and write one credential file per member. / Émettre les codes de vote.",
            discussion: """
                Writes DIR/M-0001.json … (readable by you only), each with the member's code. Coop keeps no copy and no link \
                between members and credentials: hand the files out, then delete the folder. DIR must be new or empty.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String
        @Option(help: "A new or empty folder for the credential files.") var out: String

        struct Summary: Encodable {
            let election: Election
            let count: Int
            let fingerprint: String
            let directory: String
            let files: [String]
        }

        func run() async throws {
            try await global.run { session in
                // Checked before issuing: the codes exist only in what this command writes.
                let folder = try CredentialFolder(out)
                let issue = try await session.coop.voting.issueCredentials(id)
                let files: [String]
                do {
                    files = try folder.writeFiles(issue.credentials.map { $0.file(for: issue.election) })
                } catch {
                    // Issued but not all written (a full disk): name the public keys whose codes are lost,
                    // so that `election reissue --lost KEY` can replace them.
                    let written = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [])
                    let lost = issue.credentials.filter { !written.contains("\($0.member).json") }
                    FileHandle.standardError.write(Data(lost.map { "\($0.member) \($0.credential)\n" }.joined().utf8))
                    throw error
                }
                let o = session.output
                if o.json {
                    return try o.printJSON(Summary(election: issue.election, count: issue.credentials.count, fingerprint: issue.fingerprint,
                                                   directory: out, files: files))
                }
                o.say(o.text(.init(fr: "{count} dans {dir} (un fichier par membre, lisible par vous seul).",
                                   en: "{count} to {dir} (one file per member, readable by you only)."),
                             ["count": .count(.integer(Int64(files.count)), Plural(fr: "code de vote écrit", "codes de vote écrits",
                                                                           en: "voting credential written", "voting credentials written")),
                              "dir": .text(out)]))
                o.say(o.text(.init(fr: "Empreinte de la liste publique : {sha} — annoncez-la avec le nombre de codes.",
                                   en: "Fingerprint of the public list: {sha} — announce it with the number of credentials."),
                             ["sha": .text(issue.fingerprint)]))
                o.say(o.text(.init(fr: "Remettez chaque fichier à son membre, puis supprimez le dossier.",
                                   en: "Hand each file to its member, then delete the folder.")))
            }
        }
    }

    struct Reissue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a lost credential: the old one is revoked on the board. / Remplacer un code perdu.",
            discussion: "With the member's old file and --out, writes the new file DIR/M-0001.json; otherwise prints the new code.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String
        @Option(help: "The member's old credential file, or the lost public key (hex).") var lost: String
        @Option(help: "A folder for the new credential file (needs the old file).") var out: String?

        struct Written: Encodable {
            let election: String
            let member: String
            let file: String
            let credential: String
            let revoked: String
            let seq: Int
        }

        func run() async throws {
            try await global.run { session in
                var oldFile: CredentialFile?
                if FileManager.default.fileExists(atPath: lost) { oldFile = try CredentialFolder.readFile(lost) }
                guard out == nil || oldFile != nil else { throw CoopError.reissueNeedsFile() }
                let folder = try out.map { try CredentialFolder($0, allowExisting: true) }
                // Checked before revoking: the new code exists only in what this command writes.
                if let folder, let oldFile { try folder.requireFree(member: oldFile.member) }
                let reissued = try await session.coop.voting.reissueCredential(id, lost: oldFile?.credential ?? lost)
                let o = session.output
                if let folder, let oldFile {
                    let file = CredentialFile(election: reissued.election, member: oldFile.member, code: reissued.code,
                                              credential: reissued.credential, electionHash: oldFile.electionHash)
                    let written = try folder.writeFiles([file])
                    if o.json {
                        return try o.printJSON(Written(election: reissued.election, member: oldFile.member, file: written[0],
                                                       credential: reissued.credential, revoked: reissued.revoked, seq: reissued.seq))
                    }
                    o.say(o.text(.init(fr: "Ancien code révoqué (événement {seq}) ; nouveau fichier : {file}",
                                       en: "Old credential revoked (event {seq}); new file: {file}"),
                                 ["seq": .integer(Int64(reissued.seq)), "file": .text(written[0])]))
                    return
                }
                if o.json { return try o.printJSON(reissued) }
                o.say(o.text(.init(fr: "Ancien code révoqué (événement {seq}). Nouveau code : {code}",
                                   en: "Old credential revoked (event {seq}). New code: {code}"),
                             ["seq": .integer(Int64(reissued.seq)), "code": .text(reissued.code)]))
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open the ballot box. / Ouvrir le vote.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String

        func run() async throws {
            try await global.run { session in
                let election = try await session.coop.voting.open(id)
                if session.output.json { return try session.output.printJSON(election) }
                session.output.say(session.output.text(.init(fr: "Scrutin {id} ouvert ; il ferme {closes}.", en: "Election {id} open; it closes {closes}."),
                                                       ["id": .text(election.id), "closes": session.at(election.closes)]))
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the ballot box, not before its closing time. / Fermer le vote.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String

        func run() async throws {
            try await global.run { session in
                let election = try await session.coop.voting.close(id)
                if session.output.json { return try session.output.printJSON(election) }
                session.output.say(session.output.text(.init(fr: "Scrutin {id} fermé : {n}. Dépouillez avec : coopctl election tally {id}",
                                                             en: "Election {id} closed: {n}. Tally with: coopctl election tally {id}"),
                                                       ["id": .text(election.id), "n": .count(.integer(Int64(election.ballotCount)), .ballots)]))
            }
        }
    }

    struct Tally: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the board, count the ballots and publish the result. / Dépouiller.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String

        func run() async throws {
            try await global.run { session in
                let result = try await session.coop.voting.tally(id)
                if session.output.json { return try session.output.printJSON(result) }
                let election = try await session.coop.voting.election(id)
                session.output.say("\(election.id) — \(election.title)")
                VotingOutput.printResult(result, questions: election.questions, session.output)
            }
        }
    }

    struct Board: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the public board, {\"events\": [...]}. / Exporter le registre public.",
            discussion: "While voting is open each ballot shows only its tracker; from close on, every ballot in full.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var id: String
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await global.run { session in
                let data = try await session.coop.voting.boardJSON(id)
                guard let output else {
                    FileHandle.standardOutput.write(data)
                    if isatty(1) == 1 { FileHandle.standardOutput.write(Data("\n".utf8)) }
                    return
                }
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                let o = session.output
                if o.json { return try o.printJSON(["file": output]) }
                o.say(o.text(.init(fr: "Registre écrit : {file}", en: "Board written: {file}"), ["file": .text(output)]))
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a board file and recount it, with no database. / Vérifier un registre et recompter.",
            discussion: """
                Checks every hash link, the credential list against its fingerprint, every ballot's signature, credential and \
                answers, the open and close times, and recounts the result. Prints the recount and OK, or exits 1 naming the \
                first failing event.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The board file ({\"events\": [...]}).") var file: String

        func run() async throws {
            try await global.runWithoutDatabase { out in
                let data = try VotingOutput.read(file)
                let events = try BoardVerifier.parse(data)
                // Progress only for boards that take a while (about 1,600 ballots per MB).
                let progress = data.count >= 1 << 20
                    ? Output.progress(label: out.text(.init(fr: "Signatures", en: "Signatures"))) : nil
                let report = try BoardVerifier.verify(Voting.Board(events: events), progress: progress)
                if out.json { return try out.printJSON(report) }
                let definition = events.first.flatMap { try? ElectionDefinition(json: $0.payload) }
                out.say(out.text(.init(fr: "Scrutin {id} « {title} » : {events}, état {status}.",
                                       en: "Election {id} \"{title}\": {events}, {status}."),
                                 ["id": .text(report.election), "title": .text(definition?.title ?? ""),
                                  "events": .count(.integer(Int64(report.events)), Plural(fr: "événement", "événements", en: "event", "events")),
                                  "status": .text(report.status.label.render(out.language))]))
                out.say(out.text(.init(fr: "Codes : {eligible} (révoqués : {revoked}) · bulletins : {ballots} · signatures vérifiées : {checked}",
                                       en: "Credentials: {eligible} (revoked: {revoked}) · ballots: {ballots} · signatures checked: {checked}"),
                                 ["eligible": .integer(Int64(report.eligible)), "revoked": .integer(Int64(report.revoked)),
                                  "ballots": .integer(Int64(report.ballotEvents)), "checked": .integer(Int64(report.signaturesChecked))]))
                if report.redactedBallots > 0 {
                    out.say(out.text(report.redactedBallots == 1
                                     ? .init(fr: "1 bulletin visible par son seul numéro de suivi (vote ouvert) : il sera vérifié sur le registre complet publié à la fermeture.",
                                             en: "1 ballot shown by tracker only (voting open): it is checked on the full board published at close.")
                                     : .init(fr: "{n} bulletins visibles par leur seul numéro de suivi (vote ouvert) : ils seront vérifiés sur le registre complet publié à la fermeture.",
                                             en: "{n} ballots shown by tracker only (voting open): they are checked on the full board published at close."),
                                     ["n": .integer(Int64(report.redactedBallots))]))
                }
                out.say(out.text(.init(fr: "Dernier maillon de la chaîne (`head`) : {head}", en: "Head of the chain (`head`): {head}"),
                                 ["head": .text(report.head)]))
                if let recount = report.recount {
                    out.say("")
                    out.say(out.text(.init(fr: "Recomptage :", en: "Recount:")))
                    VotingOutput.printResult(recount, questions: definition?.questions ?? [], out)
                    out.say("")
                }
                out.say("OK")
            }
        }
    }
}

/// The ordered `--question … --kind … --choices …` arguments of `election create` and `update`.
///
/// ArgumentParser cannot tie options to the question they follow, so the commands collect these
/// arguments raw, in order, and this reads them: each `--question` starts a question, and the options
/// after it belong to it. It only reads text; the Voting library checks the definition.
enum QuestionArguments {
    static let optionNames = ["--question", "--kind", "--choices", "--threshold", "--min", "--max"]

    static func parse(_ arguments: [String]) throws -> [Question] {
        var questions: [Question] = []
        var seen: Set<String> = []
        var i = 0
        while i < arguments.count {
            var name = arguments[i]
            var value: String?
            if let equals = name.firstIndex(of: "="), name.hasPrefix("--") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard optionNames.contains(name) else {
                throw name.hasPrefix("-")
                    ? UsageError.invalid(.init(fr: "Option inconnue : « {name} ».", en: "Unknown option '{name}'."), ["name": .text(name)])
                    : UsageError.invalid(.init(fr: "Argument inattendu : « {name} ».", en: "Unexpected argument '{name}'."), ["name": .text(name)])
            }
            if value == nil {
                guard i + 1 < arguments.count else { throw UsageError.invalid(.init(fr: "Il manque la valeur de « {name} ».", en: "Missing value for '{name}'."), ["name": .text(name)]) }
                i += 1
                value = arguments[i]
            }
            i += 1
            let text = value!
            if name == "--question" {
                try finish(questions.last, seen, number: questions.count)
                questions.append(Question(text: text, kind: .single, choices: []))
                seen = []
                continue
            }
            guard !questions.isEmpty else { throw UsageError.invalid(.init(fr: "« {name} » doit suivre la --question à laquelle il se rapporte.", en: "'{name}' must follow the --question it belongs to."), ["name": .text(name)]) }
            guard seen.insert(name).inserted else {
                throw UsageError.invalid(.init(fr: "« {name} » est donné deux fois pour la question {number} ; commencez la suivante par --question.",
                                                     en: "'{name}' given twice for question {number}; start the next one with --question."),
                                               ["name": .text(name), "number": .integer(Int64(questions.count))])
            }
            let n = questions.count - 1
            switch name {
            case "--kind":
                guard let kind = QuestionKind(words: text) else {
                    throw UsageError.invalid(.init(fr: "--kind prend choix unique, approbation ou classement (`single`, `approval`, `ranked`), pas « {value} ».",
                                               en: "--kind takes single, approval or ranked, not '{value}'."), ["value": .text(text)])
                }
                questions[n].kind = kind
            case "--choices":
                questions[n].choices = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            case "--threshold":
                guard let threshold = Threshold(words: text) else {
                    throw UsageError.invalid(.init(fr: "--threshold prend majorité absolue, deux tiers ou majorité relative (`majority`, `two-thirds`, `plurality`), pas « {value} ».",
                                               en: "--threshold takes majority, two-thirds or plurality, not '{value}'."), ["value": .text(text)])
                }
                questions[n].threshold = threshold
            case "--min":
                guard let number = Int(text) else { throw UsageError.invalid(.init(fr: "--min prend un nombre entier, pas « {value} ».", en: "--min takes a whole number, not '{value}'."), ["value": .text(text)]) }
                questions[n].min = number
            default:
                guard let number = Int(text) else { throw UsageError.invalid(.init(fr: "--max prend un nombre entier, pas « {value} ».", en: "--max takes a whole number, not '{value}'."), ["value": .text(text)]) }
                questions[n].max = number
            }
        }
        try finish(questions.last, seen, number: questions.count)
        return questions
    }

    private static func finish(_ question: Question?, _ seen: Set<String>, number: Int) throws {
        guard question != nil else { return }
        for required in ["--kind", "--choices"] where !seen.contains(required) {
            throw UsageError.invalid(.init(fr: "La question {number} doit avoir son {option}.", en: "Question {number} needs {option}."),
                                     ["number": .integer(Int64(number)), "option": .text(required)])
        }
    }
}

/// The folder `election credentials` writes into: new or empty, readable by its owner only, and
/// files created exclusively with mode 0600, so a member's code is never overwritten nor left readable.
struct CredentialFolder {
    let path: String

    /// Makes sure the folder can take the files before any credential exists.
    init(_ path: String, allowExisting: Bool = false) throws {
        self.path = path
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CoopError.credentialFolderNotAFolder(path) }
            if !allowExisting, !(try manager.contentsOfDirectory(atPath: path)).isEmpty { throw CoopError.credentialFolderNotEmpty(path) }
        } else {
            do {
                try manager.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw CoopError.credentialFileUnwritable(path)
            }
        }
        guard manager.isWritableFile(atPath: path) else { throw CoopError.credentialFileUnwritable(path) }
    }

    func target(_ member: String) -> String { URL(fileURLWithPath: path).appendingPathComponent("\(member).json").path }

    /// Refuses when the member's file already exists.
    func requireFree(member: String) throws {
        if FileManager.default.fileExists(atPath: target(member)) { throw CoopError.credentialFileExists(target(member)) }
    }

    /// Writes `DIR/M-0001.json` for each file; refuses to replace an existing file. Returns the paths.
    func writeFiles(_ files: [CredentialFile]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var written: [String] = []
        for file in files {
            let filePath = target(file.member)
            let bytes = Array(try encoder.encode(file)) + Array("\n".utf8)
            let fd = open(filePath, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else {
                throw errno == EEXIST ? CoopError.credentialFileExists(filePath) : CoopError.credentialFileUnwritable(filePath)
            }
            defer { close(fd) }
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard n > 0 else {
                    unlink(filePath)  // never leave a half-written code behind
                    throw CoopError.credentialFileUnwritable(filePath)
                }
                offset += n
            }
            written.append(filePath)
        }
        return written
    }

    /// A member's credential file, as `vote cast --credential` and `election reissue --lost` read it.
    static func readFile(_ path: String) throws -> CredentialFile {
        let data = try VotingOutput.read(path)
        guard let file = try? JSONDecoder().decode(CredentialFile.self, from: data) else { throw CoopError.notACredentialFile(path) }
        return file
    }
}

extension CoopError {
    static func credentialFolderNotEmpty(_ path: String) -> CoopError {
        CoopError(.conflict, "election.folder_not_empty", ["dir": .text(path)],
                  fr: "Le dossier {dir} n’est pas vide : choisissez un dossier nouveau ou vide (aucun code n’a été émis).",
                  en: "The folder {dir} is not empty: choose a new or empty folder (no credential was issued).")
    }

    static func credentialFolderNotAFolder(_ path: String) -> CoopError {
        CoopError(.conflict, "election.not_a_folder", ["dir": .text(path)],
                  fr: "{dir} existe et n’est pas un dossier.", en: "{dir} exists and is not a folder.")
    }

    static func credentialFileUnwritable(_ path: String) -> CoopError {
        CoopError(.conflict, "election.cannot_write", ["file": .text(path)],
                  fr: "Impossible d’écrire {file}.", en: "Cannot write {file}.")
    }

    static func credentialFileExists(_ path: String) -> CoopError {
        CoopError(.conflict, "election.file_exists", ["file": .text(path)],
                  fr: "{file} existe déjà : un code de vote n’est jamais écrasé.", en: "{file} already exists: a credential file is never overwritten.")
    }

    static func notACredentialFile(_ path: String) -> CoopError {
        CoopError(.invalid, "vote.not_a_credential_file", field: "credential", ["file": .text(path)],
                  fr: "{file} n’est pas un fichier de code de vote (M-0001.json).", en: "{file} is not a credential file (M-0001.json).")
    }

    static func reissueNeedsFile() -> CoopError {
        CoopError(.invalid, "election.reissue_needs_file", field: "lost",
                  fr: "--out demande l’ancien fichier du membre dans --lost (pour nommer le nouveau fichier).",
                  en: "--out needs the member's old file in --lost (to name the new file).")
    }
}
