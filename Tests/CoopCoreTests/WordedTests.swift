import CoopCore
import Testing

@Suite struct WordedTests {
    enum Shade: String, CaseIterable, Worded {
        case lightBlue = "light_blue"
        case red

        var label: LocalizedText {
            switch self {
            case .lightBlue: LocalizedText(fr: "bleu pâle", en: "light blue")
            case .red: LocalizedText(fr: "rouge", en: "red")
            }
        }

        static let synonyms: [String: Shade] = ["Écarlate": .red]
    }

    @Test func readsTheCodeTheWordsOfBothLanguagesAndSynonymsIgnoringCaseAndAccents() {
        #expect(Shade(words: "light_blue") == .lightBlue)
        #expect(Shade(words: "light blue") == .lightBlue)
        #expect(Shade(words: "  Bleu Pale ") == .lightBlue)
        #expect(Shade(words: "BLEU PÂLE") == .lightBlue)
        #expect(Shade(words: "Rouge") == .red)
        #expect(Shade(words: "ecarlate") == .red)
        #expect(Shade(words: "vert") == nil)
        #expect(Shade(words: "") == nil)
    }

    @Test func anUnknownWordIsRefusedWithTheWordsOfTheReadersLanguage() {
        let error = #expect(throws: CoopError.self) { try Shade(words: "vert", field: "shade") }
        #expect(error?.code == "common.invalid_value")
        #expect(error?.field == "shade")
        #expect(error?.message(.fr) == "Valeur invalide pour shade : « vert » (bleu pâle ou rouge).")
        #expect(error?.message(.en) == "Invalid value for shade: \"vert\" (light blue or red).")
    }

    @Test func choicesListTheLabelsInDeclarationOrder() {
        #expect(Shade.choices == LocalizedText(fr: "bleu pâle ou rouge", en: "light blue or red"))
    }

    @Test func argumentsKeepTheCodeBesideTheWords() {
        #expect(Shade.lightBlue.arguments("shade") == ["shade": .text("light_blue"), "shadeFr": .text("bleu pâle"), "shadeEn": .text("light blue")])
    }
}
