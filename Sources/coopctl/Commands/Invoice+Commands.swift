import ArgumentParser
import CoopCore
import Orders

/// `coopctl invoice list|show|credit`: invoices and credit notes, numbered gapless within the year.
struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Invoices and credit notes. / Factures et notes de crédit.",
        subcommands: [List.self, Show.self, Credit.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices and credit notes by number. / Lister les factures.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this member's.") var member: String?
        @Option(help: "Only this cycle's.") var cycle: Int64?
        @Option(help: "Only invoices or credit notes: invoice or credit note (facture, note de crédit).") var kind: String?
        @Option(help: "Documents per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let wanted = try kind.map { try InvoiceKind(words: $0, field: "kind") }
                let page = try await session.coop.orders.invoices(member: member, cycle: cycle, kind: wanted,
                                                                  page: try PageRequest(limit: String(limit), cursor: cursor))
                let out = session.output
                try out.printPage(page) { out.table(OrdersOutput.invoiceHeaders, $0.map { OrdersOutput.invoiceRow($0, out) }) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an invoice or credit note. / Afficher une facture.",
            discussion: "Printed in the member's language (member update --language), as the member's document. / Dans la langue du membre.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its number, e.g. 2026-000001.") var number: String

        func run() async throws {
            try await global.run { session in
                let invoice = try await session.coop.orders.invoice(number)
                try OrdersOutput.printInvoice(invoice, try await OrdersOutput.memberOutput(invoice.member, session))
            }
        }
    }

    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a credit note against an invoice. / Émettre une note de crédit.",
            discussion: """
                Name the CODE=QTY lines to give back, or --all for everything not yet credited; the credit note is printed in the \
                member's language. / Nommez les lignes CODE=QTÉ, ou --all pour tout ; la note est dans la langue du membre.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice's number.") var number: String
        @Option(help: "Why (printed on the credit note).") var reason: String
        @Flag(help: "Credit everything not yet credited. / Tout créditer.") var all = false
        @Argument(help: "CODE=QTY to give back, e.g. POMMES=1.") var lines: [String] = []

        func run() async throws {
            try await global.run { session in
                let scope = try CreditScope(lines: try lines.map(CreditLineInput.init(parsing:)), all: all)
                let note = try await session.coop.orders.creditNote(invoice: number, reason: reason, scope)
                let out = session.output
                if !out.json {
                    out.say(out.text(.init(fr: "Note de crédit {number} émise sur la facture {invoice}.",
                                           en: "Credit note {number} issued on invoice {invoice}."),
                                     ["number": .text(note.number), "invoice": .text(note.creditedInvoice ?? number)]))
                }
                try OrdersOutput.printInvoice(note, try await OrdersOutput.memberOutput(note.member, session))
            }
        }
    }
}
