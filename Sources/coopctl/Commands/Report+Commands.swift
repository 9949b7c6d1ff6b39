import ArgumentParser

/// `coopctl report NAME …`: every domain's reports in one group. Each domain lists its report commands
/// in its own `Report+Domain.swift` (`ReportCommand.orders`); adding a domain's reports is one more
/// term in `subcommands`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports. / Rapports.",
        subcommands: orders + lendingReportCommands)
}
