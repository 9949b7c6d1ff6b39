import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl closure weekly|add|remove|list`: the days the co-op is closed; a due date falling on one
/// moves to the next open day.
struct ClosureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "closure", abstract: "Closed days. / Jours de fermeture.", subcommands: [Weekly.self, Add.self, Remove.self, List.self])

    static let weekdays: [LocalizedText] = [
        .init(fr: "lundi", en: "Monday"), .init(fr: "mardi", en: "Tuesday"), .init(fr: "mercredi", en: "Wednesday"),
        .init(fr: "jeudi", en: "Thursday"), .init(fr: "vendredi", en: "Friday"), .init(fr: "samedi", en: "Saturday"),
        .init(fr: "dimanche", en: "Sunday"),
    ]

    static func print(_ calendar: ClosureCalendar, _ out: Output) throws {
        if out.json { return try out.printJSON(calendar) }
        let weekly = calendar.weeklyClosedDays.map { weekdays[$0 - 1].render(out.language) }
        out.say(out.text(.init(fr: "Fermé chaque semaine : {days}", en: "Closed every week: {days}"),
                         ["days": .text(weekly.isEmpty ? "—" : weekly.joined(separator: ", "))]))
        if !calendar.closures.isEmpty {
            out.table([.init(fr: "Date", en: "Date"), .init(fr: "Motif", en: "Reason")], calendar.closures.map { [$0.date.iso8601, $0.reason] })
        }
    }

    struct Weekly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the weekdays the co-op is closed every week. / Fixer les jours de fermeture hebdomadaire.",
            discussion: "Days by name (monday, lundi, mon) or number (1 Monday … 7 Sunday); replaces the previous set. --none opens every day.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Weekdays, e.g. monday sunday.") var days: [String] = []
        @Flag(help: "No weekly closing day.") var none = false

        func validate() throws {
            guard days.isEmpty == none else {
                throw UsageError.invalid(.init(fr: "Donnez des jours ou --none.", en: "Give weekdays or --none."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let calendar = try await session.coop.lending.setWeeklyClosures(try days.map(LendingInput.weekday))
                try ClosureCommand.print(calendar, session.output)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the co-op on a date. / Fermer la coop à une date.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The date, YYYY-MM-DD.") var date: String
        @Option(help: "Why (a holiday, the yearly inventory).") var reason: String

        func run() async throws {
            try await global.run { session in
                let calendar = try await session.coop.lending.addClosure(
                    on: try LendingInput.date(date, field: "date"), reason: reason)
                try ClosureCommand.print(calendar, session.output)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a date that was closed. / Rouvrir une date.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The date, YYYY-MM-DD.") var date: String

        func run() async throws {
            try await global.run { session in
                let calendar = try await session.coop.lending.removeClosure(on: try LendingInput.date(date, field: "date"))
                try ClosureCommand.print(calendar, session.output)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Weekly closing days and dated closures. / Les fermetures.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Dated closures from this day (default today).") var from: String?

        func run() async throws {
            try await global.run { session in
                let calendar = try await session.coop.lending.closures(from: try from.map { try LendingInput.date($0, field: "from") })
                try ClosureCommand.print(calendar, session.output)
            }
        }
    }
}
