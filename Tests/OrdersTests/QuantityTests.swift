import CoopCore
import Foundation
import Testing
@testable import Orders

@Suite("Quantity: exact thousandths of a sale unit, never floating point")
struct QuantityTests {
    @Test func parsesWhatPeopleType() {
        #expect(Quantity(parsing: "3")?.thousandths == 3_000)
        #expect(Quantity(parsing: "1.5")?.thousandths == 1_500)
        #expect(Quantity(parsing: "1,5")?.thousandths == 1_500)
        #expect(Quantity(parsing: "0.250")?.thousandths == 250)
        #expect(Quantity(parsing: " 2 ")?.thousandths == 2_000)
        #expect(Quantity(parsing: "-2")?.thousandths == -2_000)
        #expect(Quantity(parsing: "0")?.thousandths == 0)
        for bad in ["", "abc", "1.2345", "1.2.3", "1e3", "1.", ".5", "--1", "1 000", "١"] {
            #expect(Quantity(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func printsWithoutTrailingZeros() {
        #expect(Quantity(thousandths: 3_000).decimalString == "3")
        #expect(Quantity(thousandths: 1_500).decimalString == "1.5")
        #expect(Quantity(thousandths: 250).decimalString == "0.25")
        #expect(Quantity(thousandths: 5).decimalString == "0.005")
        #expect(Quantity(thousandths: -1_250).decimalString == "-1.25")
        #expect(Quantity(thousandths: 1_500).formatted(.fr) == "1,5")
    }

    @Test func isAPlainJSONNumber() throws {
        #expect(try json([Quantity(thousandths: 1_500), Quantity(units: 3), Quantity(thousandths: 1)]) == "[1.5,3,0.001]")
        let decoded = try JSONDecoder().decode([Quantity].self, from: Data(#"[0.1, 2, "1,25", 2.345]"#.utf8))
        #expect(decoded.map(\.thousandths) == [100, 2_000, 1_250, 2_345])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quantity].self, from: Data("[0.0001]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quantity].self, from: Data(#"["beaucoup"]"#.utf8)) }
    }

    @Test func unitsDecideWhatFractionsAreAllowed() throws {
        #expect(SaleUnit.kilogram.allows(qty("1.5")))
        #expect(SaleUnit.kilogram.allows(qty("0.001")))
        #expect(!SaleUnit.dozen.allows(qty("2.5")))
        #expect(!SaleUnit.unit.allows(qty("0.5")))
        #expect(SaleUnit.basket.allows(qty("1")))
        // Stock is counted in grams for kg products, in pieces otherwise.
        #expect(SaleUnit.kilogram.stockUnits(qty("1.5")) == 1_500)
        #expect(SaleUnit.dozen.stockUnits(qty("3")) == 3)
        #expect(SaleUnit.kilogram.quantity(stockUnits: 12_500) == qty("12.5"))
    }

    @Test func unitsParseInFrenchOrEnglish() throws {
        #expect(try SaleUnit(parsing: "Unité") == .unit)
        #expect(try SaleUnit(parsing: "unite") == .unit)
        #expect(try SaleUnit(parsing: "unite\u{301}") == .unit)
        #expect(try SaleUnit(parsing: "KG") == .kilogram)
        #expect(try SaleUnit(parsing: "douzaine") == .dozen)
        #expect(try SaleUnit(parsing: "basket") == .basket)
        let error = try #require(throws: CoopError.self) { try SaleUnit(parsing: "litre") }
        #expect(error.code == "orders.invalid_unit" && error.kind == .invalid)
        #expect(try TaxClass(parsing: " Taxable ") == .taxable)
        #expect(throws: CoopError.self) { try TaxClass(parsing: "exempt") }
    }

    @Test func orderLinesParseFromTheCommandLine() throws {
        let line = try OrderLineInput(parsing: "POMMES=1,5")
        #expect(line.product == "POMMES" && line.quantity == qty("1.5"))
        #expect(try OrderLineInput(parsing: "PAIN=0").quantity == .zero)
        for bad in ["POMMES", "=2", "POMMES=deux"] {
            let error = try #require(throws: CoopError.self) { try OrderLineInput(parsing: bad) }
            #expect(error.code == "orders.invalid_quantity")
        }
    }
}
