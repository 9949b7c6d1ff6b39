import ArgumentParser
import Foundation

/// `coopctl`: the command-line face of Coop. Every command calls a domain service and prints its result.
@main
struct CoopCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coopctl",
        abstract: "Run a co-op: members, catalogue, lending, orders, votes. / Gérer une coopérative : membres, catalogue, prêts, commandes, votes.",
        subcommands: [InitCommand.self, PlanCommand.self, MemberCommand.self, TokenCommand.self, ItemCommand.self, LocationCommand.self, CategoryCommand.self,
                      PolicyCommand.self, ClosureCommand.self, SettingCommand.self, CoopProfileCommand.self, LoanCommand.self, ReserveCommand.self,
                      ReservationCommand.self, HoldCommand.self, FeeCommand.self,
                      ProducerCommand.self, ProductCommand.self, PickupCommand.self, CycleCommand.self, OrderCommand.self,
                      PurchaseOrderCommand.self, InvoiceCommand.self, StatementCommand.self, PaymentCommand.self, AccountCommand.self,
                      ReportCommand.self, ElectionCommand.self, VoteCommand.self, TellerCommand.self, NotifyCommand.self, BackupCommand.self]
    )

    /// Exit codes: 0 success, 1 a user error (message on stderr), 2 a usage error.
    static func main() async {
        let arguments = GlobalOptions.movingLeadingOptions(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = UsageError.localized(fullMessage(for: error), UsageError.language)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
