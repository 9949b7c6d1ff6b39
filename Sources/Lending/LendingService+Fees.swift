import CoopCore
import Foundation
import Inventory
import Membership

/// A member's account as `account show` prints it: Lending's fees with their state, and every entry of
/// the shared account (fees, waivers, payments, other domains' invoices) with the balance they derive.
public struct LendingAccount: Sendable, Codable, Equatable {
    /// The member's number.
    public let member: String
    /// What the member owes (positive) or has in credit (negative).
    public let balance: Money
    /// Lending fees, oldest first.
    public let fees: [Fee]
    /// Every entry of the member's account, oldest first.
    public let entries: [AccountEntry]
}

extension LendingService {
    /// A member's lending fees, oldest first; a member may list only their own.
    /// - Parameter includeWaived: also list waived fees (they stay on record).
    public func fees(member: String?, includeWaived: Bool = true) async throws -> [Fee] {
        try caller.check(LendingVerb.fees)
        guard let number = try caller.memberScope(member) else { throw CoopError.required("member") }
        return try await database.read { db in
            _ = try AccountLedger.balance(memberNumber: number, in: db)  // refuses an unknown member
            var sql = Fee.selectSQL + " WHERE f.member_number = ?"
            if !includeWaived { sql += " AND f.waived_at IS NULL" }
            return try db.query(sql + " ORDER BY f.id", [number]).map(Fee.init(row:))
        }
    }

    /// One fee; a member may read only their own.
    public func fee(_ id: Int64) async throws -> Fee {
        try caller.check(LendingVerb.fee)
        return try await database.read { db in
            let fee = try Fee.fetch(id, in: db)
            try caller.requireAccess(toMember: fee.member)
            return fee
        }
    }

    /// Waives a fee (staff): a negative `waiver` entry of the same amount goes into the member's
    /// account and the fee is marked waived with the reason. Nothing is deleted; a fee is waived once.
    public func waiveFee(_ id: Int64, reason: String) async throws -> Fee {
        try caller.check(LendingVerb.waiveFee)
        let reason = try LendingValidation.reason(reason)
        let actor = try LendingValidation.note(caller.label, field: "actor", max: 100)
        let now = context.now()
        return try await database.write { db in
            let fee = try Fee.fetch(id, in: db)
            guard fee.status == .due else { throw CoopError.feeAlreadyWaived(id) }
            let entry = try AccountLedger.post(memberNumber: fee.member, kind: "waiver", amount: -fee.amount,
                                               wording: .waiver(reason: reason), source: "lending",
                                               reference: String(id), at: now, in: db)
            try db.execute("""
                UPDATE lending_fees SET waived_at = ?, waived_reason = ?, waived_by = ?, waiver_entry_id = ? WHERE id = ?
                """, [now, reason, actor, entry.id, id])
            try LendingEvents.append("waive", loan: fee.loan, fee: id, actor: actor, detail: reason, at: now, in: db)
            return try Fee.fetch(id, in: db)
        }
    }

    /// Charges a damage fee on a loan (open or returned), posted to the member's account.
    public func chargeDamage(loan id: Int64, amount: Money, reason: String) async throws -> Fee {
        try caller.check(LendingVerb.chargeDamage)
        guard amount.cents > 0 else { throw CoopError.invalidFeeAmount(amount) }
        let reason = try LendingValidation.reason(reason)
        let actor = try LendingValidation.note(caller.label, field: "actor", max: 100)
        let now = context.now()
        return try await database.write { db in
            let record = try LoanRecord.fetch(id, in: db)
            return try Fee.charge(.damage, amount: amount, wording: .damageFee(item: record.itemCode, reason: reason),
                                  memberID: record.memberID, memberNumber: record.memberNumber, loan: id,
                                  itemCode: record.itemCode, actor: actor, at: now, in: db)
        }
    }

    /// Declares an open loan lost: its units are written off the item (`InventoryLedger`), the loan
    /// closes as `lost`, and the replacement value (item value × units) is charged as a `lost` fee
    /// (none when the item has no value).
    public func declareLost(loan id: Int64, note: String? = nil) async throws -> Loan {
        try caller.check(LendingVerb.declareLost)
        let note = try LendingValidation.note(note, field: "note")
        let actor = try LendingValidation.note(caller.label, field: "actor", max: 100)
        let now = context.now(), timeZone = context.timeZone
        return try await database.write { db in
            let record = try LoanRecord.fetch(id, in: db)
            try record.requireOpen()
            let item = try InventoryLedger.item(id: record.itemID, in: db)
            try InventoryLedger.writeOffLoanedUnits(itemID: record.itemID, units: record.units, actor: actor,
                                                    reason: note ?? "loan \(id) lost", at: now, in: db)
            try db.execute("UPDATE lending_loans SET status = 'lost', condition = ?, returned_by = ? WHERE id = ?", [note, actor, id])
            try LendingEvents.append("lost", loan: id, actor: actor, detail: note, at: now, in: db)
            let value = item.value * Int64(record.units)
            if value.cents > 0 {
                _ = try Fee.charge(.lost, amount: value, wording: .lostFee(item: record.itemCode, units: record.units),
                                   memberID: record.memberID, memberNumber: record.memberNumber, loan: id,
                                   itemCode: record.itemCode, actor: actor, at: now, in: db)
            }
            return try Self.loan(id, today: now.localDate(in: timeZone), timeZone: timeZone, in: db)
        }
    }

    /// The member's account with their lending fees (`account show`); a member may read only their own.
    public func account(member: String) async throws -> LendingAccount {
        try caller.check(LendingVerb.account)
        guard let number = try caller.memberScope(member) else { throw CoopError.required("member") }
        return try await database.read { db in
            let account = try AccountLedger.account(memberNumber: number, in: db)
            let fees = try db.query(Fee.selectSQL + " WHERE f.member_number = ? ORDER BY f.id", [account.member]).map(Fee.init(row:))
            return LendingAccount(member: account.member, balance: account.balance, fees: fees, entries: account.entries)
        }
    }

    /// Records a payment at the desk (`payment add`): Membership's own verb, here so the lending faces
    /// have one service to call.
    public func addPayment(member: String, amount: Money, method: PaymentMethod, note: String? = nil) async throws -> AccountEntry {
        try caller.check(LendingVerb.addPayment)
        return try await MembershipService(context: context, caller: caller).addPayment(member: member, amount: amount, method: method, note: note)
    }
}
