import CoopCore
import Foundation
import Testing
@testable import Lending

@Suite("Two desks racing for the last unit: exactly one wins")
struct ConcurrencyTests {
    static let racers = 32

    /// A one-unit item and `racers` members.
    static func arena() async throws -> (TestLending, [String]) {
        let db = try await TestLending(readers: 4)
        try await db.item("LAST", quantity: 1)
        var members: [String] = []
        for i in 1...racers { members.append(try await db.member("Racer\(i)")) }
        return (db, members)
    }

    /// Runs `body` once per member at the same time; returns the successes and the refusal codes.
    static func race<T: Sendable>(
        _ members: [String], _ body: @escaping @Sendable (String) async throws -> T
    ) async -> (wins: [T], refusals: [String]) {
        await withTaskGroup(of: Result<T, any Error>.self) { group in
            for member in members {
                group.addTask {
                    do { return .success(try await body(member)) } catch { return .failure(error) }
                }
            }
            var wins: [T] = [], refusals: [String] = []
            for await result in group {
                switch result {
                case .success(let value): wins.append(value)
                case .failure(let error): refusals.append((error as? CoopError)?.code ?? "\(error)")
                }
            }
            return (wins, refusals)
        }
    }

    @Test func thirtyTwoCheckOutsOfOneUnitMakeOneLoan() async throws {
        let (db, members) = try await Self.arena()
        let service = db.lending
        let (wins, refusals) = await Self.race(members) { member in
            try await service.checkOut(item: "LAST", member: member)
        }
        #expect(wins.count == 1)
        #expect(refusals.count == Self.racers - 1)
        #expect(refusals.allSatisfy { $0 == "lending.units_unavailable" })
        #expect(try await db.unitsOut("LAST") == 1)
        #expect(try await db.count("lending_loans") == 1)
        #expect(try await db.count("lending_loans", where: "status = 'open' AND member_number = '\(wins[0].member)'") == 1)
        #expect(try await db.count("inventory_movements", where: "kind = 'checkOut'") == 1)
        #expect(try await db.count("lending_events", where: "kind = 'check_out'") == 1)
    }

    @Test func thirtyTwoReservationsOfTheSameRangeMakeOneBooking() async throws {
        let (db, members) = try await Self.arena()
        let service = db.lending
        let (wins, refusals) = await Self.race(members) { member in
            try await service.reserve(item: "LAST", member: member, from: day("2026-03-20"), to: day("2026-03-22"))
        }
        #expect(wins.count == 1)
        #expect(refusals.count == Self.racers - 1)
        #expect(refusals.allSatisfy { $0 == "lending.units_unavailable" })
        #expect(try await db.count("lending_reservations") == 1)
        #expect(try await db.count("lending_reservations", where: "member_number = '\(wins[0].member)'") == 1)
        #expect(try await db.unitsOut("LAST") == 0)
    }
}
