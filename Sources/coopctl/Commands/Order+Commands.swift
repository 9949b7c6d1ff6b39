import ArgumentParser
import CoopCore
import Orders

/// `coopctl order set|show|list|cancel|pickup`: members' orders.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Members' orders. / Commandes des membres.",
        subcommands: [SetLines.self, Show.self, List.self, Cancel.self, Pickup.self])

    struct SetLines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Create or change a member's order: each CODE=QTY sets a quantity, 0 removes the line. / Commander.",
            discussion: "Lines not named stay as they are. Quantities are in the product's sale unit (2, or 1.5 for kg).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The cycle's id.") var cycle: Int64
        @Option(help: "Member number, e.g. M-0001.") var member: String
        @Option(help: "Pickup point name (needed for a new order).") var pickup: String?
        @Argument(help: "CODE=QTY, e.g. POMMES=2 FROMAGE=0.5 OEUFS=0.") var lines: [String] = []

        func run() async throws {
            try await global.run { session in
                let update = try await session.coop.orders.setOrder(
                    cycle: cycle, member: member, pickup: pickup, lines: try lines.map(OrderLineInput.init(parsing:)),
                    replace: false)
                let out = session.output
                if !out.json {
                    out.say(out.text(update.created ? .init(fr: "Commande {id} créée.", en: "Order {id} created.")
                                                    : .init(fr: "Commande {id} modifiée.", en: "Order {id} changed."),
                                     ["id": .integer(update.order.id)]))
                }
                try OrdersOutput.printOrder(update.order, out)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an order with its lines and totals. / Afficher une commande.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                try OrdersOutput.printOrder(try await session.coop.orders.order(id), session.output)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List orders. / Lister les commandes.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this cycle's orders.") var cycle: Int64?
        @Option(help: "Only this member's orders.") var member: String?
        @Option(help: "Only orders with this status: open, confirmed, picked up or cancelled (ouverte, confirmée, cueillie, annulée).")
        var status: String?
        @Option(help: "Orders per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let wanted = try status.map { try OrderStatus(words: $0, field: "status") }
                let page = try await session.coop.orders.orders(cycle: cycle, member: member, status: wanted,
                                                                page: try PageRequest(limit: String(limit), cursor: cursor))
                let out = session.output
                try out.printPage(page) { out.table(OrdersOutput.orderHeaders, $0.map { OrdersOutput.orderRow($0, out) }) }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an order and release its stock; a confirmed order's invoice is credited. / Annuler une commande.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                let order = try await session.coop.orders.cancelOrder(id)
                if session.output.json { return try session.output.printJSON(order) }
                session.output.say(session.output.text(.init(fr: "Commande {id} annulée.", en: "Order {id} cancelled."), ["id": .integer(order.id)]))
            }
        }
    }

    struct Pickup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand a confirmed order to its member. / Remettre une commande.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64

        func run() async throws {
            try await global.run { session in
                let order = try await session.coop.orders.pickUpOrder(id)
                if session.output.json { return try session.output.printJSON(order) }
                session.output.say(session.output.text(.init(fr: "Commande {id} remise à {member}.", en: "Order {id} handed to {member}."),
                                                       ["id": .integer(order.id), "member": .text(order.member)]))
            }
        }
    }
}
