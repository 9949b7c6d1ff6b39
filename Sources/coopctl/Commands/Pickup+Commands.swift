import ArgumentParser
import CoopCore
import Orders

/// `coopctl pickup add|list|activate|deactivate`: where members pick up their orders.
struct PickupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pickup", abstract: "Pickup points. / Points de cueillette.",
        subcommands: [Add.self, List.self, Activate.self, Deactivate.self])

    static func print(_ points: [PickupPoint], _ out: Output) throws {
        if out.json { return try out.printJSON(points) }
        out.table([.init(fr: "Point", en: "Point"), .init(fr: "Adresse", en: "Address"), .init(fr: "Horaire", en: "Schedule"),
                   .init(fr: "Actif", en: "Active")],
                  points.map { [$0.name, $0.address ?? "", $0.schedule ?? "",
                                ($0.active ? LocalizedText(fr: "oui", en: "yes") : LocalizedText(fr: "non", en: "no")).render(out.language)] })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a pickup point. / Ajouter un point de cueillette.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Name, unique without regard to case.") var name: String
        @Option var address: String?
        @Option(help: "The weekly schedule as people write it (\"jeudi 16 h – 19 h\").") var schedule: String?

        func run() async throws {
            try await global.run { session in
                let point = try await session.coop.orders.addPickupPoint(NewPickupPoint(name: name, address: address, schedule: schedule))
                if session.output.json { return try session.output.printJSON(point) }
                session.output.say(session.output.text(.init(fr: "Point de cueillette « {name} » ajouté.", en: "Pickup point \"{name}\" added."),
                                                       ["name": .text(point.name)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List pickup points. / Lister les points de cueillette.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only active points.") var active = false

        func run() async throws {
            try await global.run { session in
                try PickupCommand.print(try await session.coop.orders.pickupPoints(activeOnly: active), session.output)
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve a pickup point again. / Réactiver un point de cueillette.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run() async throws {
            try await global.run { session in
                try PickupCommand.print([try await session.coop.orders.setPickupPointActive(name, true)], session.output)
            }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop serving a pickup point; orders placed there keep it. / Désactiver un point de cueillette.")
        @OptionGroup var global: GlobalOptions
        @Argument var name: String

        func run() async throws {
            try await global.run { session in
                try PickupCommand.print([try await session.coop.orders.setPickupPointActive(name, false)], session.output)
            }
        }
    }
}
