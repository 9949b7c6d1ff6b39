import CoopCore
import Foundation
import Testing
@testable import Lending

@Suite("Policies: the most specific category subtree wins")
struct LoanPolicyTests {
    @Test func theBuiltInDefaultAppliesBeforeAnyPolicyIsSet() async throws {
        let db = try await TestLending()
        #expect(try await db.lending.policies() == [LoanPolicy.builtInDefault])
        try await db.member()
        try await db.item("T-1", category: "Outils")
        #expect(try await db.lending.policy(forItem: "T-1") == .builtInDefault)
        #expect(try await db.lending.checkOut(item: "T-1", member: "M-0001").due == TestLending.today.adding(days: LoanPolicy.builtInDefault.loanDays))
    }

    @Test func theMostSpecificCategoryWins() async throws {
        let db = try await TestLending()
        try await db.inventory.addCategory("Outils/Perceuses")
        try await db.policy(loanDays: 21)
        try await db.policy(category: "Outils", loanDays: 7)
        try await db.policy(category: "/Outils/Perceuses/", loanDays: 3)
        try await db.member()
        try await db.item("SANS-CAT")
        try await db.item("SCIE", category: "Outils/Scies")
        try await db.item("PERCEUSE", category: "outils/perceuses/Sans fil")
        try await db.item("OUTILLAGE", category: "Outillage")
        #expect(try await db.lending.policy(forItem: "SANS-CAT").loanDays == 21)
        #expect(try await db.lending.policy(forItem: "SCIE").loanDays == 7)
        #expect(try await db.lending.policy(forItem: "PERCEUSE").loanDays == 3)
        // A path that only starts with the same letters is not in the subtree.
        #expect(try await db.lending.policy(forItem: "OUTILLAGE").loanDays == 21)
        #expect(try await db.lending.policy(forCategory: "Outils/Perceuses/Sans fil/18V").category == "Outils/Perceuses")
        let loan = try await db.lending.checkOut(item: "PERCEUSE", member: "M-0001")
        #expect(loan.due == day("2026-03-19"))
        #expect(try await db.lending.policies().map(\.category) == [nil, "Outils", "Outils/Perceuses"])
    }

    @Test func settingAPolicyAgainReplacesItAndKeepsTheTermsLeftOut() async throws {
        let db = try await TestLending()
        try await db.inventory.addCategory("Costumes/Robes")
        let first = try await db.policy(category: "Costumes", maxReservationDays: 30, maxAdvanceDays: 200, bufferDays: 2, holdReadyDays: 5)
        #expect(first.bufferDays == 2 && first.maxAdvanceDays == 200)
        let second = try await db.policy(category: "costumes", loanDays: 10, selfRenew: true)
        #expect(second.loanDays == 10 && second.selfRenew)
        #expect(second.bufferDays == 2 && second.maxReservationDays == 30 && second.holdReadyDays == 5)
        #expect(try await db.lending.policies().count == 2)
        // A new category inherits the optional terms of the policy that applied to it.
        let child = try await db.policy(category: "Costumes/Robes", loanDays: 4)
        #expect(child.bufferDays == 2 && child.maxAdvanceDays == 200)
    }

    /// A policy for a category that does not exist would apply to nothing: refused, naming the closest;
    /// a spelling that differs only in case or accents files it under the stored category.
    @Test func aPolicyNeedsAnExistingCategoryMatchedIgnoringCaseAndAccents() async throws {
        let db = try await TestLending()
        try await db.inventory.addCategory("Outils/Échelles")
        try await db.inventory.addCategory("Outils/Perceuses")
        let policy = try await db.policy(category: "outils/echelles", loanDays: 2)
        #expect(policy.category == "Outils/Échelles")
        let error = try await db.expectUnchanged("inventory.category_not_found") { try await db.policy(category: "Outils/Echeles", loanDays: 2) }
        #expect(error.message(.fr) == "Catégorie introuvable : « Outils/Echeles ». La plus proche : Outils/Échelles.")
        #expect(error.message(.en) == "Category not found: \"Outils/Echeles\". Closest: Outils/Échelles.")
        let far = try await db.expectUnchanged("inventory.category_not_found") { try await db.policy(category: "Jardinage", loanDays: 2) }
        #expect(far.message(.en) == "Category not found: \"Jardinage\".")
    }

    @Test func valuesOutOfRangeAreRefusedAndChangeNothing() async throws {
        let db = try await TestLending()
        let error = try await db.expectUnchanged("lending.invalid_policy_value") { try await db.policy(loanDays: 0) }
        #expect(error.field == "loanDays")
        try await db.expectUnchanged("lending.invalid_policy_value") { try await db.policy(feePerDay: -1) }
        try await db.expectUnchanged("lending.invalid_policy_value") { try await db.policy(bufferDays: -1) }
        try await db.expectUnchanged("lending.invalid_policy_value") { try await db.policy(holdReadyDays: 0) }
        try await db.expectUnchanged("common.invalid_value") { try await db.policy(category: "Outils//Scies") }
    }

    @Test func removingAPolicyFallsBackToTheNextOneUp() async throws {
        let db = try await TestLending()
        try await db.inventory.addCategory("Outils")
        try await db.policy(loanDays: 21)
        try await db.policy(category: "Outils", loanDays: 7)
        try await db.item("SCIE", category: "Outils/Scies")
        #expect(try await db.lending.removePolicy(category: "outils").map(\.category) == [nil])
        #expect(try await db.lending.policy(forItem: "SCIE").loanDays == 21)
        _ = try await db.lending.removePolicy(category: nil)
        #expect(try await db.lending.policy(forItem: "SCIE") == .builtInDefault)
        try await db.expectUnchanged("lending.policy_not_found") { try await db.lending.removePolicy(category: "Outils") }
    }

    @Test func aPolicyBodyDecodesWithItsOptionalTermsLeftOut() throws {
        let json = #"{"loanDays": 7, "maxRenewals": 1, "feePerDay": 100, "graceDays": 1, "feeCap": 2000}"#
        let input = try JSONDecoder().decode(LoanPolicyInput.self, from: Data(json.utf8))
        #expect(input.category == nil && !input.selfRenew && input.bufferDays == nil && input.feeCap == Money(cents: 2_000))
        let policy = try jsonObject(LoanPolicy.builtInDefault)
        #expect(policy["category"] is NSNull && policy["feePerDay"] as? Int == 100)
    }
}
