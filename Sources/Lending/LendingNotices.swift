import CoopCore
import Foundation
import Inventory

/// The notices Lending sends: a hold offered (written by the change that offers it), and the
/// reminders a daily look at the loans and reservations finds (due tomorrow, overdue, starting
/// tomorrow), which the scheduler enqueues once each.
public enum LendingNotices {
    /// The days after the due date on which an overdue loan is recalled.
    public static let overdueDays = [1, 7, 14]

    /// The time-based notices due `today`: loans due tomorrow, loans overdue by 1, 7 or 14 days (with
    /// the fee so far), reservations starting tomorrow.
    ///
    /// A day the scheduler missed is caught up: a loan 8 days late that never had its 7-day notice
    /// gets it (its key names the stage, so it is sent once); past the last stage by a week, nothing
    /// more is sent, so a co-op turning notices on does not recall years-old loans.
    public static func due(today: LocalDate, in db: Connection) throws -> [Notice] {
        var notices: [Notice] = []
        var items = ItemDirectory()
        let tomorrow = today.adding(days: 1)
        let oldest = today.adding(days: -(overdueDays.last! + 6))
        for row in try db.query("SELECT * FROM lending_loans WHERE status = 'open' AND due <= ? AND due >= ? ORDER BY id",
                                [tomorrow, oldest]) {
            let loan = try LoanRecord(row: row)
            let name = try items.name(loan.itemID, in: db)
            if loan.due == tomorrow {
                notices.append(Notice(.loanDueTomorrow, cause: "\(loan.id):\(loan.due)", member: loan.memberNumber,
                                      values: ["item": .text(name), "code": .text(loan.itemCode), "due": .date(loan.due)]))
                continue
            }
            let late = loan.due.days(until: today)
            guard let stage = overdueDays.last(where: { $0 <= late }) else { continue }
            notices.append(Notice(.loanOverdue, cause: "\(loan.id):\(loan.due):\(stage)", member: loan.memberNumber,
                                  values: ["item": .text(name), "code": .text(loan.itemCode), "due": .date(loan.due),
                                           "days": .days(Int64(late)),
                                           "fee": .money(loan.feeTerms.fee(due: loan.due, returnedOn: today))]))
        }
        for row in try db.query("""
            SELECT id, item_id, item_code, member_number, from_day, to_day FROM lending_reservations
            WHERE status = 'booked' AND from_day = ? ORDER BY id
            """, [tomorrow]) {
            let id: Int64 = try row.get("id")
            let from: LocalDate = try row.get("from_day")
            notices.append(Notice(.reservationTomorrow, cause: "\(id):\(from)", member: try row.get("member_number"),
                                  values: ["item": .text(try items.name(try row.get("item_id"), in: db)),
                                           "code": .text(try row.get("item_code")),
                                           "from": .date(from), "to": .date(try row.get("to_day"))]))
        }
        return notices
    }

    /// The member's notice that a hold is ready, in the transaction that offers it.
    static func holdReady(_ hold: Int64, item: InventoryLedger.Snapshot, until: LocalDate, today: LocalDate,
                          at now: Instant, in db: Connection) throws {
        guard let member = try db.scalar("SELECT member_number FROM lending_holds WHERE id = ?", [hold], as: String.self) else { return }
        try Outbox.enqueue(Notice(.holdReady, cause: "\(hold):\(today)", member: member,
                                  values: ["item": .text(item.name), "code": .text(item.code), "until": .date(until)]),
                           at: now, in: db)
    }
}
