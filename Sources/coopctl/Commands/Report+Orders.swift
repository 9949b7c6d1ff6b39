import ArgumentParser
import CoopCore
import Foundation
import Orders

/// Orders' reports: `report packing|picking|sales|taxes`.
extension ReportCommand {
    static let orders: [any ParsableCommand.Type] = [Packing.self, Picking.self, Sales.self, Taxes.self]

    struct Packing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "packing", abstract: "Packing list: each member's basket, by pickup point. / Liste d’emballage.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The cycle's id.") var cycle: Int64
        @Option(help: "Only this pickup point.") var pickup: String?

        func run() async throws {
            try await global.run { session in
                let slips = try await session.coop.orders.packingList(cycle: cycle, pickup: pickup)
                let out = session.output
                if out.json { return try out.printJSON(slips) }
                var rows: [[String]] = []
                for slip in slips {
                    for (i, line) in slip.lines.enumerated() {
                        rows.append(i == 0 ? [slip.pickup, slip.member, slip.memberName, String(slip.order)] : ["", "", "", ""])
                        rows[rows.count - 1] += [line.product, line.name, OrdersOutput.quantity(line.quantity, line.unit, out)]
                    }
                }
                out.table([.init(fr: "Point", en: "Point"), .init(fr: "Membre", en: "Member"), .init(fr: "Nom", en: "Name"),
                           .init(fr: "Commande", en: "Order"), .init(fr: "Produit", en: "Product"), .init(fr: "Article", en: "Item"),
                           .init(fr: "Qté", en: "Qty")], rows)
            }
        }
    }

    struct Picking: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "picking", abstract: "Picking list: each product's total and split by pickup point. / Liste de cueillette.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The cycle's id.") var cycle: Int64

        func run() async throws {
            try await global.run { session in
                let rows = try await session.coop.orders.pickingList(cycle: cycle)
                let out = session.output
                if out.json { return try out.printJSON(rows) }
                out.table([.init(fr: "Produit", en: "Product"), .init(fr: "Nom", en: "Name"), .init(fr: "Producteur", en: "Producer"),
                           .init(fr: "Qté", en: "Qty"), .init(fr: "Commandes", en: "Orders"), .init(fr: "Par point", en: "By point")],
                          rows.map { row in
                              [row.product, row.name, row.producer, OrdersOutput.quantity(row.quantity, row.unit, out), String(row.orders),
                               row.pickups.map { "\($0.pickup) \($0.quantity.formatted(out.language))" }.joined(separator: ", ")]
                          })
            }
        }
    }

    struct Sales: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sales", abstract: "Sales by producer, before taxes, for a cycle or a month. / Ventes par producteur.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A cycle's id.") var cycle: Int64?
        @Option(help: "A month, YYYY-MM.") var month: String?

        func validate() throws {
            guard (cycle != nil) != (month != nil) else {
                throw UsageError.invalid(.init(fr: "Indiquez --cycle ID ou --month AAAA-MM.", en: "Give either --cycle ID or --month YYYY-MM."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let period: SalesPeriod = if let cycle { .cycle(cycle) } else { .month(try YearMonth(parsing: month ?? "", field: "month")) }
                let report = try await session.coop.orders.salesByProducer(period)
                let out = session.output
                if out.json { return try out.printJSON(report) }
                out.say(out.text(.init(fr: "Ventes par producteur — {period}", en: "Sales by producer — {period}"), ["period": .text(report.period)]))
                out.table([.init(fr: "Producteur", en: "Producer"), .init(fr: "Facturé", en: "Invoiced"), .init(fr: "Crédité", en: "Credited"),
                           .init(fr: "Net", en: "Net")],
                          report.rows.map { [$0.producer, $0.invoiced.formatted(out.language), $0.credited.formatted(out.language),
                                             $0.net.formatted(out.language)] }
                          + [[LocalizedText(fr: "Total", en: "Total").render(out.language), report.invoiced.formatted(out.language),
                              report.credited.formatted(out.language), report.net.formatted(out.language)]])
            }
        }
    }

    struct Taxes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "taxes", abstract: "GST and QST collected between two dates (both included). / Taxes perçues.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD.") var to: String

        func run() async throws {
            try await global.run { session in
                let report = try await session.coop.orders.taxReport(from: try OrdersOutput.date(from, field: "from"),
                                                                     to: try OrdersOutput.date(to, field: "to"))
                let out = session.output
                if out.json { return try out.printJSON(report) }
                out.say(out.text(.init(fr: "Taxes du {from} au {to} : {invoices}, {credits}",
                                       en: "Taxes from {from} to {to}: {invoices}, {credits}"),
                                 ["from": .text(report.from.iso8601), "to": .text(report.to.iso8601),
                                  "invoices": .count(.integer(Int64(report.invoiceCount)), .invoices),
                                  "credits": .count(.integer(Int64(report.creditNoteCount)),
                                                    Plural(fr: "note de crédit", "notes de crédit", en: "credit note", "credit notes"))]))
                out.table([.init(fr: "Taxe", en: "Tax"), .init(fr: "Base", en: "Base"), .init(fr: "Perçue", en: "Collected"),
                           .init(fr: "Remboursée", en: "Refunded"), .init(fr: "Nette", en: "Net")],
                          report.rows.map { [$0.tax.label.render(out.language), $0.base.formatted(out.language),
                                             $0.collected.formatted(out.language), $0.refunded.formatted(out.language),
                                             $0.net.formatted(out.language)] })
            }
        }
    }
}
