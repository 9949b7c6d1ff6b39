import CoopCore
import Foundation
import Testing
@testable import Lending
import CoopTestSupport

@Suite("Holds: the waitlist, offers, expiry, reordering")
struct HoldTests {
    /// T-1 (one unit) lent to Alice (M-0001) until 2026-03-30; Bob (M-0002) then Carol (M-0003) wait for
    /// it; Dan (M-0004) walks in later. Offers last 2 days.
    static func queue() async throws -> (TestLending, Loan, Hold, Hold) {
        let db = try await TestLending()
        try await db.policy(holdReadyDays: 2)
        for name in ["Alice", "Bob", "Carol", "Dan"] { try await db.member(name) }
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001")
        let bob = try await db.lending.placeHold(item: "T-1", member: "M-0002")
        let carol = try await db.lending.acting(as: .member("M-0003")).placeHold(item: "t-1", member: "3")
        return (db, loan, bob, carol)
    }

    @Test func holdsQueueInOrder() async throws {
        let (db, _, bob, carol) = try await Self.queue()
        #expect(bob.status == .waiting && bob.position == 1 && bob.readyUntil == nil)
        #expect(carol.position == 2 && carol.member == "M-0003")
        let json = try jsonObject(carol)
        for key in ["id", "item", "member", "status", "position", "readyUntil"] { #expect(json.keys.contains(key)) }
        #expect(try await db.lending.holds(item: "T-1").map(\.member) == ["M-0002", "M-0003"])
        #expect(try await db.lending.acting(as: .member("M-0003")).holds(member: "M-0003").map(\.id) == [carol.id])
    }

    @Test func noHoldWhenAUnitIsFreeAndOnlyOneHoldPerMember() async throws {
        let (db, _, _, _) = try await Self.queue()
        try await db.item("T-2")
        let error = try await db.expectUnchanged("lending.hold_not_needed") { try await db.lending.placeHold(item: "T-2", member: "M-0002") }
        #expect(error.arguments["available"]?.number == 1)
        let twice = try await db.expectUnchanged("lending.hold_exists") { try await db.lending.placeHold(item: "T-1", member: "M-0002") }
        #expect(twice.arguments["id"] == .integer(1))
        try await db.expectUnchanged("auth.not_your_data") { try await db.lending.acting(as: .member("M-0003")).placeHold(item: "T-1", member: "M-0004") }
        _ = try await db.membership.suspend("M-0004", reason: "unpaid")
        try await db.expectUnchanged("lending.member_inactive") { try await db.lending.placeHold(item: "T-1", member: "M-0004") }
    }

    @Test func aReturnOffersTheUnitToTheFirstInLineAndKeepsItForThem() async throws {
        let (db, loan, bob, carol) = try await Self.queue()
        db.setDay(day("2026-03-20"))
        let returned = try await db.lending.checkIn(loan: loan.id)
        let offered = try await db.lending.hold(bob.id)
        #expect(offered.status == .ready && offered.readyUntil == day("2026-03-21") && offered.position == nil)
        // The return itself says so, for the desk to put the item aside.
        #expect(returned.holdsReady == [offered])
        #expect(try await db.lending.loan(loan.id).holdsReady == nil, "only the check-in's answer carries it")
        #expect(try await db.lending.hold(carol.id).position == 1)
        // Nobody else gets it while it is kept, not even the next in line, and the refusal says for whom.
        let error = try await db.expectUnchanged("lending.unit_held") { try await db.lending.checkOut(item: "T-1", member: "M-0004") }
        #expect(error.message(.fr) == "T-1 est gardé pour M-0002, qui l’attendait, jusqu’au 2026-03-21 (demande d’attente \(bob.id)) : il ne peut pas être prêté à quelqu’un d’autre d’ici là.")
        #expect(error.kind == .conflict)
        try await db.expectUnchanged("lending.unit_held") { try await db.lending.checkOut(item: "T-1", member: "M-0003") }
        try await db.expectUnchanged("lending.units_unavailable") {
            try await db.lending.reserve(item: "T-1", member: "M-0004", from: day("2026-03-21"), to: day("2026-03-22"))
        }
        // Bob takes it: his hold is fulfilled by that loan.
        let bobs = try await db.lending.checkOut(item: "T-1", member: "M-0002")
        let fulfilled = try await db.lending.hold(bob.id)
        #expect(fulfilled.status == .fulfilled && fulfilled.loan == bobs.id)
        #expect(try await db.lending.holds(item: "T-1").map(\.member) == ["M-0003"])
    }

    @Test func theDeskListsTheOffersToKeepAsideUntilTheyLapse() async throws {
        let (db, loan, bob, _) = try await Self.queue()
        #expect(try await db.lending.holdsReady().isEmpty, "waiting is not ready")
        db.setDay(day("2026-03-20"))
        _ = try await db.lending.checkIn(loan: loan.id)
        let ready = try await db.lending.holdsReady()
        #expect(ready.map(\.id) == [bob.id] && ready[0].readyUntil == day("2026-03-21") && ready[0].itemName == "Article T-1")
        db.setDay(day("2026-03-22"))
        #expect(try await db.lending.holdsReady().isEmpty, "a lapsed offer is no longer kept aside")
    }

    @Test func anOfferNotTakenExpiresAndPassesToTheNextInLine() async throws {
        let (db, loan, bob, carol) = try await Self.queue()
        db.setDay(day("2026-03-20"))
        _ = try await db.lending.checkIn(loan: loan.id)
        db.setDay(day("2026-03-21"), hour: 20)
        #expect(try await db.lending.hold(bob.id).status == .ready)
        db.setDay(day("2026-03-22"))
        // Read before any write: the lapsed offer already reads expired.
        #expect(try await db.lending.hold(bob.id).status == .expired)
        let line = try await db.lending.holds(item: "T-1", includeClosed: true)
        #expect(line.map(\.id) == [carol.id, bob.id])
        #expect(line[0].status == .ready && line[0].readyUntil == day("2026-03-23"))
        #expect(line[1].status == .expired)
        try await db.expectUnchanged("lending.unit_held") { try await db.lending.checkOut(item: "T-1", member: "M-0002") }
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0003").member == "M-0003")
        #expect(try await db.count("lending_events", where: "kind = 'hold_expired'") == 1)
    }

    @Test func aWalkInGetsTheUnitOnlyWhenNobodyWaits() async throws {
        let (db, loan, bob, carol) = try await Self.queue()
        _ = try await db.lending.cancelHold(bob.id)
        _ = try await db.lending.acting(as: .member("M-0003")).cancelHold(carol.id)
        _ = try await db.lending.checkIn(loan: loan.id)
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0004").member == "M-0004")
    }

    @Test func staffReorderTheQueue() async throws {
        let (db, _, bob, carol) = try await Self.queue()
        let dan = try await db.lending.placeHold(item: "T-1", member: "M-0004")
        var line = try await db.lending.moveHold(dan.id, to: 1)
        #expect(line.map(\.id) == [dan.id, bob.id, carol.id])
        #expect(line.map(\.position) == [1, 2, 3])
        line = try await db.lending.moveHold(dan.id, to: 99)
        #expect(line.map(\.id) == [bob.id, carol.id, dan.id])
        line = try await db.lending.moveHold(carol.id, to: 1)
        #expect(line.map(\.id) == [carol.id, bob.id, dan.id])
        try await db.expectUnchanged("lending.invalid_position") { try await db.lending.moveHold(carol.id, to: 0) }
        try await db.expectUnchanged("lending.hold_not_found") { try await db.lending.moveHold(999, to: 1) }
        // The reordered queue is the one a return follows.
        _ = try await db.lending.checkIn(item: "T-1")
        #expect(try await db.lending.hold(carol.id).status == .ready)
        try await db.expectUnchanged("lending.hold_not_waiting") { try await db.lending.moveHold(carol.id, to: 2) }
    }

    @Test func cancellingAnOfferPassesItOn() async throws {
        let (db, loan, bob, carol) = try await Self.queue()
        _ = try await db.lending.checkIn(loan: loan.id)
        try await db.expectUnchanged("auth.not_your_data") { try await db.lending.acting(as: .member("M-0003")).cancelHold(bob.id) }
        let cancelled = try await db.lending.acting(as: .member("M-0002")).cancelHold(bob.id)
        #expect(cancelled.status == .cancelled)
        #expect(try await db.lending.hold(carol.id).status == .ready)
        try await db.expectUnchanged("lending.hold_not_active") { try await db.lending.cancelHold(bob.id) }
        try await expectRefusal("auth.not_your_data") { try await db.lending.acting(as: .member("M-0002")).hold(carol.id) }
    }

    @Test func aMemberWhoBorrowsTheItemLeavesTheQueue() async throws {
        let db = try await TestLending()
        for name in ["Alice", "Bob"] { try await db.member(name) }
        try await db.item("T-1", quantity: 2)
        _ = try await db.lending.checkOut(item: "T-1", member: "M-0001", units: 2)
        let hold = try await db.lending.placeHold(item: "T-1", member: "M-0002")
        let first = try await db.lending.checkIn(item: "T-1")
        #expect(first.status == .returned)
        #expect(try await db.lending.hold(hold.id).status == .ready)
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0002")
        #expect(try await db.lending.hold(hold.id).loan == loan.id)
    }

    @Test func unitsComingBackTogetherAreOfferedToAsManyInLine() async throws {
        let db = try await TestLending()
        for name in ["Alice", "Bob", "Carol", "Dan"] { try await db.member(name) }
        try await db.item("T-1", quantity: 2)
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0001", units: 2)
        let bob = try await db.lending.placeHold(item: "T-1", member: "M-0002")
        let carol = try await db.lending.placeHold(item: "T-1", member: "M-0003")
        let dan = try await db.lending.placeHold(item: "T-1", member: "M-0004")
        _ = try await db.lending.checkIn(loan: loan.id)
        #expect(try await db.lending.hold(bob.id).status == .ready)
        #expect(try await db.lending.hold(carol.id).status == .ready)
        let waiting = try await db.lending.hold(dan.id)
        #expect(waiting.status == .waiting && waiting.position == 1)
    }
}
