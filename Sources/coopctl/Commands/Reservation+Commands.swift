import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl reserve CODE …`: books units of an item for a date range.
struct ReserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reserve", abstract: "Book an item for a date range. / Réserver un article pour une période.",
        discussion: "Picked up on --from, due back on --to (both included). See also `coopctl reservation`.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Item code or barcode.") var code: String
    @Option(help: "Member number, e.g. M-0001.") var member: String
    @Option(help: "First day, YYYY-MM-DD (the pickup day).") var from: String
    @Option(help: "Last day, YYYY-MM-DD (the return day).") var to: String
    @Option(help: "Units of the item (default 1).") var units: Int = 1

    func run() async throws {
        try await global.run { session in
            let reservation = try await session.coop.lending.reserve(
                item: code, member: member, units: units, from: try LendingInput.date(from, field: "from"),
                to: try LendingInput.date(to, field: "to"))
            if session.output.json { return try session.output.printJSON(reservation) }
            session.output.say(session.output.text(
                .init(fr: "Réservation {id} : {code} ×{units} pour {member}, du {from} au {to}.",
                      en: "Reservation {id}: {code} ×{units} for {member}, {from} to {to}."),
                ["id": .integer(reservation.id), "code": .text(reservation.item), "units": .integer(Int64(reservation.units)),
                 "member": .text(reservation.member), "from": .text(reservation.from.iso8601), "to": .text(reservation.to.iso8601)]))
        }
    }
}

/// `coopctl reservation list|show|cancel|pickup|availability`.
struct ReservationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reservation", abstract: "Reservations. / Réservations.",
        subcommands: [List.self, Show.self, Cancel.self, Pickup.self, Availability.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Réservation", en: "Reservation"), .init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"),
        .init(fr: "Membre", en: "Member"), .init(fr: "Unités", en: "Units"), .init(fr: "Du", en: "From"), .init(fr: "Au", en: "To"),
        .init(fr: "Statut", en: "Status"), .init(fr: "Prêt", en: "Loan"),
    ]

    static func row(_ r: Reservation, _ out: Output) -> [String] {
        [String(r.id), r.item, r.itemName, r.member, String(r.units), r.from.iso8601, r.to.iso8601,
         r.status.label.render(out.language), r.loan.map(String.init) ?? ""]
    }

    static func show(_ reservation: Reservation, _ out: Output) throws {
        if out.json { return try out.printJSON(reservation) }
        out.table(headers, [row(reservation, out)])
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reservations by id. / Lister les réservations.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this member's reservations.") var member: String?
        @Option(help: "Only reservations of this item code.") var item: String?
        @Option(help: "Only booked, collected, cancelled or expired ones (réservée, retirée, annulée, expirée).") var status: String?
        @Option(help: "Only those starting on or after this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Only those starting on or before this day (YYYY-MM-DD).") var to: String?
        @Option(help: "Reservations per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let filter = ReservationFilter(
                    member: member, item: item, status: try status.map { try ReservationStatus(words: $0, field: "status") },
                    from: try from.map { try LendingInput.date($0, field: "from") }, to: try to.map { try LendingInput.date($0, field: "to") })
                let page = try await session.coop.lending.reservations(
                    filter, page: try PageRequest(limit: String(limit), cursor: cursor))
                let out = session.output
                try out.printPage(page) { out.table(ReservationCommand.headers, $0.map { ReservationCommand.row($0, out) }) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a reservation. / Afficher une réservation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Reservation id.") var id: String

        func run() async throws {
            try await global.run { session in
                let reservation = try await session.coop.lending.reservation(try LendingInput.id(id, field: "reservation"))
                try ReservationCommand.show(reservation, session.output)
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booked reservation. / Annuler une réservation.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Reservation id.") var id: String

        func run() async throws {
            try await global.run { session in
                let reservation = try await session.coop.lending.cancelReservation(
                    try LendingInput.id(id, field: "reservation"))
                if session.output.json { return try session.output.printJSON(reservation) }
                session.output.say(session.output.text(.init(fr: "Réservation {id} annulée.", en: "Reservation {id} cancelled."),
                                                       ["id": .integer(reservation.id)]))
            }
        }
    }

    struct Pickup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a reservation over: it becomes a loan due on its last day. / Remettre une réservation (elle devient un prêt).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Reservation id.") var id: String
        @Option(help: "When it was picked up, ISO 8601; default now.") var at: String?

        func run() async throws {
            try await global.run { session in
                let loan = try await session.coop.lending.pickUp(
                    reservation: try LendingInput.id(id, field: "reservation"), at: try LoanCommand.instant(at, session))
                if session.output.json { return try session.output.printJSON(loan) }
                session.output.say(session.output.text(
                    .init(fr: "Réservation {reservation} remise : prêt {id}, à rendre le {due}.",
                          en: "Reservation {reservation} picked up: loan {id}, due {due}."),
                    ["reservation": .text(id), "id": .integer(loan.id), "due": .text(loan.due.iso8601)]))
                LoanCommand.sayDueMove(loan, session.output)
            }
        }
    }

    struct Availability: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "An item's free units day by day over a range. / Unités libres d’un article, jour par jour.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Item code or barcode.") var code: String
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD.") var to: String

        func run() async throws {
            try await global.run { session in
                let availability = try await session.coop.lending.availability(
                    item: code, from: try LendingInput.date(from, field: "from"), to: try LendingInput.date(to, field: "to"))
                let out = session.output
                if out.json { return try out.printJSON(availability) }
                out.table([.init(fr: "Du", en: "From"), .init(fr: "Au", en: "To"), .init(fr: "Libres", en: "Free")],
                          availability.periods.map { [$0.from.iso8601, $0.to.iso8601, String($0.free)] })
                out.say(out.text(.init(fr: "{code} : {free} sur {quantity}, sur toute la période.",
                                       en: "{code}: {free} of {quantity}, over the whole range."),
                                 ["code": .text(availability.item),
                                  "free": .count(.integer(Int64(availability.free)), Plural(fr: "unité libre", "unités libres",
                                                                                    en: "unit free", "units free")),
                                  "quantity": .integer(Int64(availability.quantity))]))
            }
        }
    }
}
