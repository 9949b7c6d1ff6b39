import ArgumentParser
import CoopCore
import Foundation
import Lending

/// Lending's reports: `report due-today|overdue|expected-returns|to-prepare|holds-ready|popular|never-borrowed`,
/// each its own leaf command below.
extension ReportCommand {
    static let lendingReportCommands: [any ParsableCommand.Type] = [
        DueTodayReportCommand.self, OverdueReportCommand.self, ExpectedReturnsReportCommand.self, ToPrepareReportCommand.self,
        HoldsReadyReportCommand.self, PopularReportCommand.self, NeverBorrowedReportCommand.self,
    ]
}

/// Reads an optional `YYYY-MM-DD` report option.
private func reportDate(_ text: String?, field: String) throws -> LocalDate? {
    try text.map { try LendingInput.date($0, field: field) }
}

/// Open loans due on a day as a table (`due-today`, `expected-returns`).
private func printDueLoans(_ rows: [DueLoanRow], _ session: Session) throws {
    let out = session.output
    if out.json { return try out.printJSON(rows) }
    out.table(
        [.init(fr: "Échéance", en: "Due"), .init(fr: "Prêt", en: "Loan"), .init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"),
         .init(fr: "Membre", en: "Member"), .init(fr: "Unités", en: "Units"), .init(fr: "Sorti", en: "Out")],
        rows.map { [$0.due.iso8601, String($0.loan), $0.item, $0.itemName, $0.member, String($0.units),
                    $0.outAt.localText(in: session.configuration.timeZone)] })
}

/// `coopctl report due-today [--date D]`.
struct DueTodayReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due-today", abstract: "Open loans due today. / Prêts à rendre aujourd’hui.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Another day than today, YYYY-MM-DD.") var date: String?

    func run() async throws {
        try await global.run { session in
            try printDueLoans(try await session.coop.lending.dueToday(on: try reportDate(date, field: "date")), session)
        }
    }
}

/// `coopctl report overdue [--as-of D]`.
struct OverdueReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Overdue loans with days late and the fee so far. / Prêts en retard et frais accumulés.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("as-of"), help: "As of this day instead of today, YYYY-MM-DD.") var asOf: String?

    func run() async throws {
        try await global.run { session in
            let rows = try await session.coop.lending.overdue(asOf: try reportDate(asOf, field: "asOf"))
            let out = session.output
            if out.json { return try out.printJSON(rows) }
            out.table(
                [.init(fr: "Prêt", en: "Loan"), .init(fr: "Échéance", en: "Due"), .init(fr: "Jours", en: "Days"), .init(fr: "Frais", en: "Fee"),
                 .init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"), .init(fr: "Membre", en: "Member"), .init(fr: "Unités", en: "Units")],
                rows.map { [String($0.loan), $0.due.iso8601, String($0.daysLate), $0.accruedFee.formatted(out.language), $0.item, $0.itemName,
                            $0.member, String($0.units)] })
        }
    }
}

/// `coopctl report expected-returns [--from D] [--to D]`.
struct ExpectedReturnsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expected-returns", abstract: "Open loans by due day (default: the coming week). / Retours attendus par jour.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "First day, YYYY-MM-DD (default today).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default six days after the first).") var to: String?

    func run() async throws {
        try await global.run { session in
            try printDueLoans(try await session.coop.lending.expectedReturns(
                from: try reportDate(from, field: "from"), to: try reportDate(to, field: "to")), session)
        }
    }
}

/// `coopctl report to-prepare [--from D] [--to D]`.
struct ToPrepareReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-prepare", abstract: "Reservations to get ready, by pickup day. / Réservations à préparer par jour.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "First pickup day, YYYY-MM-DD (default today).") var from: String?
    @Option(help: "Last pickup day, YYYY-MM-DD (default six days after the first).") var to: String?

    func run() async throws {
        try await global.run { session in
            let rows = try await session.coop.lending.toPrepare(from: try reportDate(from, field: "from"), to: try reportDate(to, field: "to"))
            let out = session.output
            if out.json { return try out.printJSON(rows) }
            out.table(
                [.init(fr: "Jour", en: "Day"), .init(fr: "Réservation", en: "Reservation"), .init(fr: "Article", en: "Item"),
                 .init(fr: "Nom", en: "Name"), .init(fr: "Membre", en: "Member"), .init(fr: "Unités", en: "Units"), .init(fr: "Jusqu’au", en: "Until")],
                rows.map { [$0.day.iso8601, String($0.reservation), $0.item, $0.itemName, $0.member, String($0.units), $0.to.iso8601] })
        }
    }
}

/// `coopctl report holds-ready`.
struct HoldsReadyReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holds-ready", abstract: "Holds to keep aside until picked up. / Réservations d’attente à mettre de côté.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.run { session in
            let rows = try await session.coop.lending.holdsReady()
            let out = session.output
            if out.json { return try out.printJSON(rows) }
            out.table(
                [.init(fr: "Jusqu’au", en: "Until"), .init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"), .init(fr: "Membre", en: "Member")],
                rows.map { [$0.readyUntil?.iso8601 ?? "", $0.item, $0.itemName, $0.member] })
        }
    }
}

/// `coopctl report popular [--from D] [--to D] [--limit N]`.
struct PopularReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "popular", abstract: "The most borrowed items. / Les articles les plus empruntés.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Loans that went out from this day, YYYY-MM-DD.") var from: String?
    @Option(help: "Loans that went out up to this day, YYYY-MM-DD.") var to: String?
    @Option(help: "How many items (1–500; default 20).") var limit: Int?

    func run() async throws {
        try await global.run { session in
            let (from, to) = (try reportDate(from, field: "from"), try reportDate(to, field: "to"))
            let rows = if let limit {
                try await session.coop.lending.popular(from: from, to: to, limit: limit)
            } else {
                try await session.coop.lending.popular(from: from, to: to)
            }
            let out = session.output
            if out.json { return try out.printJSON(rows) }
            out.table([.init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"), .init(fr: "Prêts", en: "Loans"), .init(fr: "Unités", en: "Units")],
                      rows.map { [$0.item, $0.itemName, String($0.loans), String($0.units)] })
        }
    }
}

/// `coopctl report never-borrowed [--limit N] [--cursor C]`.
struct NeverBorrowedReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "never-borrowed", abstract: "Items in circulation never lent, by code. / Articles jamais empruntés.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Items per page (1–500).") var limit: Int = 50
    @Option(help: "The `next` cursor of the previous page.") var cursor: String?

    func run() async throws {
        try await global.run { session in
            let page = try await session.coop.lending.neverBorrowed(page: try PageRequest(limit: String(limit), cursor: cursor))
            let out = session.output
            try out.printPage(page) { rows in
                out.table([.init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"), .init(fr: "Catégorie", en: "Category"),
                           .init(fr: "Depuis", en: "Since")],
                          rows.map { [$0.item, $0.itemName, $0.category ?? "", $0.since.localText(in: session.configuration.timeZone)] })
            }
        }
    }
}
