import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl hold CODE --member NUMBER` puts a member on an item's waitlist; `hold list|cancel|move`
/// manage it. `place` is the default subcommand, so a first word that is not a subcommand name is the
/// item code (`coopctl hold place list --member …` for an item whose code is `list`).
struct HoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Waitlists. / Listes d’attente.",
        subcommands: [Place.self, List.self, Cancel.self, Move.self], defaultSubcommand: Place.self)

    static let headers: [LocalizedText] = [
        .init(fr: "Attente", en: "Hold"), .init(fr: "Article", en: "Item"), .init(fr: "Membre", en: "Member"),
        .init(fr: "Rang", en: "Position"), .init(fr: "Statut", en: "Status"), .init(fr: "Gardé jusqu’au", en: "Kept until"),
        .init(fr: "Depuis", en: "Since"),
    ]

    static func row(_ hold: Hold, _ out: Output, timeZone: TimeZone) -> [String] {
        [String(hold.id), hold.item, hold.member, hold.position.map(String.init) ?? "", hold.status.label.render(out.language),
         hold.readyUntil?.iso8601 ?? "", hold.createdAt.localText(in: timeZone)]
    }

    static func print(_ holds: [Hold], _ session: Session) throws {
        if session.output.json { return try session.output.printJSON(holds) }
        session.output.table(headers, holds.map { row($0, session.output, timeZone: session.configuration.timeZone) })
    }

    struct Place: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a member on an item's waitlist (no unit free now). / Inscrire un membre en liste d’attente.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Item code or barcode.") var code: String
        @Option(help: "Member number, e.g. M-0001.") var member: String

        func run() async throws {
            try await global.run { session in
                let hold = try await session.coop.lending.placeHold(item: code, member: member)
                if session.output.json { return try session.output.printJSON(hold) }
                session.output.say(session.output.text(
                    .init(fr: "Attente {id} : {member} est n° {position} pour {code}.", en: "Hold {id}: {member} is number {position} for {code}."),
                    ["id": .integer(hold.id), "member": .text(hold.member), "position": .integer(Int64(hold.position ?? 0)),
                     "code": .text(hold.item)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An item's waitlist in order, or a member's holds. / La liste d’attente d’un article, ou les attentes d’un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Item code or barcode.") var code: String?
        @Option(help: "A member's holds instead of an item's waitlist.") var member: String?
        @Flag(help: "Also list fulfilled, expired and cancelled holds.") var all = false

        func validate() throws {
            guard (code == nil) != (member == nil) else {
                throw UsageError.invalid(.init(fr: "Donnez un code d’article ou --member, pas les deux.", en: "Give an item code or --member, not both."))
            }
        }

        func run() async throws {
            try await global.run { session in
                if let member {
                    try HoldCommand.print(try await session.coop.lending.holds(member: member, includeClosed: all), session)
                } else if let code {
                    try HoldCommand.print(try await session.coop.lending.holds(item: code, includeClosed: all), session)
                }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a member off a waitlist. / Retirer une attente.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Hold id.") var id: String

        func run() async throws {
            try await global.run { session in
                let hold = try await session.coop.lending.cancelHold(try LendingInput.id(id, field: "hold"))
                if session.output.json { return try session.output.printJSON(hold) }
                session.output.say(session.output.text(.init(fr: "Attente {id} annulée.", en: "Hold {id} cancelled."), ["id": .integer(hold.id)]))
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a waiting hold to another place in line (1 is next). / Déplacer une attente dans la file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Hold id.") var id: String
        @Option(help: "New position, 1 for next in line; past the end means last.") var to: Int

        func run() async throws {
            try await global.run { session in
                let queue = try await session.coop.lending.moveHold(try LendingInput.id(id, field: "hold"), to: to)
                try HoldCommand.print(queue, session)
            }
        }
    }
}
