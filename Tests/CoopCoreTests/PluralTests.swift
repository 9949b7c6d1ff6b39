import Foundation
import Testing

@testable import CoopCore

/// Counts agreed with their words, and decimals written the reader's way.
@Suite struct PluralTests {
    @Test func frenchIsSingularBelowTwoEnglishOnlyForOne() {
        let units = Plural.units
        #expect(MessageArgument.count(0, units).formatted(.fr) == "0 unité")
        #expect(MessageArgument.count(1, units).formatted(.fr) == "1 unité")
        #expect(MessageArgument.count(2, units).formatted(.fr) == "2 unités")
        #expect(MessageArgument.count(0, units).formatted(.en) == "0 units")
        #expect(MessageArgument.count(1, units).formatted(.en) == "1 unit")
        #expect(MessageArgument.count(2, units).formatted(.en) == "2 units")
    }

    @Test func decimalsTakeACommaInFrenchAndAgreeByTheirWholePart() {
        let available = Plural(fr: "disponible", "disponibles", en: "available", "available")
        #expect(MessageArgument.count(.decimal(Decimal(string: "2.5")!), available).formatted(.fr) == "2,5 disponibles")
        #expect(MessageArgument.count(.decimal(Decimal(string: "1.5")!), .units).formatted(.fr) == "1,5 unité")
        #expect(MessageArgument.count(.decimal(Decimal(string: "1.5")!), .units).formatted(.en) == "1.5 units")
        #expect(MessageArgument.count(-1, .days).formatted(.fr) == "-1 jour")
    }

    @Test func aDecimalIsWrittenWithoutTrailingZerosOrGrouping() {
        #expect(MessageArgument.decimal(Decimal(string: "2.5")!).formatted(.fr) == "2,5")
        #expect(MessageArgument.decimal(Decimal(string: "2.5")!).formatted(.en) == "2.5")
        #expect(MessageArgument.decimal(Decimal(12_500) / Decimal(1000)).formatted(.fr) == "12,5")
        #expect(MessageArgument.decimal(Decimal(3000) / Decimal(1000)).formatted(.fr) == "3")
        #expect(MessageArgument.decimal(Decimal(string: "0.125")!).formatted(.fr) == "0,125")
        #expect(MessageArgument.decimal(Decimal(1_234_567)).formatted(.en) == "1234567")
    }

    @Test func moneyIsGroupedTheReadersWay() {
        #expect(Money(cents: 123_450).formatted(.fr) == "1 234,50 $")
        #expect(Money(cents: 123_450).formatted(.en) == "$1,234.50")
        #expect(Money(cents: 10_000_000).formatted(.fr) == "100 000,00 $")
        #expect(MessageArgument.money(Money(cents: -100)).formatted(.fr) == "-1,00 $")
    }

    @Test func aLocalizedArgumentIsRenderedInTheReadersLanguage() {
        let text = LocalizedText(fr: "État : {status}.", en: "Status: {status}.")
        let status = MessageArgument.localized(LocalizedText(fr: "en réparation", en: "in maintenance"), code: "maintenance")
        #expect(text.render(.fr, ["status": status]) == "État : en réparation.")
        #expect(text.render(.en, ["status": status]) == "Status: in maintenance.")
    }
}
