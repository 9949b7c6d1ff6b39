import ArgumentParser
import CoopCore
import Membership

/// `coopctl plan add|list`.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Membership plans. / Formules d’adhésion.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a plan. / Créer une formule.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Name of the plan.") var name: String
        @Option(parsing: .unconditional, help: "Fee per period, e.g. 40.00.") var fee: String
        @Option(help: "Length of one period in months.") var months: Int
        @Option(name: .customLong("max-loans"), help: "Maximum concurrent loans.") var maxLoans: Int
        @Option(name: .customLong("max-reservations"), help: "Maximum active reservations.") var maxReservations: Int

        func run() async throws {
            try await global.run { session in
                let fee = try Money(parsing: fee, field: "fee")
                let plan = try await session.coop.membership.addPlan(
                    Plan(name: name, fee: fee, months: months, maxLoans: maxLoans, maxReservations: maxReservations))
                if session.output.json { return try session.output.printJSON(plan) }
                session.output.say(session.output.text(.init(fr: "Formule « {name} » créée.", en: "Plan \"{name}\" created."), ["name": .text(plan.name)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans. / Lister les formules.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in
                let plans = try await session.coop.membership.plans()
                let out = session.output
                if out.json { return try out.printJSON(plans) }
                out.table(
                    [.init(fr: "Formule", en: "Plan"), .init(fr: "Cotisation", en: "Fee"), .init(fr: "Mois", en: "Months"),
                     .init(fr: "Prêts max", en: "Max loans"), .init(fr: "Réservations max", en: "Max reservations")],
                    plans.map { [$0.name, $0.fee.formatted(out.language), String($0.months), String($0.maxLoans), String($0.maxReservations)] })
            }
        }
    }
}
