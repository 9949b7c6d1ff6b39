import ArgumentParser
import CoopCore
import Membership

/// `coopctl payment add|void`: a payment at the desk, into the one member account every domain posts to
/// (Lending's fees, Orders' invoices and credit notes).
struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Payments into member accounts. / Paiements aux comptes des membres.",
        subcommands: [Add.self, VoidPayment.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a payment; it lowers the balance. / Enregistrer un paiement.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Member number, e.g. M-0001.") var member: String
        @Option(parsing: .unconditional, help: "Amount paid, e.g. 5.00.") var amount: String
        @Option(help: "cash, card, transfer, interac or cheque (or comptant, carte, virement, chèque).") var method: String
        @Option(help: "A note kept on the entry.") var note: String?

        func run() async throws {
            try await global.run { session in
                let entry = try await session.coop.membership.addPayment(
                    member: member, amount: try Money(parsing: amount, field: "amount"), method: try PaymentMethod(parsing: method), note: note)
                if session.output.json { return try session.output.printJSON(entry) }
                let balance = try await session.coop.membership.account(member).balance
                session.output.say(session.output.text(
                    .init(fr: "Paiement de {amount} enregistré pour {member}. Solde : {balance}.",
                          en: "Payment of {amount} recorded for {member}. Balance: {balance}."),
                    ["amount": .money(-entry.amount), "member": .text(MembershipService.normalizedNumber(member)), "balance": .money(balance)]))
            }
        }
    }
    struct VoidPayment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void a payment typed wrong: a reversing entry, never a deletion. / Annuler un paiement erroné.",
            discussion: "ENTRY_ID is the payment's number in `coopctl account show`. A payment is voided once; the reason is kept.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The payment's entry number (column No. of account show).") var entry: Int64
        @Option(help: "Why the payment is voided (required), e.g. \"typed 50 instead of 5\".") var reason: String

        func run() async throws {
            try await global.run { session in
                let voided = try await session.coop.membership.voidPayment(entry, reason: reason)
                if session.output.json { return try session.output.printJSON(voided) }
                session.output.say(session.output.text(
                    .init(fr: "Paiement n° {entry} de {amount} annulé pour {member} (écriture n° {void}). Solde : {balance}.",
                          en: "Payment no. {entry} of {amount} voided for {member} (entry no. {void}). Balance: {balance}."),
                    ["entry": .text(String(voided.payment.id)), "amount": .money(-voided.payment.amount), "member": .text(voided.member),
                     "void": .text(String(voided.void.id)), "balance": .money(voided.balance)]))
            }
        }
    }
}
