import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl setting show|fee-threshold|overdue-blocks`: the co-op-wide lending settings.
struct SettingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setting", abstract: "Lending settings. / Réglages du prêt.", subcommands: [Show.self, FeeThreshold.self, OverdueBlocks.self])

    static func print(_ settings: LendingSettings, _ out: Output) throws {
        if out.json { return try out.printJSON(settings) }
        out.say(out.text(.init(fr: "Seuil de frais : {amount} (au-delà, pas de nouveau prêt).",
                               en: "Fee threshold: {amount} (above it, no new loan)."),
                         ["amount": .money(settings.feeThreshold)]))
        out.say(out.text(settings.overdueBlocksLoans
            ? .init(fr: "Prêt en retard : bloque les nouveaux prêts du membre jusqu’à son retour.",
                    en: "Overdue loan: blocks the member's new loans until it comes back.")
            : .init(fr: "Prêt en retard : ne bloque pas les nouveaux prêts.", en: "Overdue loan: does not block new loans.")))
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
                let settings = try await session.coop.lending.setFeeThreshold(try Money(parsing: amount, field: "feeThreshold"))
                try SettingCommand.print(settings, session.output)
            }
        }
    }

    struct OverdueBlocks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overdue-blocks",
            abstract: "Whether an overdue loan blocks the member's new loans (on by default). / Un retard bloque-t-il les nouveaux prêts ?")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "on or off (oui or non).") var value: String

        func run() async throws {
            try await global.run { session in
                let blocks: Bool
                switch value.lowercased() {
                case "on", "oui", "yes", "true": blocks = true
                case "off", "non", "no", "false": blocks = false
                default: throw CoopError.invalidValue("overdue-blocks", value, expected: .init(fr: "oui ou non", en: "on or off"))
                }
                try SettingCommand.print(try await session.coop.lending.updateSettings(overdueBlocksLoans: blocks), session.output)
            }
        }
    }
}
