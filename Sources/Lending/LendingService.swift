import CoopCore
import Foundation
import Inventory
import Membership

/// The verbs of Lending, for both faces: check-out, check-in, renewal and loan lists here; reservations,
/// holds, fees, policies and reports in the extensions beside this file.
///
/// Every write runs as ONE `database.write` (`BEGIN IMMEDIATE`): the member and item checks, the
/// availability count, the `InventoryLedger` change and the loan row commit together or not at all, so
/// two desks racing for the last unit cannot both win, and a refusal leaves the database unchanged.
///
/// Time comes from the context's clock; due dates and reservation days are local dates in its zone.
public struct LendingService: ActsForCaller {
    public let context: CoopContext
    public var caller: Caller  // checked against `LendingVerb`

    public init(context: CoopContext, caller: Caller) { (self.context, self.caller) = (context, caller) }


    // MARK: Check-out

    /// Lends `units` of an item to a member.
    ///
    /// Refused when the member is not active (`lending.member_inactive`), owes more than the fee
    /// threshold (`lending.balance_over_threshold`), would pass the plan's loan limit counted in units
    /// (`lending.loan_limit`), when the item is not active (`lending.item_inactive`), or when on some day
    /// from today to the due date (plus buffer days) the units are not free once other loans, other
    /// members' reservations and holds offered to others are counted (`lending.units_unavailable`).
    /// The member's own reservation starting that day is collected by this loan, and their hold on the
    /// item is fulfilled.
    /// - Parameters:
    ///   - item: the item's code or barcode.
    ///   - member: the member's number.
    ///   - due: overrides the policy's loan period; still moved off closed days.
    ///   - at: when it happened, for an operation recorded after the fact (an offline desk); never in
    ///     the future. The due date counts from that day and late fees from that instant.
    ///   - actor: who lends, for the history (a token label, a name).
    public func checkOut(
        item: String, member: String, units: Int = 1, due: LocalDate? = nil, at: Instant? = nil
    ) async throws -> Loan {
        try caller.check(LendingVerb.checkOut)
        let units = try LendingValidation.units(units)
        let now = context.now(), timeZone = context.timeZone
        let outAt = try LendingValidation.at(at, now: now, timeZone: timeZone)
        let actor = try LendingValidation.note(caller.label, field: "actor", max: 100)
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            let borrower = try Borrower.fetch(member, on: outAt.localDate(in: timeZone), in: db)
            let (id, moved) = try Self.lend(snapshot, to: borrower, units: units, due: due, outAt: outAt, now: now, timeZone: timeZone,
                                            reservation: nil, actor: actor, in: db)
            var loan = try Self.loan(id, today: now.localDate(in: timeZone), timeZone: timeZone, in: db)
            loan.dueMovedFrom = moved
            return loan
        }
    }

    /// The check-out steps shared by `checkOut` and `pickUp`, inside the caller's transaction; returns
    /// the loan's id and, when the due date fell on a closed day, where it was moved from.
    static func lend(
        _ item: InventoryLedger.Snapshot, to borrower: Borrower, units: Int, due: LocalDate?, outAt: Instant, now: Instant,
        timeZone: TimeZone, reservation explicit: ReservationRecord?, actor: String?, in db: Connection
    ) throws -> (id: Int64, dueMovedFrom: DueMove?) {
        let today = now.localDate(in: timeZone), outDay = outAt.localDate(in: timeZone)
        try borrower.requireActive()
        guard item.status == .active else { throw CoopError.itemInactive(item.code, status: item.status) }
        let policy = try PolicyStore.effective(for: item.category, in: db)
        // Offers that lapsed must not block this loan, and the next in line goes before a walk-in.
        try HoldQueue.settle(item, policy: policy, today: today, at: now, in: db)

        let settings = try LendingSettings.load(in: db)
        let threshold = settings.feeThreshold
        let balance = try AccountLedger.balance(memberNumber: borrower.number, in: db)
        guard balance <= threshold else { throw CoopError.balanceOverThreshold(borrower.number, balance: balance, threshold: threshold) }
        if settings.overdueBlocksLoans, let late = try db.queryOne("""
            SELECT id, item_code, due FROM lending_loans WHERE member_number = ? AND status = 'open' AND due < ? ORDER BY due, id LIMIT 1
            """, [borrower.number, outDay]) {
            throw CoopError.overdueLoanBlocks(borrower.number, loan: try late.get("id"), item: try late.get("item_code"), due: try late.get("due"))
        }
        if let limit = borrower.maxLoans {
            // The limit counts units, as myTurn counts items: ten costumes on one loan are ten.
            // By member number: that is the indexed column (a scan by member_id took 1.4 ms at 100,000 loans).
            let current = try db.scalar("SELECT coalesce(sum(units), 0) FROM lending_loans WHERE member_number = ? AND status = 'open'",
                                        [borrower.number], as: Int.self) ?? 0
            guard current + units <= limit else {
                throw CoopError.loanLimit(borrower.number, limit: limit, current: current, requested: units)
            }
        }

        // Picking up explicitly, or checking out on the first day of one's own booking, collects it.
        let collected = try explicit ?? db.queryOne("""
            SELECT * FROM lending_reservations
            WHERE item_id = ? AND member_id = ? AND status = 'booked' AND from_day = ? ORDER BY id LIMIT 1
            """, [item.id, borrower.id, outDay]).map(ReservationRecord.init(row:))
        let openDays = try OpenDays.load(from: min(outDay, today), in: db)
        let asked = due ?? collected?.to ?? outDay.adding(days: policy.loanDays)
        guard asked >= outDay else { throw CoopError.dueBeforeOut(asked, out: outDay) }
        let (dueDay, moved) = try openDays.due(for: asked)

        let claim = Claim.loan(due: dueDay, today: today, bufferDays: policy.bufferDays, units: units)
        do {
            try Availability.require(claim, item: item, today: today, bufferDays: policy.bufferDays,
                                     excluding: .init(reservationsOf: borrower.number, holdsOf: borrower.number), in: db)
        } catch let refusal as CoopError where refusal.code == "lending.units_unavailable" {
            // A unit on the shelf kept for someone who was waiting: say so, not "0 free".
            let heldForOthers = try HoldQueue.queue(of: item, includeClosed: false, today: today, in: db)
                .filter { $0.status == .ready && $0.member != borrower.number }
            if let hold = heldForOthers.first, item.available >= units {
                throw CoopError.unitHeld(item.code, member: hold.member, until: hold.readyUntil ?? today, hold: hold.id)
            }
            throw refusal
        }

        try db.execute("""
            INSERT INTO lending_loans (item_id, item_code, member_id, member_number, units, out_at, due, status, loan_days,
                max_renewals, self_renew, fee_per_day_cents, grace_days, fee_cap_cents, reservation_id, out_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)
            """, [item.id, item.code, borrower.id, borrower.number, units, outAt, dueDay, policy.loanDays, policy.maxRenewals,
                  policy.selfRenew, policy.feePerDay, policy.graceDays, policy.feeCap, collected?.id, actor])
        let loanID = db.lastInsertRowID
        try InventoryLedger.checkOut(itemID: item.id, units: units, actor: actor, reason: "loan \(loanID) \(borrower.number)",
                                     at: outAt, in: db)
        if let collected {
            try db.execute("UPDATE lending_reservations SET status = 'collected', loan_id = ? WHERE id = ?", [loanID, collected.id])
        }
        try db.execute("""
            UPDATE lending_holds SET status = 'fulfilled', loan_id = ?, position = NULL, closed_at = ?
            WHERE item_id = ? AND member_id = ? AND status IN ('waiting', 'ready')
            """, [loanID, now, item.id, borrower.id])
        try LendingEvents.append("check_out", loan: loanID, reservation: collected?.id, actor: actor,
                                 detail: "\(item.code) ×\(units) → \(borrower.number), due \(dueDay)", at: outAt, in: db)
        return (loanID, moved)
    }

    // MARK: Check-in

    /// Brings a loan back: closes it, records the condition, charges the late fee ((days late − grace
    /// days) × fee per day, capped, under the terms the loan went out with), optionally sends its units
    /// to maintenance, and offers the unit to the first member waiting for it.
    /// - Parameters:
    ///   - condition: the return condition note.
    ///   - maintenance: when given, the units go to maintenance with this reason.
    ///   - at: when it came back, for an operation recorded after the fact; the fee counts from its day.
    public func checkIn(
        loan id: Int64, condition: String? = nil, maintenance: String? = nil, at: Instant? = nil
    ) async throws -> Loan {
        let input = try returnInput(condition: condition, maintenance: maintenance, at: at)
        let timeZone = context.timeZone
        return try await database.write { db in
            try Self.receive(try LoanRecord.fetch(id, in: db), input, timeZone: timeZone, in: db)
        }
    }

    /// Brings back the open loan of an item. With several members holding it, `member` must say whose;
    /// with several loans of the same member, the one due first comes back.
    public func checkIn(
        item: String, member: String? = nil, condition: String? = nil, maintenance: String? = nil, at: Instant? = nil
    ) async throws -> Loan {
        let input = try returnInput(condition: condition, maintenance: maintenance, at: at)
        let timeZone = context.timeZone
        return try await database.write { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            return try Self.receive(try Self.openLoan(of: snapshot, member: member, in: db), input, timeZone: timeZone, in: db)
        }
    }

    /// What `coopctl loan in LOAN_ID|CODE` passes: digits name a loan id when such a loan is open (or
    /// when no item has that code); anything else is an item code, as in `checkIn(item:member:…)`.
    public func checkIn(
        reference: String, member: String? = nil, condition: String? = nil, maintenance: String? = nil, at: Instant? = nil
    ) async throws -> Loan {
        let input = try returnInput(condition: condition, maintenance: maintenance, at: at)
        let timeZone = context.timeZone
        let text = reference.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw CoopError.required("loan") }
        return try await database.write { db in
            let record: LoanRecord
            if let id = Int64(text), id > 0, let open = try db.queryOne(
                "SELECT * FROM lending_loans WHERE id = ? AND status = 'open'", [id]).map(LoanRecord.init(row:)) {
                record = open
            } else if let id = Int64(text), id > 0, try !Self.itemExists(text, in: db) {
                record = try LoanRecord.fetch(id, in: db)
            } else {
                record = try Self.openLoan(of: try InventoryLedger.item(code: text, in: db), member: member, in: db)
            }
            return try Self.receive(record, input, timeZone: timeZone, in: db)
        }
    }

    /// What every check-in starts with: the desk's right to take things back, then the details checked.
    private func returnInput(condition: String?, maintenance: String?, at: Instant?) throws -> ReturnInput {
        try caller.check(LendingVerb.checkIn)
        return try ReturnInput(condition: condition, maintenance: maintenance, at: at, actor: caller.label, now: context.now(),
                               timeZone: context.timeZone)
    }

    /// Whether an item has this code (an all-digit code competes with loan ids).
    static func itemExists(_ code: String, in db: Connection) throws -> Bool {
        do {
            _ = try InventoryLedger.item(code: code, in: db)
            return true
        } catch let error as CoopError where error.code == "inventory.item_not_found" {
            return false
        }
    }

    /// The checked inputs of a return.
    struct ReturnInput: Sendable {
        let condition: String?
        let maintenance: String?
        let at: Instant
        let actor: String?
        let now: Instant

        init(condition: String?, maintenance: String?, at: Instant?, actor: String?, now: Instant, timeZone: TimeZone) throws {
            self.condition = try LendingValidation.note(condition, field: "condition")
            self.maintenance = try LendingValidation.note(maintenance, field: "maintenance", max: 500)
            self.at = try LendingValidation.at(at, now: now, timeZone: timeZone)
            self.actor = try LendingValidation.note(actor, field: "actor", max: 100)
            self.now = now
        }
    }

    /// The open loan of `item` to bring back; refuses none and an ambiguous choice.
    static func openLoan(of item: InventoryLedger.Snapshot, member: String?, in db: Connection) throws -> LoanRecord {
        var sql = "SELECT * FROM lending_loans WHERE item_id = ? AND status = 'open'"
        var arguments: [any DatabaseValueConvertible] = [item.id]
        let number = member.map(MembershipService.normalizedNumber)
        if let number {
            sql += " AND member_number = ?"
            arguments.append(number)
        }
        let records = try db.query(sql + " ORDER BY due, id", arguments).map(LoanRecord.init(row:))
        guard let first = records.first else { throw CoopError.noOpenLoan(item.code, member: number) }
        let members = Array(Set(records.map(\.memberNumber))).sorted()
        guard members.count == 1 else { throw CoopError.loanAmbiguous(item.code, members: members) }
        return first
    }

    /// The check-in steps, inside the caller's transaction.
    static func receive(_ record: LoanRecord, _ input: ReturnInput, timeZone: TimeZone, in db: Connection) throws -> Loan {
        try record.requireOpen()
        guard input.at >= record.outAt else { throw CoopError.atBeforeOut(input.at, out: record.outAt, timeZone: timeZone) }
        let returnDay = input.at.localDate(in: timeZone), today = input.now.localDate(in: timeZone)
        let fee = record.feeTerms.fee(due: record.due, returnedOn: returnDay)
        try InventoryLedger.checkIn(itemID: record.itemID, units: record.units, actor: input.actor, reason: "loan \(record.id)",
                                    at: input.at, in: db)
        if let reason = input.maintenance {
            try InventoryLedger.sendToMaintenance(itemID: record.itemID, units: record.units, actor: input.actor, reason: reason,
                                                  at: input.at, in: db)
        }
        try db.execute("""
            UPDATE lending_loans SET status = 'returned', returned_at = ?, late_fee_cents = ?, condition = ?,
                maintenance_reason = ?, returned_by = ?
            WHERE id = ?
            """, [input.at, fee, input.condition, input.maintenance, input.actor, record.id])
        try LendingEvents.append("check_in", loan: record.id, actor: input.actor, detail: input.condition, at: input.at, in: db)
        if fee.cents > 0 {
            let days = record.feeTerms.daysLate(due: record.due, on: returnDay)
            _ = try Fee.charge(.late, amount: fee, wording: .lateFee(item: record.itemCode, loan: record.id, days: days),
                               memberID: record.memberID, memberNumber: record.memberNumber, loan: record.id,
                               itemCode: record.itemCode, actor: input.actor, at: input.at, in: db)
        }
        let item = try InventoryLedger.item(id: record.itemID, in: db)
        let offered = try HoldQueue.settle(item, policy: try PolicyStore.effective(for: item.category, in: db), today: today, at: input.now, in: db)
        var returned = try loan(record.id, today: today, timeZone: timeZone, in: db)
        returned.holdsReady = try offered.map { try HoldQueue.hold($0, today: today, in: db) }
        return returned
    }

    // MARK: Renewal

    /// Extends a loan by its policy's loan period, counted from the current due date (then moved off
    /// closed days).
    ///
    /// Refused past the renewal limit (`lending.renewal_limit`), for an overdue loan
    /// (`lending.loan_overdue`: it comes back and pays its fee first), while other members wait for the
    /// item (`lending.holds_waiting`), when the extension would take units someone else has reserved
    /// (`lending.reservation_conflict`), and, for a member renewing their own loan, unless the policy
    /// allows self-renewal (`lending.self_renew_not_allowed`, 403).
    public func renew(loan id: Int64) async throws -> Loan {
        try caller.check(LendingVerb.renew)
        let now = context.now(), timeZone = context.timeZone
        let today = now.localDate(in: timeZone)
        return try await database.write { db in
            let record = try LoanRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            try record.requireOpen()
            if !caller.isStaff && !record.selfRenew { throw CoopError.selfRenewNotAllowed(id) }
            try Borrower.fetch(record.memberNumber, on: today, in: db).requireActive()
            guard record.due >= today else { throw CoopError.loanOverdue(id, due: record.due) }
            guard record.renewals < record.maxRenewals else { throw CoopError.renewalLimit(id, limit: record.maxRenewals) }

            let item = try InventoryLedger.item(id: record.itemID, in: db)
            let policy = try PolicyStore.effective(for: item.category, in: db)
            try HoldQueue.settle(item, policy: policy, today: today, at: now, in: db)
            let waiting = try db.scalar("""
                SELECT count(*) FROM lending_holds WHERE item_id = ? AND status = 'waiting' AND member_id != ?
                """, [record.itemID, record.memberID], as: Int.self) ?? 0
            guard waiting == 0 else { throw CoopError.holdsWaiting(id, code: item.code, count: waiting) }

            let (newDue, moved) = try OpenDays.load(from: today, in: db).due(for: record.due.adding(days: record.loanDays))
            let claim = Claim.loan(due: newDue, today: today, bufferDays: policy.bufferDays, units: record.units)
            let calendar = try Availability.calendar(
                item: item, from: claim.start, until: claim.end, today: today, bufferDays: policy.bufferDays,
                excluding: .init(loan: id, reservationsOf: record.memberNumber, holdsOf: record.memberNumber), in: db)
            if let short = calendar.shortfall(for: claim) {
                throw CoopError.reservationConflict(id, code: item.code, on: short.day)
            }
            try db.execute("UPDATE lending_loans SET due = ?, renewals = renewals + 1 WHERE id = ?", [newDue, id])
            try LendingEvents.append("renew", loan: id, actor: caller.lendingLabel, detail: "\(record.due) → \(newDue)", at: now, in: db)
            var renewed = try Self.loan(id, today: today, timeZone: timeZone, in: db)
            renewed.dueMovedFrom = moved
            return renewed
        }
    }

    // MARK: Reading loans

    /// One loan; a member may read only their own.
    public func loan(_ id: Int64) async throws -> Loan {
        try caller.check(LendingVerb.loan)
        let today = context.today(), timeZone = context.timeZone
        return try await database.read { db in
            let record = try LoanRecord.fetch(id, in: db)
            try caller.requireAccess(toMember: record.memberNumber)
            return Loan(record, itemName: try InventoryLedger.item(id: record.itemID, in: db).name, today: today, timeZone: timeZone)
        }
    }

    /// Loans in id order, one page at a time. A member sees only their own (asking for another member's
    /// is refused with `auth.not_your_data`).
    public func loans(_ filter: LoanFilter = LoanFilter(), page: PageRequest = PageRequest()) async throws -> Page<Loan> {
        try caller.check(LendingVerb.loans)
        let member = try caller.memberScope(filter.member)
        let afterID = try Self.cursorID(page.after)
        let today = context.today(), timeZone = context.timeZone
        let limit = page.limit
        return try await database.read { db in
            var sql = "SELECT * FROM lending_loans WHERE id > ?"
            var arguments: [any DatabaseValueConvertible] = [afterID]
            if let member {
                sql += " AND member_number = ?"
                arguments.append(member)
            }
            if let item = filter.item {
                sql += " AND item_id = ?"
                arguments.append(try InventoryLedger.item(code: item, in: db).id)
            }
            if filter.open || filter.overdue { sql += " AND status = 'open'" }
            if filter.overdue {
                sql += " AND due < ?"
                arguments.append(today)
            }
            sql += " ORDER BY id LIMIT ?"
            arguments.append(limit + 1)
            let records = try db.query(sql, arguments).map(LoanRecord.init(row:))
            var items = ItemDirectory()
            let loans = try records.prefix(limit).map {
                Loan($0, itemName: try items.name($0.itemID, in: db), today: today, timeZone: timeZone)
            }
            let next = records.count > limit ? PageRequest.cursor(for: String(records[limit - 1].id)) : nil
            return Page(items: loans, next: next)
        }
    }

    /// An item's free units, day by day, over `from`…`to` (both included, at most two years), counting
    /// loans, active reservations, offered holds and buffer days as every check does.
    public func availability(item: String, from: LocalDate, to: LocalDate) async throws -> ItemAvailability {
        try caller.check(LendingVerb.availability)
        guard from <= to else { throw CoopError.invalidRange(from: from, to: to) }
        guard from.days(until: to) < 732 else { throw CoopError.reservationTooLong(days: from.days(until: to) + 1, max: 732) }
        let today = context.today()
        return try await database.read { db in
            let snapshot = try InventoryLedger.item(code: item, in: db)
            let policy = try PolicyStore.effective(for: snapshot.category, in: db)
            let booking = Claim.booking(from: from, to: to, bufferDays: policy.bufferDays, units: 1)
            let calendar = try Availability.calendar(item: snapshot, from: from, until: max(booking.end, to.adding(days: 1)),
                                                     today: today, bufferDays: policy.bufferDays, in: db)
            var periods: [AvailabilityPeriod] = []
            var start = from, current: Int?
            for (i, free) in calendar.free(from: from, until: to.adding(days: 1)).enumerated() {
                let day = from.adding(days: i), free = max(0, free)
                if let value = current, value != free {
                    periods.append(AvailabilityPeriod(from: start, to: day.adding(days: -1), free: value))
                    start = day
                }
                current = free
            }
            if let current { periods.append(AvailabilityPeriod(from: start, to: to, free: current)) }
            return ItemAvailability(item: snapshot.code, quantity: snapshot.quantity, from: from, to: to,
                                    free: calendar.minimumFree(from: booking.start, until: booking.end), periods: periods)
        }
    }

    // MARK: Shared steps

    /// The loan as the faces show it.
    static func loan(_ id: Int64, today: LocalDate, timeZone: TimeZone, in db: Connection) throws -> Loan {
        let record = try LoanRecord.fetch(id, in: db)
        return Loan(record, itemName: try InventoryLedger.item(id: record.itemID, in: db).name, today: today, timeZone: timeZone)
    }

    /// The row id a list cursor holds; a cursor we did not make is refused.
    static func cursorID(_ after: String?) throws -> Int64 {
        guard let after else { return 0 }
        guard let id = Int64(after), id > 0 else { throw CoopError.invalidCursor() }
        return id
    }
}
