import Foundation
import Testing

@testable import CoopCore

@Suite struct MoneyTests {
    @Test(arguments: [
        ("40", 4000), ("40.5", 4050), ("40.00", 4000), ("40,00", 4000), ("40,5", 4050), ("-3.25", -325),
        ("0.05", 5), ("0", 0), ("+7.10", 710), (" 12.34 ", 1234), ("-0,99", -99), ("1234567.89", 123_456_789),
        ("999999999999999.99", 99_999_999_999_999_999),
    ] as [(String, Int64)])
    func parsesWhatPeopleType(_ text: String, _ cents: Int64) {
        #expect(Money(parsing: text) == Money(cents: cents))
    }

    @Test(arguments: [
        "4.005", "abc", "", " ", "1.2.3", "1,2,3", "40.", ".5", ",5", "-", "+", "--3", "+-3", "- 3", "3-",
        "1,234.56", "1 234", "$40", "40$", "40 $", "4e2", "0x10", "１２", "٣", "1000000000000000", "NaN",
    ])
    func rejectsWhatIsNotAnAmount(_ text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func formatsInFrench() {
        #expect(Money(cents: 1250).formatted(.fr) == "12,50 $")
        #expect(Money(cents: 123_456).formatted(.fr) == "1 234,56 $")
        #expect(Money(cents: 123_456_789).formatted(.fr) == "1 234 567,89 $")
        #expect(Money(cents: 100_000).formatted(.fr) == "1 000,00 $")
        #expect(Money(cents: 99_999).formatted(.fr) == "999,99 $")
        #expect(Money(cents: 5).formatted(.fr) == "0,05 $")
        #expect(Money.zero.formatted(.fr) == "0,00 $")
        #expect(Money(cents: -1250).formatted(.fr) == "-12,50 $")
        #expect(Money(cents: -123_456).formatted(.fr) == "-1 234,56 $")
    }

    @Test func formatsInEnglish() {
        #expect(Money(cents: 1250).formatted(.en) == "$12.50")
        #expect(Money(cents: 123_456).formatted(.en) == "$1,234.56")
        #expect(Money(cents: 123_456_789).formatted(.en) == "$1,234,567.89")
        #expect(Money(cents: 100_000).formatted(.en) == "$1,000.00")
        #expect(Money(cents: 5).formatted(.en) == "$0.05")
        #expect(Money(cents: -1250).formatted(.en) == "-$12.50")
        #expect(Money(cents: -5).formatted(.en) == "-$0.05")
    }

    @Test func extremesFormatWithoutOverflow() {
        #expect(Money(cents: .min).formatted(.en) == "-$92,233,720,368,547,758.08")
        #expect(Money(cents: .max).decimalString == "92233720368547758.07")
    }

    @Test func decimalStringForCSV() {
        #expect(Money(cents: 1250).decimalString == "12.50")
        #expect(Money(cents: 123_456).decimalString == "1234.56")
        #expect(Money(cents: -5).decimalString == "-0.05")
        #expect(Money(cents: 0).description == "0.00")
    }

    @Test(arguments: [0, 1, 9, 10, 99, 100, 1250, -1, -325, 123_456_789] as [Int64])
    func decimalStringParsesBack(_ cents: Int64) {
        #expect(Money(parsing: Money(cents: cents).decimalString) == Money(cents: cents))
    }

    @Test func arithmeticAndOrder() {
        let a = Money(cents: 1000), b = Money(cents: 250)
        #expect(a + b == Money(cents: 1250))
        #expect(a - b == Money(cents: 750))
        #expect(-a == Money(cents: -1000))
        #expect(b * 3 == Money(cents: 750))
        #expect(b < a)
        #expect([a, b, .zero].sorted() == [.zero, b, a])
    }

    @Test func jsonIsIntegerCents() throws {
        let json = try JSONEncoder().encode(["price": Money(cents: 4050)])
        #expect(String(decoding: json, as: UTF8.self) == #"{"price":4050}"#)
        #expect(try JSONDecoder().decode([String: Money].self, from: Data(#"{"p":-325}"#.utf8)) == ["p": Money(cents: -325)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Money].self, from: Data(#"{"p":40.5}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String: Money].self, from: Data(#"{"p":"40.50"}"#.utf8)) }
    }

    @Test func storedAsIntegerCents() {
        #expect(Money(cents: 4050).databaseValue == .integer(4050))
        #expect(Money.fromDatabaseValue(.integer(-1)) == Money(cents: -1))
        #expect(Money.fromDatabaseValue(.real(40.5)) == nil)
        #expect(Money.fromDatabaseValue(.text("40.50")) == nil)
        #expect(Money.fromDatabaseValue(.null) == nil)
    }
}
