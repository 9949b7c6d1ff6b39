import Foundation
import Testing

@testable import CoopCore

/// The scan that lets `Money` refuse `5.00` in a JSON body, and `Money.init(from:)` using it.
@Suite struct JSONDecimalLiteralsTests {
    struct Line: Decodable {
        let price: Money
        let quantity: Int
    }

    struct Body: Decodable {
        let amount: Money
        let note: String?
        let lines: [Line]?
        let fees: [String: Money]?
    }

    /// Decodes as the API does: scan, then decode with the literals in `userInfo`.
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        let data = Data(json.utf8)
        let decoder = JSONDecoder()
        decoder.userInfo[JSONDecimalLiterals.userInfoKey] = JSONDecimalLiterals(scanning: data)
        return try decoder.decode(T.self, from: data)
    }

    static func refusal(_ json: String) -> CoopError? {
        do {
            _ = try decode(Body.self, json)
            return nil
        } catch let error as CoopError {
            return error
        } catch {
            Issue.record("not a CoopError: \(error)")
            return nil
        }
    }

    @Test func integersDecodeAsBefore() throws {
        let body = try Self.decode(Body.self, #"{"amount": 500, "note": "5.00 [1.5] {\"amount\": 2.5}", "lines": [{"price": -3, "quantity": 2}], "fees": {"late": 0}}"#)
        #expect(body.amount == Money(cents: 500))
        #expect(body.lines?.first?.price == Money(cents: -3))
        #expect(body.fees?["late"] == .zero)
        #expect(try Self.decode(Money.self, "9223372036854775807") == Money(cents: .max))
    }

    @Test(arguments: ["5.00", "5.5", "5e2", "5E+2", "-1.0", "0.0", "1e0"])
    func aDecimalOrExponentInAMoneyFieldIsRefused(_ literal: String) throws {
        let error = try #require(Self.refusal(#"{"amount": \#(literal)}"#))
        #expect(error.code == "common.money_not_cents")
        #expect(error.kind == .invalid)
        #expect(error.field == "amount")
        #expect(error.arguments["value"] == .text(literal))
    }

    @Test func theMessageSaysTheUnitAndWhatWasReceived() throws {
        let twoDecimals = try #require(Self.refusal(#"{"amount": 5.00}"#))
        #expect(twoDecimals.message(.fr) == "Le champ « montant » est en cents (entier) : 500 pour 5,00 $ ; reçu 5.00.")
        #expect(twoDecimals.message(.en) == "The field \"amount\" is in cents (a whole number): 500 for $5.00; got 5.00.")
        let oneDecimal = try #require(Self.refusal(#"{"amount": 12.5}"#))
        #expect(oneDecimal.message(.fr) == "Le champ « montant » est en cents (entier) : 1250 pour 12,50 $ ; reçu 12.5.")
        let exponent = try #require(Self.refusal(#"{"amount": 5e2}"#))
        #expect(exponent.message(.en) == "The field \"amount\" is in cents (a whole number): 500 for $5.00; got 5e2.")
    }

    @Test func nestedFieldsAreNamedByTheirPath() throws {
        let inArray = try #require(Self.refusal(#"{"amount": 1, "lines": [{"price": 100, "quantity": 1}, {"quantity": 2, "price": 1.50}]}"#))
        #expect(inArray.field == "lines.[1].price")
        #expect(inArray.arguments["value"] == .text("1.50"))
        let inDictionary = try #require(Self.refusal(#"{"amount": 1, "fees": {"late": 2.0}}"#))
        #expect(inDictionary.field == "fees.late")
        // A key spelled with escapes is the same key to the decoder, and so to the scan.
        let escapedKey = try #require(Self.refusal(#"{"amo\u0075nt": 5.0}"#))
        #expect(escapedKey.field == "amount")
    }

    @Test func aDecimalOutsideMoneyIsNotTheScansBusiness() throws {
        struct Measure: Decodable {
            let amount: Money
            let weight: Double
        }
        let measure = try Self.decode(Measure.self, #"{"weight": 2.5, "amount": 300}"#)
        #expect(measure.weight == 2.5)
        #expect(measure.amount == Money(cents: 300))
    }

    @Test func literalsAreFoundByPath() {
        let scan = JSONDecimalLiterals(scanning: Data(#"[1, {"a": [2, 3.5], "b": "4.5", "c": {"d": 6e1}}, 7.0]"#.utf8))
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
        }
        #expect(scan.literal(at: [Key(intValue: 1), Key(stringValue: "a"), Key(intValue: 1)]) == "3.5")
        #expect(scan.literal(at: [Key(intValue: 1), Key(stringValue: "c"), Key(stringValue: "d")]) == "6e1")
        #expect(scan.literal(at: [Key(intValue: 2)]) == "7.0")
        #expect(scan.literal(at: [Key(intValue: 0)]) == nil)
        #expect(scan.literal(at: [Key(intValue: 1), Key(stringValue: "b")]) == nil, "a string is not a number")
        #expect(scan.literal(at: [Key(intValue: 1), Key(stringValue: "a"), Key(intValue: 0)]) == nil)
        #expect(JSONDecimalLiterals(scanning: Data(#"{"a": [1, 2, true, false, null]}"#.utf8)).isEmpty)
    }

    @Test func malformedOrHostileTextNeverTraps() {
        for text in ["", "{", "[", "\"", #"{"a"#, #"{"a": "\"#, "]]]}}}", "1.", "-", #"{"a": 1.5"#, #"{"\u12": 1.5}"#, "\u{FF}\u{FE}"] {
            _ = JSONDecimalLiterals(scanning: Data(text.utf8))
        }
        // Deeper than the decoder accepts: the scan stops there rather than growing without bound.
        let deep = String(repeating: "[", count: 100_000) + "1.5" + String(repeating: "]", count: 100_000)
        #expect(JSONDecimalLiterals(scanning: Data(deep.utf8)).isEmpty)
        // Many decimals deep down: each path step is made once, not once per literal.
        let wide = String(repeating: "[", count: 500) + Array(repeating: "1.5", count: 50_000).joined(separator: ",") + String(repeating: "]", count: 500)
        #expect(!JSONDecimalLiterals(scanning: Data(wide.utf8)).isEmpty)
    }
}
