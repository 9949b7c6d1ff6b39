import CoopCore

/// A membership plan: what a membership costs, how long it lasts and what it allows.
public struct Plan: Sendable, Codable, Equatable {
    public let name: String
    /// The fee for one period, in cents.
    public let fee: Money
    public let months: Int
    public let maxLoans: Int
    public let maxReservations: Int

    public init(name: String, fee: Money, months: Int, maxLoans: Int, maxReservations: Int) {
        self.name = name
        self.fee = fee
        self.months = months
        self.maxLoans = maxLoans
        self.maxReservations = maxReservations
    }

    init(row: Row) throws {
        name = try row.get("name")
        fee = try row.get("fee_cents")
        months = try row.get("period_months")
        maxLoans = try row.get("max_loans")
        maxReservations = try row.get("max_reservations")
    }

    /// Checks the shape of a plan before it is stored.
    func validated() throws -> Plan {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CoopError.required("name") }
        guard name.count <= 60 else { throw CoopError.tooLong("name", max: 60) }
        guard fee.cents >= 0 else { throw CoopError.negativeFee(fee) }
        guard (1...120).contains(months) else { throw CoopError.invalidPeriod(months) }
        guard maxLoans >= 0 else { throw CoopError.negativeLimit("maxLoans", maxLoans) }
        guard maxReservations >= 0 else { throw CoopError.negativeLimit("maxReservations", maxReservations) }
        return Plan(name: name, fee: fee, months: months, maxLoans: maxLoans, maxReservations: maxReservations)
    }
}

import Foundation
