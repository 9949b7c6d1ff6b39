import ArgumentParser
import CoopCore
import Membership

/// `coopctl token create|revoke|list`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens. / Jetons d’accès à l’API.",
        subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token, shown once. / Créer un jeton, affiché une seule fois.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "admin, staff or member (administrateur, personnel, membre).") var role: String
        @Option(help: "The member the token acts for (required for the member role).") var member: String?
        @Option(help: "What the token is for, shown in token list (at most 100 characters), e.g. \"Desk, Saturday volunteer\".") var label: String?

        func run() async throws {
            try await global.run { session in
                let issued = try await session.coop.tokens.create(role: try Role(parsing: role), member: member, label: label)
                if session.output.json { return try session.output.printJSON(["token": issued.token]) }
                session.output.say(issued.token)
                session.output.say(session.output.text(.init(
                    fr: "Conservez ce jeton : il ne sera plus affiché. Préfixe : {prefix}",
                    en: "Keep this token: it will not be shown again. Prefix: {prefix}"), ["prefix": .text(issued.info.prefix)]))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its first characters. / Révoquer un jeton.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token or its first characters (at least 6).") var prefix: String

        func run() async throws {
            try await global.run { session in
                let info = try await session.coop.tokens.revoke(prefix: prefix)
                if session.output.json { return try session.output.printJSON(info) }
                session.output.say(session.output.text(.init(fr: "Jeton {prefix}… révoqué.", en: "Token {prefix}… revoked."), ["prefix": .text(info.prefix)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (prefixes only). / Lister les jetons.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in
                let tokens = try await session.coop.tokens.list()
                let out = session.output
                if out.json { return try out.printJSON(tokens) }
                out.table(
                    [.init(fr: "Préfixe", en: "Prefix"), .init(fr: "Rôle", en: "Role"), .init(fr: "Membre", en: "Member"),
                     .init(fr: "Libellé", en: "Label"), .init(fr: "Créé", en: "Created"), .init(fr: "Révoqué", en: "Revoked")],
                    tokens.map { [$0.prefix, $0.role.label.render(out.language), $0.member ?? "", $0.label ?? "", $0.createdAt.iso8601, $0.revokedAt?.iso8601 ?? ""] })
            }
        }
    }
}
