import CoopCore
import Foundation
import Testing
@testable import Membership
import CoopTestSupport

@Suite("Members: registration, status, renewal, suspension, updates, lists")
struct MembershipServiceTests {
    // MARK: Registration

    @Test func newMemberGetsFirstNumberAndDefaults() async throws {
        let db = try await TestDatabase()
        let member = try await db.service.addMember(NewMember(firstName: "  Alice ", lastName: " Tremblay", email: " Alice@Example.org "))
        #expect(member.number == "M-0001")
        #expect(member.firstName == "Alice")
        #expect(member.lastName == "Tremblay")
        #expect(member.email == "Alice@Example.org")
        #expect(member.phone == nil)
        #expect(member.language == .fr)
        #expect(member.category == .user)
        #expect(member.plan == nil)
        #expect(member.status == .active)
        #expect(member.joinedOn == TestDatabase.today)
        #expect(member.membershipEnds == nil)
        #expect(member.shareCapital == .zero)
        #expect(member.anonymized == false)
        #expect(try await db.service.member("M-0001") == member)
        #expect(try await db.count("membership_events", where: "kind = 'joined'") == 1)
    }

    @Test func givenFieldsAreKept() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual")
        let member = try await db.service.addMember(NewMember(
            firstName: "Bob", lastName: "Gagnon", email: "bob@example.org", phone: "+1 (514) 555-0101",
            language: .en, category: .worker, plan: "annual", shareCapital: Money(cents: 10_000)))
        #expect(member.phone == "+1 (514) 555-0101")
        #expect(member.language == .en)
        #expect(member.category == .worker)
        #expect(member.plan == "Annual")
        #expect(member.shareCapital == Money(cents: 10_000))
    }

    @Test func joinedDateIsTheCoopsLocalDate() async throws {
        let db = try await TestDatabase()
        // 02:00 UTC on the 16th is still 22:00 on the 15th in Toronto.
        db.setClock("2026-03-16T02:00:00Z")
        #expect(try await db.addMember().joinedOn == LocalDate(year: 2026, month: 3, day: 15))
    }

    @Test func membershipEndsOnePlanPeriodAfterJoining() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", months: 12)
        try await db.addPlan("Quarter", months: 3)
        let annual = try await db.addMember("Alice", plan: "Annual")
        let quarter = try await db.addMember("Bob", plan: "Quarter")
        #expect(annual.membershipEnds == LocalDate(year: 2027, month: 3, day: 15))
        #expect(quarter.membershipEnds == LocalDate(year: 2026, month: 6, day: 15))
    }

    @Test func membershipEndIsClampedToTheLastDayOfAShortMonth() async throws {
        let db = try await TestDatabase()
        db.setClock("2026-01-31T17:00:00Z")
        try await db.addPlan("Monthly", months: 1)
        #expect(try await db.addMember(plan: "Monthly").membershipEnds == LocalDate(year: 2026, month: 2, day: 28))
    }

    @Test func numbersAreSequential() async throws {
        let db = try await TestDatabase()
        var numbers: [String] = []
        for name in ["Alice", "Bob", "Chloé"] { numbers.append(try await db.addMember(name).number) }
        #expect(numbers == ["M-0001", "M-0002", "M-0003"])
        #expect(try await db.memberSequence() == 3)
    }

    @Test func refusedRegistrationsUseNoNumberSoNumbersStayGapless() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await expectRefusal("membership.email_taken") { try await db.addMember("Alice") }
        try await expectRefusal("membership.plan_not_found") { try await db.addMember("Bob", plan: "Gold") }
        try await expectRefusal("membership.invalid_email") { try await db.addMember("Bob", email: "bob") }
        #expect(try await db.memberSequence() == 1)
        #expect(try await db.addMember("Bob").number == "M-0002")
        #expect(try await db.service.allMembers().map(\.number) == ["M-0001", "M-0002"])
    }

    @Test func numbersOfAnonymizedMembersAreNeverReused() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice")
        try await db.addMember("Bob")
        _ = try await db.service.anonymize("M-0002")
        #expect(try await db.addMember("Bob").number == "M-0003")
    }

    @Test func fourDigitPaddingGrowsPastNineThousandNineHundredNinetyNine() {
        #expect(Member.number(1) == "M-0001")
        #expect(Member.number(9999) == "M-9999")
        #expect(Member.number(10_000) == "M-10000")
    }

    @Test func twentyConcurrentRegistrationsGetTwentyDistinctGaplessNumbers() async throws {
        let db = try await TestDatabase()
        let service = db.service
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 1...20 {
                group.addTask {
                    try await service.addMember(NewMember(firstName: "P\(i)", lastName: "Concurrent", email: "p\(i)@example.org")).number
                }
            }
            var numbers: [String] = []
            for try await number in group { numbers.append(number) }
            return numbers
        }
        #expect(numbers.sorted() == (1...20).map { Member.number(Int64($0)) })
        #expect(try await db.count("members") == 20)
        #expect(try await db.memberSequence() == 20)
        // Each member received the number stored with its own email.
        for member in try await db.service.allMembers() {
            #expect(member.email == "\(member.firstName.lowercased())@example.org")
        }
    }

    @Test func twoConcurrentRegistrationsWithOneEmailLetExactlyOneIn() async throws {
        let db = try await TestDatabase()
        let service = db.service
        let outcomes = await withTaskGroup(of: String.self) { group in
            for name in ["Alice", "Alicia", "Ali"] {
                group.addTask {
                    do {
                        return try await service.addMember(NewMember(firstName: name, lastName: "T", email: "ALICE@example.org")).number
                    } catch let error as CoopError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var outcomes: [String] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted()
        }
        #expect(outcomes == ["M-0001", "membership.email_taken", "membership.email_taken"])
        #expect(try await db.count("members") == 1)
    }

    @Test func memberJSONUsesTheDocumentedFieldNames() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual")
        let member = try await db.addMember(plan: "Annual")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(member)) as? [String: Any])
        #expect(object["number"] as? String == "M-0001")
        #expect(object["firstName"] as? String == "Alice")
        #expect(object["lastName"] as? String == "Tremblay")
        #expect(object["email"] as? String == "alice@example.org")
        #expect(object["status"] as? String == "active")
        #expect(object["plan"] as? String == "Annual")
        #expect(object["membershipEnds"] as? String == "2027-03-15")
        #expect(object["joinedOn"] as? String == "2026-03-15")
        #expect(object["language"] as? String == "fr")
        #expect(object["category"] as? String == "user")

        let input = try JSONDecoder().decode(NewMember.self, from: utf8(#"{"firstName":"Bob","lastName":"Gagnon","email":"bob@example.org","category":"worker"}"#))
        #expect(input == NewMember(firstName: "Bob", lastName: "Gagnon", email: "bob@example.org", category: .worker))
    }

    // MARK: Bad input on registration

    @Test(arguments: ["alice", "alice@", "@example.org", "alice@example", "alice@example.c", "alice@@example.org",
                      "al ice@example.org", "alice@example..org", "alice@-example.org", "<alice>@example.org",
                      "alice@example.org;bob@example.org"])
    func malformedEmailIsRefusedAndNothingIsStored(email: String) async throws {
        let db = try await TestDatabase()
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.invalid_email") { try await db.addMember(email: email) }
        #expect(error.kind == .invalid)
        #expect(error.field == "email")
        #expect(error.message(.fr).contains(email))
        #expect(error.message(.en).contains(email))
        #expect(try await db.snapshot() == before)
    }

    @Test func emptyEmailIsRequired() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("common.required") { try await db.addMember(email: "  ") }
        #expect(error.field == "email")
        #expect(try await db.count("members") == 0)
    }

    @Test(arguments: ["alice@example.org", "ALICE@Example.ORG", " alice@example.org "])
    func emailAlreadyUsedInAnyCaseIsRefused(email: String) async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice", email: "alice@example.org")
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.email_taken") { try await db.addMember("Other", email: email) }
        #expect(error.kind == .conflict)
        #expect(error.field == "email")
        #expect(try await db.snapshot() == before)
        #expect(try await db.count("members") == 1)
    }

    @Test func unknownPlanIsRefusedAndNothingIsStored() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual")
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.plan_not_found") { try await db.addMember(plan: "Gold") }
        #expect(error.kind == .notFound)
        #expect(error.field == "plan")
        #expect(error.message(.fr).contains("Gold"))
        #expect(try await db.snapshot() == before)
    }

    @Test func blankNamesAreRequired() async throws {
        let db = try await TestDatabase()
        let first = try await expectRefusal("common.required") { try await db.addMember(" ", "Tremblay", email: "a@example.org") }
        #expect(first.field == "firstName")
        let last = try await expectRefusal("common.required") { try await db.addMember("Alice", "", email: "a@example.org") }
        #expect(last.field == "lastName")
        #expect(try await db.count("members") == 0)
    }

    @Test func malformedPhoneIsRefused() async throws {
        let db = try await TestDatabase()
        let error = try await expectRefusal("membership.invalid_phone") { try await db.addMember(phone: "call me maybe") }
        #expect(error.field == "phone")
        #expect(try await db.count("members") == 0)
    }

    @Test func negativeShareCapitalIsRefused() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("common.invalid_amount") {
            try await db.service.addMember(NewMember(firstName: "A", lastName: "B", email: "a@example.org", shareCapital: Money(cents: -1)))
        }
        #expect(try await db.count("members") == 0)
    }

    // MARK: Finding members

    @Test(arguments: ["M-0001", "m-1", "1", " M-1 ", "0001", "m-0001"])
    func memberNumbersAreReadInAnyUsualForm(text: String) async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        #expect(MembershipService.normalizedNumber(text) == "M-0001")
        #expect(try await db.service.member(text).number == "M-0001")
    }

    @Test(arguments: ["M-0002", "2", "abc", "0", ""])
    func unknownMemberIsNotFound(text: String) async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let error = try await expectRefusal("membership.member_not_found") { try await db.service.member(text) }
        #expect(error.kind == .notFound)
    }

    // MARK: Status

    @Test func memberIsActiveThroughTheLastDayAndExpiredTheDayAfterInLocalTime() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", months: 12)
        try await db.addMember(plan: "Annual")
        // 23:59 on 2027-03-15 in Toronto: the last paid day.
        db.setClock("2027-03-16T03:59:00Z")
        #expect(try await db.service.member("M-0001").status == .active)
        // Midnight in Toronto.
        db.setClock("2027-03-16T04:00:00Z")
        #expect(try await db.service.member("M-0001").status == .expired)
        db.clock.advance(days: 400)
        #expect(try await db.service.member("M-0001").status == .expired)
    }

    @Test func memberWithoutPlanNeverExpires() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        db.clock.advance(days: 3650)
        #expect(try await db.service.member("M-0001").status == .active)
    }

    // MARK: Suspension

    @Test func suspendAndReinstateWithReasons() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let suspended = try await db.service.suspend("m-1", reason: "  Unpaid fees  ")
        #expect(suspended.status == .suspended)
        #expect(suspended.suspensionReason == "Unpaid fees")
        #expect(try await db.service.member("M-0001").status == .suspended)

        db.clock.advance(days: 1)
        let reinstated = try await db.service.reinstate("M-0001", reason: "Paid")
        #expect(reinstated.status == .active)
        #expect(reinstated.suspensionReason == nil)

        let events = try await db.service.personalData("M-0001").events
        #expect(events.map(\.kind) == ["joined", "suspended", "reinstated"])
        #expect(events.map(\.reason) == [nil, "Unpaid fees", "Paid"])
        #expect(events[2].at == TestDatabase.start.adding(seconds: 86_400))
    }

    @Test func suspensionOutranksExpiry() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Monthly", months: 1)
        try await db.addMember(plan: "Monthly")
        _ = try await db.service.suspend("M-0001", reason: "Damage")
        db.clock.advance(days: 60)
        #expect(try await db.service.member("M-0001").status == .suspended)
        #expect(try await db.service.reinstate("M-0001").status == .expired)
    }

    @Test(arguments: ["", "   ", "\n\t"])
    func suspensionNeedsAReason(reason: String) async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let before = try await db.snapshot()
        let error = try await expectRefusal("common.required") { try await db.service.suspend("M-0001", reason: reason) }
        #expect(error.field == "reason")
        #expect(try await db.snapshot() == before)
        #expect(try await db.service.member("M-0001").status == .active)
    }

    @Test func suspendingTwiceIsRefusedAndKeepsTheFirstReason() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        _ = try await db.service.suspend("M-0001", reason: "First")
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.already_suspended") { try await db.service.suspend("M-0001", reason: "Second") }
        #expect(error.kind == .conflict)
        #expect(error.message(.en) == "Member M-0001 is already suspended.")
        #expect(try await db.snapshot() == before)
        #expect(try await db.service.member("M-0001").suspensionReason == "First")
    }

    @Test func reinstatingAMemberWhoIsNotSuspendedIsRefused() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.not_suspended") { try await db.service.reinstate("M-0001") }
        #expect(error.message(.fr) == "Le membre M-0001 n’est pas suspendu.")
        #expect(try await db.snapshot() == before)
    }

    @Test func suspendingAnUnknownMemberIsNotFound() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("membership.member_not_found") { try await db.service.suspend("M-0042", reason: "x") }
        try await expectRefusal("membership.member_not_found") { try await db.service.reinstate("M-0042") }
        #expect(try await db.count("membership_events") == 0)
    }

    // MARK: Renewal

    @Test func renewingEarlyKeepsTheRemainingDaysAndRecordsThePlanFee() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000, months: 12)
        try await db.addMember(plan: "Annual")
        db.clock.advance(days: 100)
        let renewed = try await db.service.renew("m-1")
        #expect(renewed.membershipEnds == LocalDate(year: 2028, month: 3, day: 15))
        #expect(renewed.status == .active)

        // The first payment is the one made on joining; the second is this renewal.
        let renewals = try await db.service.personalData("M-0001").renewals
        #expect(renewals == [
            PersonalData.Renewal(
                paidAt: TestDatabase.start, amount: Money(cents: 4000), plan: "Annual",
                previousEnd: nil, newEnd: LocalDate(year: 2027, month: 3, day: 15)!),
            PersonalData.Renewal(
                paidAt: TestDatabase.start.adding(seconds: 100 * 86_400), amount: Money(cents: 4000), plan: "Annual",
                previousEnd: LocalDate(year: 2027, month: 3, day: 15), newEnd: LocalDate(year: 2028, month: 3, day: 15)!),
        ])
    }

    @Test func renewingAfterExpiryCountsFromToday() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", feeCents: 4000, months: 12)
        try await db.addMember(plan: "Annual")
        db.setClock("2027-04-19T16:00:00Z")
        #expect(try await db.service.member("M-0001").status == .expired)
        let renewed = try await db.service.renew("M-0001")
        #expect(renewed.membershipEnds == LocalDate(year: 2028, month: 4, day: 19))
        #expect(renewed.status == .active)
        let renewal = try #require(try await db.service.personalData("M-0001").renewals.last)
        #expect(renewal.previousEnd == LocalDate(year: 2027, month: 3, day: 15))
        #expect(renewal.amount == Money(cents: 4000))
    }

    @Test func eachRenewalAddsOnePeriodAndOnePayment() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Quarter", feeCents: 1250, months: 3)
        try await db.addMember(plan: "Quarter")
        for _ in 1...3 { _ = try await db.service.renew("M-0001") }
        #expect(try await db.service.member("M-0001").membershipEnds == LocalDate(year: 2027, month: 3, day: 15))
        let renewals = try await db.service.personalData("M-0001").renewals
        // Joining paid the first quarter; each renewal one more.
        #expect(renewals.map(\.amount) == Array(repeating: Money(cents: 1250), count: 4))
        #expect(renewals.map(\.newEnd.iso8601) == ["2026-06-15", "2026-09-15", "2026-12-15", "2027-03-15"])
    }

    @Test func renewingAMemberWithoutPlanIsRefused() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let before = try await db.snapshot()
        let error = try await expectRefusal("membership.no_plan") { try await db.service.renew("M-0001") }
        #expect(error.kind == .conflict)
        #expect(error.message(.en) == "Member M-0001 has no plan: nothing to renew.")
        #expect(try await db.snapshot() == before)
        #expect(try await db.count("membership_renewals") == 0)
    }

    @Test func renewingAnUnknownMemberIsNotFound() async throws {
        let db = try await TestDatabase()
        try await expectRefusal("membership.member_not_found") { try await db.service.renew("M-0009") }
        #expect(try await db.count("membership_renewals") == 0)
    }

    // MARK: Updates

    @Test func updateChangesOnlyTheGivenFields() async throws {
        let db = try await TestDatabase()
        let original = try await db.addMember("Alice", "Tremblay", email: "alice@example.org", phone: "514-555-0101")
        let updated = try await db.service.updateMember("M-0001", MemberChanges(phone: "438-555-0199", category: .supporting))
        #expect(updated.phone == "438-555-0199")
        #expect(updated.category == .supporting)
        #expect(updated.firstName == original.firstName)
        #expect(updated.lastName == original.lastName)
        #expect(updated.email == original.email)
        #expect(updated.language == original.language)
        #expect(updated.plan == original.plan)
        #expect(updated.shareCapital == original.shareCapital)
        #expect(try await db.service.member("M-0001") == updated)
    }

    @Test func updateWithNoChangesChangesNothing() async throws {
        let db = try await TestDatabase()
        let original = try await db.addMember()
        let before = try await db.snapshot()
        #expect(try await db.service.updateMember("M-0001", MemberChanges()) == original)
        #expect(try await db.snapshot() == before)
    }

    @Test func updateMayChangeTheCaseOfTheMembersOwnEmail() async throws {
        let db = try await TestDatabase()
        try await db.addMember(email: "alice@example.org")
        #expect(try await db.service.updateMember("M-0001", MemberChanges(email: "Alice@Example.org")).email == "Alice@Example.org")
    }

    @Test func updateToAnotherMembersEmailIsRefusedAndChangesNothing() async throws {
        let db = try await TestDatabase()
        try await db.addMember("Alice", email: "alice@example.org")
        try await db.addMember("Bob", email: "bob@example.org")
        let before = try await db.snapshot()
        // The valid field given alongside must not be applied either.
        try await expectRefusal("membership.email_taken") {
            try await db.service.updateMember("M-0002", MemberChanges(firstName: "Robert", email: "ALICE@example.org"))
        }
        #expect(try await db.snapshot() == before)
        #expect(try await db.service.member("M-0002").firstName == "Bob")
    }

    @Test func updateWithBadInputIsRefusedAndChangesNothing() async throws {
        let db = try await TestDatabase()
        try await db.addMember()
        let before = try await db.snapshot()
        try await expectRefusal("membership.invalid_email") { try await db.service.updateMember("M-0001", MemberChanges(email: "nope")) }
        try await expectRefusal("membership.plan_not_found") { try await db.service.updateMember("M-0001", MemberChanges(plan: "Gold")) }
        try await expectRefusal("common.required") { try await db.service.updateMember("M-0001", MemberChanges(lastName: " ")) }
        try await expectRefusal("membership.invalid_phone") { try await db.service.updateMember("M-0001", MemberChanges(phone: "abc")) }
        try await expectRefusal("common.invalid_amount") {
            try await db.service.updateMember("M-0001", MemberChanges(shareCapital: Money(cents: -5)))
        }
        try await expectRefusal("membership.member_not_found") { try await db.service.updateMember("M-0002", MemberChanges(firstName: "X")) }
        #expect(try await db.snapshot() == before)
    }

    @Test func updateCanSetAndClearThePlan() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual")
        try await db.addMember()
        #expect(try await db.service.updateMember("M-0001", MemberChanges(plan: "annual")).plan == "Annual")
        #expect(try await db.service.updateMember("M-0001", MemberChanges(plan: "")).plan == nil)
    }

    // MARK: Lists

    @Test func pagesWalkEveryMemberExactlyOnceInNumberOrder() async throws {
        let db = try await TestDatabase()
        for i in 1...7 { try await db.addMember("P\(i)") }
        var seen: [String] = []
        var pageSizes: [Int] = []
        var cursor: String?
        repeat {
            let page = try await db.service.members(page: PageRequest(limit: "3", cursor: cursor))
            seen += page.items.map(\.number)
            pageSizes.append(page.items.count)
            cursor = page.next
        } while cursor != nil && pageSizes.count < 10
        #expect(pageSizes == [3, 3, 1])
        #expect(seen == (1...7).map { Member.number(Int64($0)) })
    }

    @Test func anExactlyFullLastPageHasNoNextCursor() async throws {
        let db = try await TestDatabase()
        for i in 1...4 { try await db.addMember("P\(i)") }
        let first = try await db.service.members(page: PageRequest(limit: "2", cursor: nil))
        let second = try await db.service.members(page: PageRequest(limit: "2", cursor: first.next))
        #expect(second.items.map(\.number) == ["M-0003", "M-0004"])
        #expect(second.next == nil)
    }

    @Test func emptyListHasNoItemsAndNoCursor() async throws {
        let db = try await TestDatabase()
        let page = try await db.service.members()
        #expect(page.items.isEmpty)
        #expect(page.next == nil)
    }

    @Test func statusFilterPagesThroughOnlyMatchingMembers() async throws {
        let db = try await TestDatabase()
        try await db.addPlan("Annual", months: 12)
        try await db.addPlan("Monthly", months: 1)
        try await db.addMember("A", plan: "Annual")   // M-0001 active
        try await db.addMember("B")                   // M-0002 active (no plan)
        try await db.addMember("C", plan: "Monthly")  // M-0003 expired after a month
        try await db.addMember("D", plan: "Monthly")  // M-0004 suspended
        try await db.addMember("E", plan: "Annual")   // M-0005 active
        _ = try await db.service.suspend("M-0004", reason: "Damage")
        db.setClock("2026-05-01T12:00:00Z")

        func walk(_ status: MemberStatus) async throws -> [String] {
            var numbers: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await db.service.members(page: PageRequest(limit: "1", cursor: cursor), status: status)
                #expect(page.items.allSatisfy { $0.status == status })
                numbers += page.items.map(\.number)
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < 10
            return numbers
        }
        #expect(try await walk(.active) == ["M-0001", "M-0002", "M-0005"])
        #expect(try await walk(.expired) == ["M-0003"])
        #expect(try await walk(.suspended) == ["M-0004"])
    }

    @Test(arguments: ["0", "501", "-1", "ten"])
    func pageSizeOutsideOneToFiveHundredIsRefused(limit: String) async throws {
        try await expectRefusal("common.invalid_limit") { try PageRequest(limit: limit, cursor: nil) }
    }

    @Test func cursorNotMadeByUsIsRefused() async throws {
        try await expectRefusal("common.invalid_cursor") { try PageRequest(limit: nil, cursor: "%%%") }
    }

    /// A cursor that decodes to text but holds no member position must be refused, not read as "start
    /// again": a client that sends it would otherwise loop over the first page for ever.
    @Test func wellFormedCursorHoldingNoMemberPositionIsRefused() async throws {
        let db = try await TestDatabase()
        for i in 1...3 { try await db.addMember("P\(i)") }
        let foreign = try PageRequest(limit: "2", cursor: PageRequest.cursor(for: "abc"))
        try await expectRefusal("common.invalid_cursor") { try await db.service.members(page: foreign) }
    }

    /// `PageRequest(limit:after:)` is public and unchecked: a page size below one must be refused or
    /// clamped, never crash the process (it runs in a child process here, so a trap fails only this test).
    @Test func pageSizeBelowOneDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            let db = try await TestDatabase()
            try await db.addMember()
            _ = try? await db.service.members(page: PageRequest(limit: 0))
        }
        await #expect(processExitsWith: .success) {
            let db = try await TestDatabase()
            try await db.addMember()
            _ = try? await db.service.members(page: PageRequest(limit: -1))
        }
    }
}
