import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl policy set|list|show|remove`: loan policies by category subtree, the most specific winning.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Loan policies by category. / Politiques de prêt par catégorie.",
        subcommands: [SetPolicy.self, List.self, Show.self, Remove.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Catégorie", en: "Category"), .init(fr: "Jours", en: "Days"), .init(fr: "Renouv.", en: "Renewals"),
        .init(fr: "Auto-renouv.", en: "Self-renew"), .init(fr: "Frais/jour", en: "Fee/day"), .init(fr: "Grâce", en: "Grace"),
        .init(fr: "Plafond", en: "Cap"), .init(fr: "Tampon", en: "Buffer"), .init(fr: "Résa max", en: "Max booking"),
        .init(fr: "Avance max", en: "Max ahead"), .init(fr: "Attente gardée", en: "Hold kept"),
    ]

    static func row(_ p: LoanPolicy, _ out: Output) -> [String] {
        let yes = LocalizedText(fr: "oui", en: "yes").render(out.language), no = LocalizedText(fr: "non", en: "no").render(out.language)
        return [p.category ?? LocalizedText(fr: "(défaut)", en: "(default)").render(out.language), String(p.loanDays), String(p.maxRenewals),
                p.selfRenew ? yes : no, p.feePerDay.formatted(out.language), String(p.graceDays), p.feeCap.formatted(out.language),
                String(p.bufferDays), String(p.maxReservationDays), String(p.maxAdvanceDays), String(p.holdReadyDays)]
    }

    static func print(_ policies: [LoanPolicy], _ out: Output) throws {
        if out.json { return try out.printJSON(policies) }
        out.table(headers, policies.map { row($0, out) })
    }

    struct SetPolicy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set the policy of a category subtree, or the default. / Fixer la politique d’une catégorie, ou celle par défaut.",
            discussion: "Optional terms left out keep the category's current value, or inherit the policy that applied to it so far.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Category path (Outils/Perceuses); without it, the default policy.") var category: String?
        @Option(name: .customLong("loan-days"), help: "Days from the loan to its due date.") var loanDays: Int
        @Option(help: "Renewals allowed per loan.") var renewals: Int
        @Flag(name: .customLong("self-renew"), help: "Members may renew their own loans.") var selfRenew = false
        @Option(name: .customLong("fee-per-day"), parsing: .unconditional, help: "Late fee per day, e.g. 1.00.") var feePerDay: String
        @Option(name: .customLong("grace-days"), help: "Days late that cost nothing.") var graceDays: Int
        @Option(name: .customLong("fee-cap"), parsing: .unconditional, help: "Most a loan's late fee can reach, e.g. 20.00.") var feeCap: String
        @Option(name: .customLong("buffer-days"), help: "Days added between a booking's last day (the unit is out that day) and the next one's first; 0: the day after.") var bufferDays: Int?
        @Option(name: .customLong("max-reservation-days"), help: "Longest reservation in days.") var maxReservationDays: Int?
        @Option(name: .customLong("max-advance-days"), help: "How far ahead a reservation may start, in days.") var maxAdvanceDays: Int?
        @Option(name: .customLong("hold-ready-days"), help: "Days a returned unit is kept for the first in line.") var holdReadyDays: Int?

        func run() async throws {
            try await global.run { session in
                let input = LoanPolicyInput(
                    category: category, loanDays: loanDays, maxRenewals: renewals, selfRenew: selfRenew,
                    feePerDay: try Money(parsing: feePerDay, field: "feePerDay"), graceDays: graceDays,
                    feeCap: try Money(parsing: feeCap, field: "feeCap"), maxReservationDays: maxReservationDays,
                    maxAdvanceDays: maxAdvanceDays, bufferDays: bufferDays, holdReadyDays: holdReadyDays)
                let policy = try await session.coop.lending.setPolicy(input)
                if session.output.json { return try session.output.printJSON(policy) }
                try PolicyCommand.print([policy], session.output)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every policy, the default first. / Toutes les politiques.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in try PolicyCommand.print(try await session.coop.lending.policies(), session.output) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The policy that applies to an item or a category. / La politique qui s’applique à un article ou une catégorie.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "An item code.") var item: String?
        @Option(help: "A category path.") var category: String?

        func validate() throws {
            if item != nil && category != nil {
                throw UsageError.invalid(.init(fr: "Donnez --item ou --category, pas les deux.", en: "Give --item or --category, not both."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let policy = if let item {
                    try await session.coop.lending.policy(forItem: item)
                } else {
                    try await session.coop.lending.policy(forCategory: category)
                }
                if session.output.json { return try session.output.printJSON(policy) }
                try PolicyCommand.print([policy], session.output)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a category's policy (its items fall back to the next one up). / Supprimer une politique.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Category path.") var category: String?
        @Flag(name: .customLong("default"), help: "Remove the stored default (the built-in one applies again).") var removeDefault = false

        func validate() throws {
            guard (category == nil) == removeDefault else {
                throw UsageError.invalid(.init(fr: "Donnez --category CHEMIN ou --default.", en: "Give --category PATH or --default."))
            }
        }

        func run() async throws {
            try await global.run { session in
                try PolicyCommand.print(try await session.coop.lending.removePolicy(category: category), session.output)
            }
        }
    }
}
