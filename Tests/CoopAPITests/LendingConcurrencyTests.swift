import Coop
import CoopCore
import CoopHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Inventory
import Lending
import Membership
import Testing
@testable import coop_api

/// Desks and members racing for the last unit through the API: exactly one wins, every other request
/// gets 409 `lending.units_unavailable`, and the database holds exactly what the winner did.
@Suite struct LendingConcurrencyTests {
    static let racers = 32

    /// The test co-op with a one-unit item and `racers` more active members on the "Annuel" plan.
    static func race() async throws -> (TestCoop, [Member]) {
        let coop = try await TestCoop.make()
        _ = try await coop.coop.inventory.addItem(NewItem(code: "T-0001", name: "Perceuse sans fil", quantity: 1), createPaths: true)
        var members: [Member] = []
        for i in 0..<racers {
            members.append(try await coop.coop.membership.addMember(
                NewMember(firstName: "Racer\(i)", lastName: "Test", email: "racer\(i)@example.org", plan: "Annuel")))
        }
        return (coop, members)
    }

    /// Fires every request at once and returns each answer's status and problem code.
    static func fire(_ requests: [(token: String, body: String)], uri: String, client: any TestClientProtocol) async throws -> [(Int, String?)] {
        try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for request in requests {
                group.addTask {
                    try await client.execute(uri: uri, method: .post, headers: headers(token: request.token), body: body(request.body)) { response in
                        (response.status.code, response.status == .created ? nil : response.object["code"] as? String)
                    }
                }
            }
            var results: [(Int, String?)] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    /// SQLite's own checks, and that no row points nowhere.
    static func checkIntegrity(_ coop: TestCoop) async throws {
        let (integrity, orphans) = try await coop.coop.context.database.read { db in
            (try db.scalar("PRAGMA integrity_check", as: String.self), try db.query("PRAGMA foreign_key_check").count)
        }
        #expect(integrity == "ok")
        #expect(orphans == 0)
    }

    @Test func thirtyTwoCheckOutsOfTheLastUnitOneWins() async throws {
        let (coop, members) = try await Self.race()
        try await coop.test { client in
            let requests = members.map { (token: coop.staff, body: #"{"item":"T-0001","member":"\#($0.number)"}"#) }
            let results = try await Self.fire(requests, uri: "/api/v1/loans", client: client)
            #expect(results.count == Self.racers)
            #expect(results.filter { $0.0 == 201 }.count == 1)
            #expect(results.filter { $0.0 == 409 && $0.1 == "lending.units_unavailable" }.count == Self.racers - 1)

            let item = try await coop.coop.inventory.item("T-0001")
            #expect(item.unitsOut == 1)
            #expect(item.available == 0)
            let open = try await coop.coop.lending.loans(LoanFilter(item: "T-0001", open: true))
            #expect(open.items.count == 1)
            let (loans, checkOuts, events) = try await coop.coop.context.database.read { db in
                (try db.scalar("SELECT count(*) FROM lending_loans", as: Int.self),
                 try db.scalar("SELECT count(*) FROM inventory_movements WHERE kind = 'checkOut'", as: Int.self),
                 try db.scalar("SELECT count(*) FROM lending_events WHERE kind = 'check_out'", as: Int.self))
            }
            #expect(loans == 1)
            #expect(checkOuts == 1)
            #expect(events == 1)
            try await Self.checkIntegrity(coop)

            // The winner brings it back: the unit is free again and the database agrees.
            try await client.execute(uri: "/api/v1/loans/\(open.items[0].id)/return", method: .post, headers: headers(token: coop.staff)) { response in
                #expect(response.status == .ok)
            }
            #expect(try await coop.coop.inventory.item("T-0001").available == 1)
        }
    }

    @Test func thirtyTwoReservationsOfTheSameRangeOneWins() async throws {
        let (coop, members) = try await Self.race()
        var created: [String] = []
        for member in members { created.append(try await coop.coop.tokens.create(role: .member, member: member.number).token) }
        let tokens = created
        let today = coop.coop.context.today()
        let (from, to) = (today.adding(days: 7).iso8601, today.adding(days: 9).iso8601)
        try await coop.test { client in
            // Each member books for themself with their own token.
            let requests = zip(members, tokens).map { member, token in
                (token: token, body: #"{"item":"T-0001","member":"\#(member.number)","from":"\#(from)","to":"\#(to)"}"#)
            }
            let results = try await Self.fire(requests, uri: "/api/v1/reservations", client: client)
            #expect(results.count == Self.racers)
            #expect(results.filter { $0.0 == 201 }.count == 1)
            #expect(results.filter { $0.0 == 409 && $0.1 == "lending.units_unavailable" }.count == Self.racers - 1)

            let booked = try await coop.coop.lending.reservations(ReservationFilter(item: "T-0001", status: .booked))
            #expect(booked.items.count == 1)
            let all = try await coop.coop.context.database.read { db in
                try db.scalar("SELECT count(*) FROM lending_reservations", as: Int.self)
            }
            #expect(all == 1)
            let availability = try await coop.coop.lending.availability(item: "T-0001", from: today.adding(days: 7), to: today.adding(days: 9))
            #expect(availability.free == 0)
            #expect(try await coop.coop.lending.availability(item: "T-0001", from: today, to: today.adding(days: 6)).free == 1)
            #expect(try await coop.coop.inventory.item("T-0001").unitsOut == 0)
            try await Self.checkIntegrity(coop)
        }
    }
}
