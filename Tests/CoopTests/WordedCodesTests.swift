import CoopCore
import Inventory
import Lending
import Membership
import Orders
import Testing
import Voting

/// Every status, category and kind a person reads or types: its code, its two words and its
/// synonyms each read back as that case, and no word names two cases of the same set.
@Suite struct WordedCodesTests {
    static func check<T: Worded & Equatable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) {
        var owner: [String: T] = [:]
        func claim(_ word: String, _ value: T) {
            let key = word.folded
            if let other = owner[key], other != value {
                Issue.record("\(T.self): « \(word) » names both \(other.rawValue) and \(value.rawValue)", sourceLocation: sourceLocation)
            }
            owner[key] = value
            #expect(T(words: word) == value, "\(T.self): « \(word) » should read as \(value.rawValue)", sourceLocation: sourceLocation)
        }
        for value in T.allCases {
            claim(value.rawValue, value)
            claim(value.label.fr, value)
            claim(value.label.en, value)
            #expect(!value.label.fr.isEmpty && !value.label.en.isEmpty, sourceLocation: sourceLocation)
        }
        for (word, value) in T.synonyms { claim(word, value) }
    }

    @Test func everyWordReadsBackAsItsOwnCase() {
        Self.check(ItemStatus.self)
        Self.check(MovementKind.self)
        Self.check(LoanStatus.self)
        Self.check(HoldStatus.self)
        Self.check(ReservationStatus.self)
        Self.check(FeeKind.self)
        Self.check(FeeStatus.self)
        Self.check(MemberStatus.self)
        Self.check(MemberCategory.self)
        Self.check(Role.self)
        Self.check(PaymentMethod.self)
        Self.check(OrderStatus.self)
        Self.check(CycleState.self)
        Self.check(InvoiceKind.self)
        Self.check(TaxClass.self)
        Self.check(TaxKind.self)
        Self.check(ElectionStatus.self)
        Self.check(QuestionKind.self)
        Self.check(Threshold.self)
    }

    @Test func memberCategoriesAreTheLegalNamesOfAQuebecSolidarityCoop() throws {
        #expect(MemberCategory.choices.fr == "membre utilisateur, membre travailleur ou membre de soutien")
        #expect(try MemberCategory(parsing: "Membre travailleuse") == .worker)
        #expect(try MemberCategory(parsing: "soutien") == .supporting)
        #expect(try MemberCategory(parsing: "usagère") == .user)
        let error = #expect(throws: CoopError.self) { try MemberCategory(parsing: "bénévole") }
        #expect(error?.code == "membership.invalid_category")
        #expect(error?.message(.fr) == "Catégorie inconnue « bénévole » (membre utilisateur, membre travailleur ou membre de soutien).")
        #expect(error?.message(.en) == "Unknown category \"bénévole\" (user member, worker member or supporting member).")
    }
}
