import ArgumentParser
import CoopCore
import Foundation
import Lending

/// `coopctl loan …`: the lending desk (check-out, check-in, renewals, lists, lost and damaged items).
struct LoanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loan", abstract: "Loans at the desk. / Prêts au comptoir.",
        subcommands: [Out.self, In.self, Renew.self, List.self, Show.self, Lost.self, Damage.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Prêt", en: "Loan"), .init(fr: "Article", en: "Item"), .init(fr: "Nom", en: "Name"), .init(fr: "Membre", en: "Member"),
        .init(fr: "Unités", en: "Units"), .init(fr: "Sorti", en: "Out"), .init(fr: "Échéance", en: "Due"),
        .init(fr: "Statut", en: "Status"), .init(fr: "Frais", en: "Fee"),
    ]

    static func row(_ loan: Loan, _ out: Output, timeZone: TimeZone) -> [String] {
        [String(loan.id), loan.item, loan.itemName, loan.member, String(loan.units), loan.outAt.localText(in: timeZone),
         loan.due.iso8601, loan.status.label.render(out.language), loan.fee.formatted(out.language)]
    }

    /// Prints one loan: its JSON object, or a one-row table for people.
    static func show(_ loan: Loan, _ session: Session) throws {
        let out = session.output
        if out.json { return try out.printJSON(loan) }
        out.table(headers, [row(loan, out, timeZone: session.configuration.timeZone)])
        if let returnedAt = loan.returnedAt {
            out.say(out.text(.init(fr: "Rendu {at}, {days} de retard.", en: "Returned {at}, {days} late."),
                             ["at": session.at(returnedAt), "days": .count(.integer(Int64(loan.daysLate)), .days)]))
        }
        if let condition = loan.condition { out.say(out.text(.init(fr: "État : {note}", en: "Condition: {note}"), ["note": .text(condition)])) }
        if let maintenance = loan.maintenance {
            out.say(out.text(.init(fr: "Envoyé à l’entretien : {reason}", en: "Sent to maintenance: {reason}"), ["reason": .text(maintenance)]))
        }
    }

    /// An instant typed at the desk (`--at`), read in the co-op's time zone unless it carries an offset.
    static func instant(_ text: String?, _ session: Session) throws -> Instant? {
        try text.map { try LendingInput.instant($0, field: "at", timeZone: session.configuration.timeZone) }
    }

    struct Out: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lend an item to a member. / Prêter un article.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Item code or barcode.") var code: String
        @Option(help: "Member number, e.g. M-0001.") var member: String
        @Option(help: "Units of the item (default 1).") var units: Int = 1
        @Option(help: "Due date YYYY-MM-DD instead of the policy's (moved off closed days).") var due: String?
        @Option(help: "When it went out, ISO 8601 (an offline desk, a paper log); default now.") var at: String?

        func run() async throws {
            try await global.run { session in
                let loan = try await session.coop.lending.checkOut(
                    item: code, member: member, units: units, due: try due.map { try LendingInput.date($0, field: "due") },
                    at: try LoanCommand.instant(at, session))
                if session.output.json { return try session.output.printJSON(loan) }
                session.output.say(session.output.text(
                    .init(fr: "Prêt {id} : {code} ×{units} à {member}, à rendre le {due}.",
                          en: "Loan {id}: {code} ×{units} to {member}, due {due}."),
                    ["id": .integer(loan.id), "code": .text(loan.item), "units": .integer(Int64(loan.units)),
                     "member": .text(loan.member), "due": .text(loan.due.iso8601)]))
                LoanCommand.sayDueMove(loan, session.output)
            }
        }
    }

    /// "Due date moved from Monday 2026-03-23 (closed: Fête nationale) to Tuesday 2026-03-24."
    static func sayDueMove(_ loan: Loan, _ out: Output) {
        guard let move = loan.dueMovedFrom else { return }
        let from = ClosureCommand.weekdays[move.day.weekday - 1], to = ClosureCommand.weekdays[loan.due.weekday - 1]
        let arguments: [String: MessageArgument] = [
            "fromDay": .text(from.render(out.language)), "from": .text(move.day.iso8601),
            "toDay": .text(to.render(out.language)), "to": .text(loan.due.iso8601), "reason": .text(move.reason ?? ""),
        ]
        out.say(out.text(move.reason == nil
            ? .init(fr: "Date de retour déplacée du {fromDay} {from} (fermé) au {toDay} {to}.",
                    en: "Due date moved from {fromDay} {from} (closed) to {toDay} {to}.")
            : .init(fr: "Date de retour déplacée du {fromDay} {from} (fermé : {reason}) au {toDay} {to}.",
                    en: "Due date moved from {fromDay} {from} (closed: {reason}) to {toDay} {to}."), arguments))
    }

    struct In: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a loan back, by loan id or item code. / Retour d’un prêt (numéro de prêt ou code d’article).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A loan id, or an item code (the open loan of that item).") var reference: String
        @Option(help: "Whose loan, when several members have the item out.") var member: String?
        @Option(help: "Return condition note.") var condition: String?
        @Option(help: "Send the units to maintenance with this reason.") var maintenance: String?
        @Option(help: "When it came back, ISO 8601; default now. Late fees count from its day.") var at: String?

        func run() async throws {
            try await global.run { session in
                let loan = try await session.coop.lending.checkIn(
                    reference: reference, member: member, condition: condition, maintenance: maintenance,
                    at: try LoanCommand.instant(at, session))
                let out = session.output
                if out.json { return try out.printJSON(loan) }
                if loan.fee.cents > 0 {
                    out.say(out.text(.init(fr: "Prêt {id} rendu avec {days} de retard : frais de {fee}.",
                                           en: "Loan {id} returned {days} late: fee {fee}."),
                                     ["id": .integer(loan.id), "days": .count(.integer(Int64(loan.daysLate)), .days), "fee": .money(loan.fee)]))
                } else {
                    out.say(out.text(.init(fr: "Prêt {id} rendu.", en: "Loan {id} returned."), ["id": .integer(loan.id)]))
                }
                // Someone was waiting: the volunteer must put it aside now, not back on the shelf.
                for hold in loan.holdsReady ?? [] {
                    out.say(out.text(.init(fr: "À mettre de côté : {member} attendait {item} ; il lui est gardé jusqu’au {until} (demande d’attente {hold}).",
                                           en: "Put it aside: {member} was waiting for {item}; it is kept for them until {until} (hold {hold})."),
                                     ["item": .text(hold.item), "member": .text(hold.member),
                                      "until": .text(hold.readyUntil?.iso8601 ?? ""), "hold": .integer(hold.id)]))
                }
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend a loan by its policy's period. / Renouveler un prêt.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Loan id.") var loan: String

        func run() async throws {
            try await global.run { session in
                let loan = try await session.coop.lending.renew(loan: try LendingInput.id(loan, field: "loan"))
                if session.output.json { return try session.output.printJSON(loan) }
                session.output.say(session.output.text(
                    .init(fr: "Prêt {id} renouvelé ({renewals}/{max}) : à rendre le {due}.",
                          en: "Loan {id} renewed ({renewals}/{max}): due {due}."),
                    ["id": .integer(loan.id), "renewals": .integer(Int64(loan.renewals)), "max": .integer(Int64(loan.maxRenewals)),
                     "due": .text(loan.due.iso8601)]))
                LoanCommand.sayDueMove(loan, session.output)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List loans by id. / Lister les prêts.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this member's loans.") var member: String?
        @Option(help: "Only loans of this item code.") var item: String?
        @Flag(help: "Only loans past their due date and still out.") var overdue = false
        @Flag(help: "Only loans still out.") var open = false
        @Option(help: "Loans per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let page = try await session.coop.lending.loans(
                    LoanFilter(member: member, item: item, open: open, overdue: overdue),
                    page: try PageRequest(limit: String(limit), cursor: cursor))
                let out = session.output
                try out.printPage(page) { loans in
                    out.table(LoanCommand.headers, loans.map { LoanCommand.row($0, out, timeZone: session.configuration.timeZone) })
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a loan. / Afficher un prêt.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Loan id.") var loan: String

        func run() async throws {
            try await global.run { session in
                try LoanCommand.show(try await session.coop.lending.loan(try LendingInput.id(loan, field: "loan")), session)
            }
        }
    }

    struct Lost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare a loan lost: its units are written off and their value charged. / Déclarer un prêt perdu.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Loan id.") var loan: String
        @Option(help: "What happened.") var note: String?

        func run() async throws {
            try await global.run { session in
                let loan = try await session.coop.lending.declareLost(loan: try LendingInput.id(loan, field: "loan"), note: note)
                try LoanCommand.show(loan, session)
            }
        }
    }

    struct Damage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Charge a damage fee on a loan. / Facturer un dommage sur un prêt.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Loan id.") var loan: String
        @Option(parsing: .unconditional, help: "Amount, e.g. 15.00.") var amount: String
        @Option(help: "What was damaged.") var reason: String

        func run() async throws {
            try await global.run { session in
                let fee = try await session.coop.lending.chargeDamage(
                    loan: try LendingInput.id(loan, field: "loan"), amount: try Money(parsing: amount, field: "amount"),
                    reason: reason)
                try FeeCommand.print([fee], session.output)
            }
        }
    }
}
