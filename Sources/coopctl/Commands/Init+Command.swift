import ArgumentParser
import Coop
import CoopCore

/// `coopctl init`: creates or upgrades the schema. Running it again changes nothing.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create or upgrade the database schema. / Créer ou mettre à jour le schéma.")

    @OptionGroup var global: GlobalOptions

    struct Result: Encodable {
        let database: String
        let applied: [String]
    }

    func run() async throws {
        try await global.run(creating: true) { session in
            let path = session.configuration.databasePath
            if session.output.json {
                try session.output.printJSON(Result(database: path, applied: session.migrated))
            } else if session.migrated.isEmpty {
                session.output.say(session.output.text(.init(fr: "Schéma déjà à jour : {path}", en: "Schema already up to date: {path}"), ["path": .text(path)]))
            } else {
                session.output.say(session.output.text(
                    .init(fr: "Schéma créé ou mis à jour : {path} ({list})", en: "Schema created or upgraded: {path} ({list})"),
                    ["path": .text(path), "list": .text(session.migrated.joined(separator: ", "))]))
            }
        }
    }
}
