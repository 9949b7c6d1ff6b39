import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl setting show|fee-threshold`: the co-op-wide lending settings.
struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting", abstract: "Lending settings. / Réglages du prêt.", subcommands: [Show.self, FeeThreshold.self])

    static func print(_ settings: LendingSettings, _ out: Output) throws {
        if out.json { return try out.printJSON(settings) }
        out.say(out.text(.init(fr: "Seuil de frais : {amount} (au-delà, pas de nouveau prêt).",
                               en: "Fee threshold: {amount} (above it, no new loan)."),
                         ["amount": .text(settings.feeThreshold.formatted(out.language))]))
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings. / Afficher les réglages.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in try SettingCommand.print(try await session.coop.lending.settings(), session.output) }
        }
    }

    struct FeeThreshold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fee-threshold",
            abstract: "Set the balance above which a member may not borrow. / Fixer le solde au-delà duquel on ne prête plus.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Amount, e.g. 10.00.") var amount: String

        func run() async throws {
            try await global.run { session in
                let settings = try await session.coop.lending.setFeeThreshold(try Money(parsing: amount, field: "feeThreshold"), actor: session.actor)
                try SettingCommand.print(settings, session.output)
            }
        }
    }
}
