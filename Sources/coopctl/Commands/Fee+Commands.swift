import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl fee list|waive`: lending fees. Payments and the whole account are `payment add` and
/// `account show`, shared with Orders.
struct FeeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee", abstract: "Lending fees. / Frais de prêt.", subcommands: [List.self, Waive.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Frais", en: "Fee"), .init(fr: "Membre", en: "Member"), .init(fr: "Type", en: "Kind"), .init(fr: "Montant", en: "Amount"),
        .init(fr: "Prêt", en: "Loan"), .init(fr: "Article", en: "Item"), .init(fr: "Statut", en: "Status"), .init(fr: "Description", en: "Description"),
    ]

    static func print(_ fees: [Fee], _ out: Output) throws {
        if out.json { return try out.printJSON(fees) }
        out.table(headers, fees.map {
            [String($0.id), $0.member, $0.kind.label.render(out.language), $0.amount.formatted(out.language),
             $0.loan.map(String.init) ?? "", $0.item ?? "", $0.status.label.render(out.language), $0.description(in: out.language)]
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A member's lending fees, oldest first. / Les frais d’un membre.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Member number, e.g. M-0001.") var member: String
        @Flag(name: .customLong("due-only"), help: "Leave out waived fees.") var dueOnly = false

        func run() async throws {
            try await global.run { session in
                let fees = try await session.coop.lending.fees(member: member, includeWaived: !dueOnly)
                try FeeCommand.print(fees, session.output)
            }
        }
    }

    struct Waive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Waive a fee with a reason (the fee stays on record). / Annuler des frais, avec un motif.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Fee id.") var id: String
        @Option(help: "Why it is waived.") var reason: String

        func run() async throws {
            try await global.run { session in
                let fee = try await session.coop.lending.waiveFee(try LendingInput.id(id, field: "fee"), reason: reason)
                let out = session.output
                if out.json { return try out.printJSON(fee) }
                out.say(out.text(.init(fr: "Frais {id} de {amount} annulés.", en: "Fee {id} of {amount} waived."),
                                 ["id": .integer(fee.id), "amount": .money(fee.amount)]))
            }
        }
    }
}
