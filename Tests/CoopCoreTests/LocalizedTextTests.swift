import Foundation
import Testing

@testable import CoopCore

@Suite struct LocalizedTextTests {
    static let fee = LocalizedText(
        fr: "Frais de retard de {amount} pour {item} ({days} jours).",
        en: "Late fee of {amount} for {item} ({days} days).")

    @Test func rendersEachLanguageWithItsArguments() {
        let arguments: [String: MessageArgument] = ["amount": .money(Money(cents: 123_450)), "item": "Robe d’époque", "days": 3]
        #expect(Self.fee.render(.fr, arguments) == "Frais de retard de 1 234,50 $ pour Robe d’époque (3 jours).")
        #expect(Self.fee.render(.en, arguments) == "Late fee of $1,234.50 for Robe d’époque (3 days).")
    }

    @Test func negativeMoneyAndIntegers() {
        let text = LocalizedText(fr: "Solde : {balance} ({n})", en: "Balance: {balance} ({n})")
        let arguments: [String: MessageArgument] = ["balance": .money(Money(cents: -500)), "n": .integer(-2)]
        #expect(text.render(.fr, arguments) == "Solde : -5,00 $ (-2)")
        #expect(text.render(.en, arguments) == "Balance: -$5.00 (-2)")
    }

    @Test func aPlaceholderUsedTwiceIsFilledTwice() {
        let text = LocalizedText(fr: "{x} et {x}", en: "{x} and {x}")
        #expect(text.render(.en, ["x": "A"]) == "A and A")
    }

    @Test func bracesThatNameNoArgumentAreKept() {
        let text = LocalizedText(fr: "{x} {pas un nom} {{x}} {", en: "{x} {not a name} {{x}} {")
        #expect(text.render(.fr, ["x": "A"]) == "A {pas un nom} {A} {")
        #expect(text.render(.en, ["x": "A"]) == "A {not a name} {A} {")
    }

    @Test func withoutArgumentsTheTextIsAsWritten() {
        #expect(Self.fee.render(.fr) == Self.fee.fr)
        #expect(Self.fee.render(.en) == Self.fee.en)
        // A missing argument leaves its placeholder visible rather than an empty hole.
        #expect(Self.fee.render(.en, ["item": "Tent"]) == "Late fee of {amount} for Tent ({days} days).")
        // An unused argument changes nothing.
        #expect(Self.fee.render(.en, ["other": "x"]) == Self.fee.en)
    }

    /// A value that itself contains `{name}` of another argument (user input such as a rejected value in
    /// `CoopError.invalidValue`) is shown as it is. Substituting argument after argument over the growing
    /// text, in dictionary order (which changes from run to run), would expand it in some runs only.
    @Test func argumentValuesAreNotThemselvesSubstituted() {
        // Ten independent pairs: the chance that dictionary order happens to hide the bug is 2^-10.
        var arguments: [String: MessageArgument] = [:]
        var template: [String] = []
        for i in 0..<10 {
            template.append("{a\(i)}")
            arguments["a\(i)"] = .text("{b\(i)}")
            arguments["b\(i)"] = .text("X")
        }
        let text = LocalizedText(fr: template.joined(separator: " "), en: template.joined(separator: " "))
        let expected = (0..<10).map { "{b\($0)}" }.joined(separator: " ")
        #expect(text.render(.en, arguments) == expected)
    }
}
