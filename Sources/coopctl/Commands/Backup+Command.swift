import ArgumentParser
import CoopCore
import Foundation

/// `coopctl backup FILE`: an online copy of the database, safe while coop-api is serving writes.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the database while it is in use. / Copier la base pendant qu’elle sert.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The copy to write; it must not exist yet.") var file: String

    struct Result: Encodable {
        let backup: String
        let integrity: String
    }

    func run() async throws {
        try await global.run { session in
            guard !FileManager.default.fileExists(atPath: file) else { throw CoopError.backupExists(file) }
            let verdict = try await session.coop.context.database.backup(to: file)
            guard verdict == "ok" else { throw CoopError.backupDamaged(file, verdict) }
            if session.output.json { return try session.output.printJSON(Result(backup: file, integrity: verdict)) }
            session.output.say(session.output.text(.init(fr: "Copie écrite et vérifiée : {file}", en: "Backup written and checked: {file}"),
                                                   ["file": .text(file)]))
        }
    }
}

extension CoopError {
    static func backupExists(_ file: String) -> CoopError {
        CoopError(.conflict, "backup.exists", ["file": .text(file)],
                  fr: "{file} existe déjà : choisissez un nouveau fichier.", en: "{file} already exists: choose a new file.")
    }

    static func backupDamaged(_ file: String, _ verdict: String) -> CoopError {
        CoopError(.conflict, "backup.damaged", ["file": .text(file), "verdict": .text(verdict)],
                  fr: "La copie {file} ne passe pas la vérification : {verdict}", en: "The copy {file} fails the check: {verdict}")
    }
}
