import CoopCore
import Testing
@testable import Membership
import CoopTestSupport

@Suite("Membership plans")
struct PlanTests {
    @Test func createdPlanIsListedAndFoundWithoutRegardToCase() async throws {
        let db = try await TestDatabase()
        let created = try await db.service.addPlan(
            Plan(name: "  Annual  ", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        #expect(created == Plan(name: "Annual", fee: Money(cents: 4000), months: 12, maxLoans: 5, maxReservations: 3))
        try await db.addPlan("Monthly", feeCents: 500, months: 1)

        #expect(try await db.service.plans().map(\.name) == ["Annual", "Monthly"])
        let found = try await db.service.plan("ANNUAL")
        #expect(found == created)
    }

    @Test func aFreePlanIsAllowed() async throws {
        let db = try await TestDatabase()
        let plan = try await db.addPlan("Solidarity", feeCents: 0, months: 120, maxLoans: 0, maxReservations: 0)
        #expect(plan.fee == .zero)
        #expect(try await db.count("membership_plans") == 1)
    }

    @Test func duplicateNameInAnotherCaseIsRefusedAndTheFirstPlanIsKept() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000)
        let before = try await db.snapshot()

        let error = try await expectRefusal("membership.plan_exists") { try await db.addPlan("aNNUAL", feeCents: 9900) }
        #expect(error.kind == .conflict)
        #expect(error.field == "name")
        #expect(error.message(.fr).contains("aNNUAL"))

        #expect(try await db.snapshot() == before)
        #expect(try await db.service.plan("Annual").fee == Money(cents: 4000))
    }

    @Test func negativeFeeIsRefusedInBothLanguages() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.negative_fee") { try await db.addPlan(feeCents: -100) }
        #expect(error.kind == .invalid)
        #expect(error.field == "fee")
        #expect(error.message(.fr) == "La cotisation ne peut pas être négative (-1,00 $).")
        #expect(error.message(.en) == "The fee cannot be negative (-$1.00).")
        #expect(try await db.count("membership_plans") == 0)
    }

    @Test(arguments: [0, -1, 121])
    func periodOutsideOneToOneHundredTwentyMonthsIsRefused(months: Int) async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.invalid_period") { try await db.addPlan(months: months) }
        #expect(error.field == "months")
        #expect(error.message(.en).contains("got \(months)"))
        #expect(try await db.count("membership_plans") == 0)
    }

    @Test func periodLimitsOneAndOneHundredTwentyAreAccepted() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Short", months: 1)
        try await db.addPlan("Long", months: 120)
        #expect(try await db.service.plans().map(\.months) == [120, 1])
    }

    @Test func negativeLoanLimitIsRefused() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.negative_limit") { try await db.addPlan(maxLoans: -1) }
        #expect(error.field == "maxLoans")
        #expect(try await db.count("membership_plans") == 0)
    }

    @Test func negativeReservationLimitIsRefused() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.negative_limit") { try await db.addPlan(maxReservations: -2) }
        #expect(error.field == "maxReservations")
        #expect(try await db.count("membership_plans") == 0)
    }

    @Test(arguments: ["", "   "])
    func blankNameIsRequired(name: String) async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("common.required") { try await db.addPlan(name) }
        #expect(error.field == "name")
        #expect(try await db.count("membership_plans") == 0)
    }

    @Test func nameLongerThanSixtyCharactersIsRefused() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("common.too_long") { try await db.addPlan(String(repeating: "x", count: 61)) }
        try await db.addPlan(String(repeating: "x", count: 60))
        #expect(try await db.count("membership_plans") == 1)
    }

    @Test func unknownPlanIsNotFound() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.plan_not_found") { try await db.service.plan("Gold") }
        #expect(error.kind == .notFound)
        #expect(error.message(.en) == "Membership plan not found: \"Gold\".")
    }
}
