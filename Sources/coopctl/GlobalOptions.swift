import ArgumentParser
import Coop
import CoopCore
import Foundation
import Membership

/// What a command works with once the database is open.
struct Session {
    let coop: Coop
    let output: Output
    let configuration: CoopConfiguration
    /// Migrations applied on opening (empty when the schema was current).
    let migrated: [String]

    /// An instant in a message line, in the co-op's zone: `à 14 h 26` today, else
    /// `le 2 décembre 2026 à 14 h 26`.
    func at(_ instant: Instant) -> MessageArgument {
        .instantAt(instant, configuration.timeZone, now: configuration.clock.now())
    }

    /// Who runs `coopctl`: the person at the machine where Coop runs, an administrator, recorded in
    /// movement logs and histories by their operating-system user.
    static var localOperator: Caller {
        .localOperator("coopctl:\(ProcessInfo.processInfo.environment["USER"] ?? "desk")")
    }
}

/// Options every command takes, after the command (`coopctl member list --json --db club.sqlite`).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Database file (default: $COOP_DB, then ./coop.sqlite).")
    var db: String?

    @Option(name: .long, help: "Language of messages: fr or en (default: $COOP_LANG, then $LANG, then fr).")
    var lang: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
    var json = false

    func validate() throws {
        if let lang, Language(code: lang) == nil {
            throw UsageError.invalid(.init(fr: "--lang prend fr ou en, pas « {lang} ».", en: "--lang takes fr or en, not {lang}."), ["lang": .text(lang)])
        }
    }

    var language: Language { Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment) }

    var output: Output { Output(language: language, json: json) }

    /// Opens the co-op and runs `body`; a refusal prints one localized line on stderr and exits 1.
    /// - Parameter creating: the database file may be created (only `coopctl init`): elsewhere a path
    ///   that names no file is a typo, and working in a new empty database would lose the day's work.
    func run(creating: Bool = false, _ body: (Session) async throws -> Void) async throws {
        let output = self.output
        do {
            let configuration = try CoopConfiguration.from(environment: ProcessInfo.processInfo.environment, database: db)
            if !creating && !FileManager.default.fileExists(atPath: configuration.databasePath) {
                throw CoopError.noDatabase(configuration.databasePath)
            }
            let (coop, migrated) = try await Coop.open(configuration, as: Session.localOperator)
            try await body(Session(coop: coop, output: output, configuration: configuration, migrated: migrated))
        } catch let error as CoopError {
            output.fail(error.message(language))
        } catch let error as DatabaseError {
            output.fail(LocalizedText(fr: "Erreur de base de données : {detail}", en: "Database error: {detail}")
                .render(language, ["detail": .text(error.message)]))
        } catch let error as CocoaError {
            output.fail(LocalizedText(fr: "Fichier illisible ou impossible à écrire : {detail}", en: "Cannot read or write the file: {detail}")
                .render(language, ["detail": .text(error.localizedDescription)]))
        }
    }

    /// The global options may also come before the group (`coopctl --db x.sqlite member list`):
    /// move them to the end, where every leaf command parses them.
    static func movingLeadingOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--json" {
                leading.append(first)
                rest = rest.dropFirst()
            } else if (first == "--db" || first == "--lang"), rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--db=") || first.hasPrefix("--lang=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        return Array(rest) + leading
    }
}

extension CoopError {
    static func noDatabase(_ path: String) -> CoopError {
        CoopError(.notFound, "config.no_database", field: "db", ["path": .text(path)],
                  fr: "Pas de base Coop ici : {path}. Vérifiez --db (ou COOP_DB), ou créez-la avec « coopctl init ».",
                  en: "No Coop database here: {path}. Check --db (or COOP_DB), or create one with \"coopctl init\".")
    }
}
