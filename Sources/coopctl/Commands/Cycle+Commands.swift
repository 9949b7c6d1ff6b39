import ArgumentParser
import CoopCore
import Foundation
import Orders

/// `coopctl cycle create|open|close|deliver|show|list`: order cycles.
struct CycleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycle", abstract: "Order cycles. / Cycles de commande.",
        subcommands: [Create.self, Open.self, Close.self, Deliver.self, Show.self, List.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Cycle", en: "Cycle"), .init(fr: "Nom", en: "Name"), .init(fr: "État", en: "State"),
        .init(fr: "Ouverture", en: "Opens"), .init(fr: "Fermeture", en: "Closes"), .init(fr: "Cueillette", en: "Pickup date"),
        .init(fr: "Commandes", en: "Orders"),
    ]

    static func row(_ c: Cycle, _ out: Output, timeZone: TimeZone) -> [String] {
        [String(c.id), c.name, c.state.label.render(out.language), c.opens.localText(in: timeZone),
         c.closes.localText(in: timeZone), c.pickupDate.iso8601, String(c.orderCount)]
    }

    /// One cycle: the JSON object, or its row with what it offers and serves.
    static func show(_ cycle: Cycle, _ out: Output, timeZone: TimeZone) throws {
        if out.json { return try out.printJSON(cycle) }
        out.table(headers, [row(cycle, out, timeZone: timeZone)])
        let all = LocalizedText(fr: "tous les actifs", en: "every active one").render(out.language)
        out.say(out.text(.init(fr: "Produits : {products}", en: "Products: {products}"),
                         ["products": .text(cycle.products?.joined(separator: ", ") ?? all)]))
        out.say(out.text(.init(fr: "Points de cueillette : {points}", en: "Pickup points: {points}"),
                         ["points": .text(cycle.pickupPoints?.joined(separator: ", ") ?? all)]))
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a planned cycle. / Créer un cycle de commande.",
            discussion: "Instants without an offset are read in the co-op's time zone (COOP_TZ). Without --pickup or --product the cycle serves every active pickup point and offers every active product.")
        @OptionGroup var global: GlobalOptions
        @Option var name: String
        @Option(help: "When ordering opens (ISO 8601, e.g. 2026-03-02T09:00).") var opens: String
        @Option(help: "When ordering closes (ISO 8601).") var closes: String
        @Option(name: .customLong("pickup-date"), help: "The pickup day (YYYY-MM-DD).") var pickupDate: String
        @Option(help: "A pickup point served; repeat for more.") var pickup: [String] = []
        @Option(help: "A product code offered; repeat for more.") var product: [String] = []

        func run() async throws {
            try await global.run { session in
                let zone = session.configuration.timeZone
                let input = NewCycle(
                    name: name, opens: try OrdersOutput.instant(opens, field: "opens", timeZone: zone),
                    closes: try OrdersOutput.instant(closes, field: "closes", timeZone: zone),
                    pickupDate: try OrdersOutput.date(pickupDate, field: "pickup-date"), pickupPoints: pickup, products: product)
                let cycle = try await session.coop.orders.createCycle(input)
                if session.output.json { return try session.output.printJSON(cycle) }
                session.output.say(session.output.text(.init(fr: "Cycle {id} « {name} » créé.", en: "Cycle {id} \"{name}\" created."),
                                                       ["id": .integer(cycle.id), "name": .text(cycle.name)]))
            }
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a planned cycle to orders. / Ouvrir un cycle.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                let cycle = try await session.coop.orders.openCycle(id)
                if session.output.json { return try session.output.printJSON(cycle) }
                session.output.say(session.output.text(.init(fr: "Cycle {id} ouvert ; il ferme {closes}.", en: "Cycle {id} open; it closes {closes}."),
                                                       ["id": .integer(cycle.id), "closes": session.at(cycle.closes)]))
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a cycle: confirm orders, make purchase orders and invoices. / Fermer un cycle.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        @Flag(name: .customLong("now"),
              help: "Close before the closing time (invoices are issued at once). / Fermer avant l’heure de fermeture.")
        var early = false

        func run() async throws {
            try await global.run { session in
                let closing = try await session.coop.orders.closeCycle(id, early: early)
                let out = session.output
                if out.json { return try out.printJSON(closing) }
                out.say(out.text(.init(fr: "Cycle {id} fermé : {confirmed}, {cancelled}, {purchaseOrders}.",
                                       en: "Cycle {id} closed: {confirmed}, {cancelled}, {purchaseOrders}."),
                                 ["id": .integer(closing.cycle.id),
                                  "confirmed": .count(.integer(Int64(closing.confirmedOrders)),
                                                      Plural(fr: "commande confirmée", "commandes confirmées", en: "order confirmed", "orders confirmed")),
                                  "cancelled": .count(.integer(Int64(closing.cancelledEmptyOrders)),
                                                      Plural(fr: "vide annulée", "vides annulées", en: "empty one cancelled", "empty ones cancelled")),
                                  "purchaseOrders": .count(.integer(Int64(closing.purchaseOrders)),
                                                           Plural(fr: "bon de commande", "bons de commande", en: "purchase order", "purchase orders"))]))
                if let first = closing.invoices.first, let last = closing.invoices.last {
                    out.say(out.text(.init(fr: "{count}, {first} à {last}, total {total}.",
                                           en: "{count}, {first} to {last}, total {total}."),
                                     ["count": .count(.integer(Int64(closing.invoices.count)), .invoices), "first": .text(first), "last": .text(last),
                                      "total": .money(closing.invoicedTotal)]))
                }
            }
        }
    }

    struct Deliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a closed cycle delivered. / Marquer un cycle livré.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                try CycleCommand.show(try await session.coop.orders.markDelivered(id), session.output, timeZone: session.configuration.timeZone)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a cycle. / Afficher un cycle.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                try CycleCommand.show(try await session.coop.orders.cycle(id), session.output, timeZone: session.configuration.timeZone)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cycles, newest first. / Lister les cycles.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only cycles in this state: planned, open, closed or delivered (planifié, ouvert, fermé, livré).") var state: String?
        @Option(help: "Cycles per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let wanted = try state.map { try CycleState(words: $0, field: "state") }
                let page = try await session.coop.orders.cycles(state: wanted, page: try PageRequest(limit: String(limit), cursor: cursor))
                let out = session.output
                try out.printPage(page) { cycles in
                    out.table(CycleCommand.headers, cycles.map { CycleCommand.row($0, out, timeZone: session.configuration.timeZone) })
                }
            }
        }
    }
}
