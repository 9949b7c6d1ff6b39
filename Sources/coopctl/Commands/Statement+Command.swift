import ArgumentParser
import CoopCore
import Membership
import Orders

/// `coopctl statement --member NUMBER --month YYYY-MM`: a member's monthly statement.
struct StatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement", abstract: "A member's monthly statement. / Relevé mensuel d’un membre.",
        discussion: "Printed in the member's language (member update --language), as the member's document. / Dans la langue du membre.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Member number, e.g. M-0001.") var member: String
    @Option(help: "The month, YYYY-MM.") var month: String

    func run() async throws {
        try await global.run { session in
            let statement = try await session.coop.orders.statement(member: member, month: try YearMonth(parsing: month, field: "month"))
            // The member's document, in the member's language.
            let out = Output(language: statement.language, json: session.output.json)
            if out.json { return try out.printJSON(statement) }
            out.say(out.text(.init(fr: "Relevé de {member} — {month} (du {from} au {to})", en: "Statement of {member} — {month} ({from} to {to})"),
                             ["member": .text(statement.member), "month": .text(statement.month.description),
                              "from": .text(statement.from.iso8601), "to": .text(statement.to.iso8601)]))
            out.say(out.text(.init(fr: "Solde d’ouverture : {balance}", en: "Opening balance: {balance}"), ["balance": .money(statement.openingBalance)]))
            out.table([.init(fr: "Date", en: "Date"), .init(fr: "Type", en: "Kind"), .init(fr: "Description", en: "Description"),
                       .init(fr: "Référence", en: "Reference"), .init(fr: "Montant", en: "Amount"), .init(fr: "Solde", en: "Balance")],
                      statement.entries.map { [$0.date.iso8601, AccountEntry.kindLabel($0.kind).render(out.language), $0.description, $0.reference ?? "",
                                               $0.amount.formatted(out.language), $0.balance.formatted(out.language)] })
            out.say(out.text(.init(fr: "Factures {invoices}   Notes de crédit {credits}   Paiements {payments}   Autres {other}",
                                   en: "Invoices {invoices}   Credit notes {credits}   Payments {payments}   Other {other}"),
                             ["invoices": .money(statement.invoices), "credits": .money(statement.creditNotes),
                              "payments": .money(statement.payments), "other": .money(statement.other)]))
            out.say(out.text(.init(fr: "Solde de clôture : {balance}", en: "Closing balance: {balance}"), ["balance": .money(statement.closingBalance)]))
        }
    }
}
