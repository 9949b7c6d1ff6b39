import ArgumentParser
import CoopCore
import Foundation
import Orders

/// `coopctl purchase-order list|export`: one purchase order per producer, made when a cycle closes.
struct PurchaseOrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purchase-order", abstract: "Purchase orders to producers. / Bons de commande aux producteurs.",
        subcommands: [List.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A cycle's purchase orders, by producer. / Bons de commande d’un cycle.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The cycle's id.") var cycle: Int64

        func run() async throws {
            try await global.run { session in
                let orders = try await session.coop.orders.purchaseOrders(cycle: cycle)
                let out = session.output
                if out.json { return try out.printJSON(orders) }
                var rows: [[String]] = []
                for order in orders {
                    for (i, line) in order.lines.enumerated() {
                        rows.append([i == 0 ? order.producer : "", line.product, line.name,
                                     OrdersOutput.quantity(line.quantity, line.unit, out), String(line.orders), line.amount.formatted(out.language)])
                    }
                    rows.append(["", "", LocalizedText(fr: "Total", en: "Total").render(out.language), "", "", order.total.formatted(out.language)])
                }
                out.table([.init(fr: "Producteur", en: "Producer"), .init(fr: "Produit", en: "Product"), .init(fr: "Nom", en: "Name"),
                           .init(fr: "Qté", en: "Qty"), .init(fr: "Commandes", en: "Orders"), .init(fr: "Montant", en: "Amount")], rows)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One producer's purchase order as CSV. / Exporter un bon de commande en CSV.",
            discussion: "Columns: code,name,unit,quantity,orders,amount (plain decimals).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The cycle's id.") var cycle: Int64
        @Option(help: "The producer's name.") var producer: String
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await global.run { session in
                let csv = try await session.coop.orders.purchaseOrderCSV(cycle: cycle, producer: producer)
                if let output {
                    try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(Data(csv.utf8))
                }
            }
        }
    }
}
