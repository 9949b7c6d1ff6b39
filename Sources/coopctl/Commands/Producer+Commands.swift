import ArgumentParser
import CoopCore
import Orders

/// `coopctl producer add|list`: the producers whose products the co-op sells.
struct ProducerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "producer", abstract: "Producers. / Producteurs.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a producer. / Ajouter un producteur.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Name, unique without regard to case.") var name: String
        @Option(help: "The producer's member number, when the producer is a member.") var member: String?
        @Option(help: "A person, a phone number, an email address.") var contact: String?

        func run() async throws {
            try await global.run { session in
                let producer = try await session.coop.orders.addProducer(NewProducer(name: name, contact: contact, member: member))
                if session.output.json { return try session.output.printJSON(producer) }
                session.output.say(session.output.text(.init(fr: "Producteur « {name} » ajouté.", en: "Producer \"{name}\" added."),
                                                       ["name": .text(producer.name)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List producers. / Lister les producteurs.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in
                let producers = try await session.coop.orders.producers()
                let out = session.output
                if out.json { return try out.printJSON(producers) }
                out.table([.init(fr: "Producteur", en: "Producer"), .init(fr: "Membre", en: "Member"), .init(fr: "Contact", en: "Contact")],
                          producers.map { [$0.name, $0.member ?? "", $0.contact ?? ""] })
            }
        }
    }
}
