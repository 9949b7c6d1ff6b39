import CoopCore
import CoopTestSupport
import Membership
import Testing
@testable import Lending

/// Lending's access table (`LendingVerb`), one case per verb: whom its rule names gets in, everyone
/// else is refused with 401 or 403 before anything is read. The switch is exhaustive, so a new verb
/// cannot be added without a case here.
@Suite struct LendingAccessTests {
    /// Who may call each verb, as the README's "Who may do what" says: the test's copy of the table.
    static func rule(_ verb: LendingVerb) -> AccessRule {
        switch verb {
        case .availability, .policies, .policy, .closures: .anyone
        case .renew, .loan, .loans, .reserve, .cancelReservation, .reservation, .reservations,
             .placeHold, .holds, .hold, .cancelHold, .fees, .fee, .account: .signedIn
        case .checkOut, .checkIn, .pickUp, .declareLost, .chargeDamage, .waiveFee, .addPayment, .waitlist, .moveHold,
             .settings, .dueToday, .expectedReturns, .overdue, .toPrepare, .holdsReady, .popular, .neverBorrowed: .staff
        case .setPolicy, .removePolicy, .setWeeklyClosures, .addClosure, .removeClosure, .setFeeThreshold, .updateSettings: .admin
        }
    }

    @Test(arguments: LendingVerb.allCases)
    func eachVerbLetsInOnlyWhomItsRuleNames(verb: LendingVerb) async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.item("T-1", quantity: 3)
        let day = TestLending.today.adding(days: 7)
        try await expectAccess(verb, expected: Self.rule(verb)) { caller in
            let lending = db.lending.acting(as: caller)
            switch verb {
            case .checkOut: _ = try await lending.checkOut(item: "T-1", member: "M-0001")
            case .checkIn: _ = try await lending.checkIn(loan: 1)
            case .pickUp: _ = try await lending.pickUp(reservation: 1)
            case .declareLost: _ = try await lending.declareLost(loan: 1)
            case .chargeDamage: _ = try await lending.chargeDamage(loan: 1, amount: Money(cents: 500), reason: "cassé")
            case .waiveFee: _ = try await lending.waiveFee(1, reason: "geste")
            case .addPayment: _ = try await lending.addPayment(member: "M-0001", amount: Money(cents: 100), method: .cash)
            case .renew: _ = try await lending.renew(loan: 1)
            case .loan: _ = try await lending.loan(1)
            case .loans: _ = try await lending.loans()
            case .reserve: _ = try await lending.reserve(item: "T-1", member: "M-0001", from: day, to: day)
            case .cancelReservation: _ = try await lending.cancelReservation(1)
            case .reservation: _ = try await lending.reservation(1)
            case .reservations: _ = try await lending.reservations()
            case .placeHold: _ = try await lending.placeHold(item: "T-1", member: "M-0001")
            case .holds: _ = try await lending.holds(member: "M-0001")
            case .hold: _ = try await lending.hold(1)
            case .cancelHold: _ = try await lending.cancelHold(1)
            case .waitlist: _ = try await lending.holds(item: "T-1")
            case .moveHold: _ = try await lending.moveHold(1, to: 1)
            case .fees: _ = try await lending.fees(member: "M-0001")
            case .fee: _ = try await lending.fee(1)
            case .account: _ = try await lending.account(member: "M-0001")
            case .availability: _ = try await lending.availability(item: "T-1", from: day, to: day)
            case .policies: _ = try await lending.policies()
            case .policy: _ = try await lending.policy(forItem: "T-1")
            case .closures: _ = try await lending.closures()
            case .setPolicy: _ = try await lending.setPolicy(LoanPolicyInput(loanDays: 7, maxRenewals: 1, feePerDay: Money(cents: 100), graceDays: 0, feeCap: Money(cents: 1_000)))
            case .removePolicy: _ = try await lending.removePolicy(category: "Outils")
            case .setWeeklyClosures: _ = try await lending.setWeeklyClosures([7])
            case .addClosure: _ = try await lending.addClosure(on: day, reason: "Férié")
            case .removeClosure: _ = try await lending.removeClosure(on: day)
            case .settings: _ = try await lending.settings()
            case .setFeeThreshold: _ = try await lending.setFeeThreshold(Money(cents: 1_000))
            case .updateSettings: _ = try await lending.updateSettings(overdueBlocksLoans: true)
            case .dueToday: _ = try await lending.dueToday()
            case .expectedReturns: _ = try await lending.expectedReturns()
            case .overdue: _ = try await lending.overdue()
            case .toPrepare: _ = try await lending.toPrepare()
            case .holdsReady: _ = try await lending.holdsReady()
            case .popular: _ = try await lending.popular()
            case .neverBorrowed: _ = try await lending.neverBorrowed()
            }
        }
    }

    @Test func aMemberReachesOnlyTheirOwnLoansAndFees() async throws {
        let db = try await TestLending()
        try await db.member("Alice")
        try await db.member("Bob")
        try await db.item("T-1")
        let loan = try await db.lending.checkOut(item: "T-1", member: "M-0002")
        let alice = db.lending.acting(as: .member("M-0001"))
        try await expectRefusal("auth.not_your_data") { try await alice.loan(loan.id) }
        try await expectRefusal("auth.not_your_data") { try await alice.renew(loan: loan.id) }
        try await expectRefusal("auth.not_your_data") { try await alice.fees(member: "M-0002") }
        try await expectRefusal("auth.not_your_data") { try await alice.loans(LoanFilter(member: "M-0002")) }
        #expect(try await alice.loans().items.isEmpty, "a member's list is their own, whatever they ask")
        #expect(try await alice.fees(member: nil).isEmpty)
        #expect(try await db.lending.acting(as: .member("M-0002")).loans().items.map(\.id) == [loan.id])
        try await expectRefusal("common.required") { try await db.lending.acting(as: .staff("desk")).fees(member: nil) }
    }
}
