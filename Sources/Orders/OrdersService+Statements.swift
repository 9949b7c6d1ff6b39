import CoopCore
import Membership

extension OrdersService {
    /// A member's statement for a month (`2026-03`): the balance when it began, every account entry
    /// of the month with the balance after it, the sums by kind and the closing balance. Months are
    /// cut at midnight in the co-op's time zone. It is the member's document: its descriptions are in
    /// the member's language, which it names.
    public func statement(member: String, month: YearMonth) async throws -> Statement {
        try caller.check(OrdersVerb.statement)
        try caller.requireAccess(toMember: member)
        let zone = context.timeZone
        let start = Instant.startOf(month.firstDay, in: zone)
        let end = Instant.startOf(month.lastDay.adding(days: 1), in: zone)
        let (account, language) = try await database.read { db in
            (try AccountLedger.account(memberNumber: member, in: db), try AccountLedger.language(memberNumber: member, in: db))
        }
        let opening = Money(cents: account.entries.reduce(0) { $0 + ($1.at < start ? $1.amount.cents : 0) })
        // The month's entries by instant, posting order breaking ties.
        let monthEntries = account.entries.enumerated()
            .filter { start <= $0.element.at && $0.element.at < end }
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        var entries: [StatementEntry] = []
        var invoices = Money.zero, credits = Money.zero, payments = Money.zero, other = Money.zero
        var balance = opening
        for entry in monthEntries {
            balance = balance + entry.amount
            switch entry.kind {
            case "invoice": invoices = invoices + entry.amount
            case "credit_note": credits = credits + entry.amount
            // A void reverses a payment typed wrong: the month's payments are what was really paid.
            case "payment", "payment_void": payments = payments + entry.amount
            default: other = other + entry.amount
            }
            entries.append(StatementEntry(date: entry.at.localDate(in: zone), at: entry.at, kind: entry.kind, description: entry.description,
                                          reference: entry.reference, amount: entry.amount, balance: balance))
        }
        return Statement(member: account.member, language: language, month: month, from: month.firstDay, to: month.lastDay,
                         openingBalance: opening,
                         entries: entries, invoices: invoices, creditNotes: credits, payments: payments, other: other,
                         closingBalance: opening + invoices + credits + payments + other)
    }
}
