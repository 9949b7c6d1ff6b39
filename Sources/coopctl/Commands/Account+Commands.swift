import ArgumentParser
import CoopCore
import Membership

/// `coopctl account show NUMBER`: a member's account — fees, invoices, credit notes, payments — and
/// the balance they derive.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Member accounts. / Comptes des membres.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every entry of a member's account and the balance. / Afficher un compte.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member number, e.g. M-0001.") var number: String

        func run() async throws {
            try await global.run { session in
                let account = try await session.coop.membership.account(number)
                let out = session.output
                if out.json { return try out.printJSON(account) }
                let zone = session.configuration.timeZone
                out.table([.init(fr: "N°", en: "No."), .init(fr: "Quand", en: "When"), .init(fr: "Type", en: "Kind"), .init(fr: "Description", en: "Description"),
                           .init(fr: "Référence", en: "Reference"), .init(fr: "Mode", en: "Method"), .init(fr: "Montant", en: "Amount")],
                          account.entries.map { [String($0.id), $0.at.localText(in: zone), $0.kindLabel.render(out.language), $0.description(in: out.language), Self.reference($0, out),
                                                 $0.method?.label.render(out.language) ?? "", $0.amount.formatted(out.language)] })
                out.say(out.text(.init(fr: "Solde de {member} : {balance} (positif : dû par le membre).",
                                       en: "Balance of {member}: {balance} (positive: owed by the member)."),
                                 ["member": .text(account.member), "balance": .money(account.balance)]))
            }
        }

        /// The entry's reference, and for a void or a voided payment the entry on the other side.
        static func reference(_ entry: AccountEntry, _ out: Output) -> String {
            if let voided = entry.voids {
                return out.text(.init(fr: "annule n° {id}", en: "voids no. {id}"), ["id": .text(String(voided))])
            }
            if let void = entry.voidedBy {
                return out.text(.init(fr: "annulé par n° {id}", en: "voided by no. {id}"), ["id": .text(String(void))])
            }
            return entry.reference ?? ""
        }
    }
}
