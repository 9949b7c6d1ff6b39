import CoopCore
import Testing
@testable import Orders

@Suite("Tax: line amounts and GST/QST in integer cents, rounded half-up")
struct TaxTests {
    @Test func lineAmountIsPriceTimesQuantityRoundedHalfUp() {
        func amount(_ price: Int64, _ quantity: String) -> Int64 { Pricing.lineAmount(unitPrice: cents(price), quantity: qty(quantity)).cents }
        #expect(amount(200, "3") == 600)
        #expect(amount(450, "1.5") == 675)
        #expect(amount(99, "1.5") == 149)    // 1.485 → 1.49
        #expect(amount(333, "0.5") == 167)   // 1.665 → 1.67
        #expect(amount(1, "0.5") == 1)       // 0.005 → 0.01
        #expect(amount(1, "0.499") == 0)     // 0.00499 → 0.00
        #expect(amount(450, "0.333") == 150) // 1.4985 → 1.50
    }

    @Test func taxesRoundHalfCentsUp() {
        #expect(Pricing.tax(on: cents(10), rate: 5_000) == cents(1))        // GST 0.005 → 0.01
        #expect(Pricing.tax(on: cents(2_000), rate: 9_975) == cents(200))   // QST 1.995 → 2.00, not 1.99
        #expect(Pricing.tax(on: cents(1_010), rate: 5_000) == cents(51))    // GST 0.505 → 0.51
        #expect(Pricing.tax(on: cents(1_010), rate: 9_975) == cents(101))   // QST 1.007475 → 1.01
        #expect(Pricing.tax(on: cents(9), rate: 5_000) == cents(0))         // GST 0.0045 → 0.00
        #expect(Pricing.divideRoundingHalfUp(-5, by: 10) == -1)              // symmetric below zero
    }

    @Test func eachTaxIsComputedOnceOnTheTaxableSum() {
        // Two taxable lines of 0.10: line by line GST would be 0.01 + 0.01; on the sum (0.20) it is 0.01.
        let totals = Totals.of([(amount: cents(10), tax: .taxable), (amount: cents(10), tax: .taxable), (amount: cents(735), tax: .zero)],
                               rates: .quebec)
        #expect(totals.subtotal == cents(755))
        #expect(totals.taxable == cents(20))
        #expect(totals.gst == cents(1))
        #expect(totals.qst == cents(2))      // 0.01995 → 0.02
        #expect(totals.total == cents(758))
        #expect(totals.total == totals.subtotal + totals.gst + totals.qst)
    }

    @Test func zeroRatedLinesBearNoTax() {
        let totals = Totals.of([(amount: cents(450), tax: .zero), (amount: cents(600), tax: .zero)], rates: .quebec)
        #expect(totals.gst == .zero && totals.qst == .zero && totals.total == cents(1_050))
    }
}
