import CoopCore
import Foundation
import Membership

/// The notices Orders sends: a cycle opening (to every active member, in the transaction that opens
/// it), an invoice or credit note issued (in the transaction that issues it), and the reminder a day
/// before a cycle closes, which the scheduler finds.
public enum OrdersNotices {
    /// How long before the closing time members with an empty basket are reminded.
    public static let closingReminderSeconds: Int64 = 24 * 3600

    /// The reminder to every active member whose basket for an open cycle closing within 24 hours is
    /// empty (no order, or an order without a line); a basket with a line will be confirmed at the
    /// close, so its member needs no reminder.
    public static func due(now: Instant, timeZone: TimeZone, in db: Connection) throws -> [Notice] {
        var notices: [Notice] = []
        let cycles = try db.query("""
            SELECT id, name, closes_at FROM orders_cycles WHERE state = 'open' AND closes_at > ? AND closes_at <= ? ORDER BY id
            """, [now, now.adding(seconds: closingReminderSeconds)])
        guard !cycles.isEmpty else { return [] }
        let members = try MemberRecord.numbersActive(at: now, timeZone: timeZone, in: db)
        for cycle in cycles {
            let id: Int64 = try cycle.get("id")
            let ordered = Set(try db.query("""
                SELECT m.number FROM orders_orders o JOIN membership_public_members m ON m.id = o.member_id
                WHERE o.cycle_id = ? AND o.status != 'cancelled' AND EXISTS (SELECT 1 FROM orders_order_lines l WHERE l.order_id = o.id)
                """, [id]).map { try $0.get(0) as String })
            let values: [String: NoticeValue] = ["cycle": .text(try cycle.get("name")), "closes": .instant(try cycle.get("closes_at"))]
            for member in members where !ordered.contains(member) {
                notices.append(Notice(.cycleClosing, cause: "\(id):\(member)", member: member, values: values))
            }
        }
        return notices
    }

    /// Every active member hears that the cycle is open, in the transaction that opens it.
    static func cycleOpened(_ id: Int64, at now: Instant, timeZone: TimeZone, in db: Connection) throws {
        guard let row = try db.queryOne("SELECT name, closes_at, pickup_date FROM orders_cycles WHERE id = ?", [id]) else { return }
        let values: [String: NoticeValue] = ["cycle": .text(try row.get("name")), "closes": .instant(try row.get("closes_at")),
                                             "pickup": .date(try row.get("pickup_date"))]
        for member in try MemberRecord.numbersActive(at: now, timeZone: timeZone, in: db) {
            try Outbox.enqueue(Notice(.cycleOpen, cause: "\(id):\(member)", member: member, values: values), at: now, in: db)
        }
    }

    /// The member hears of an invoice or credit note, with its lines and total, as it is issued.
    static func issued(_ draft: OrdersService.DocumentDraft, number: String, on day: LocalDate, at now: Instant, in db: Connection) throws {
        let lines: [[String: NoticeValue]] = draft.lines.map { line in
            ["name": .text(line.name), "quantity": .decimal(line.quantity.description), "unit": .text(line.unit),
             "amount": .money(line.amount)]
        }
        switch draft.kind {
        case .invoice:
            try Outbox.enqueue(Notice(.invoiceIssued, cause: number, member: draft.memberNumber,
                                      values: ["number": .text(number), "date": .date(day), "total": .money(draft.totals.total),
                                               "lines": .lines(lines)]), at: now, in: db)
        case .creditNote:
            try Outbox.enqueue(Notice(.creditNoteIssued, cause: number, member: draft.memberNumber,
                                      values: ["number": .text(number), "invoice": .text(draft.creditedNumber ?? ""),
                                               "date": .date(day), "total": .money(draft.totals.total),
                                               "reason": .text(draft.reason ?? ""), "lines": .lines(lines)]), at: now, in: db)
        }
    }
}
