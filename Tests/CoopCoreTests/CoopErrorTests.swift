import Foundation
import Testing

@testable import CoopCore

@Suite struct CoopErrorTests {
    @Test func carriesCodeKindFieldAndBothLanguages() {
        let error = CoopError.required("email")
        #expect(error.code == "common.required")
        #expect(error.kind == .invalid)
        #expect(error.field == "email")
        #expect(error.message(.fr) == "Le champ « adresse courriel » est obligatoire.")
        #expect(error.message(.en) == "The field \"email address\" is required.")
        #expect(error.description == "common.required: The field \"email address\" is required.")
    }

    @Test func commonErrorsFillTheirArguments() {
        #expect(CoopError.tooLong("name", max: 80).message(.en) == "The field \"name\" is longer than 80 characters.")
        #expect(CoopError.invalidAmount("price", "4.005").message(.fr) == "Montant invalide pour le prix : « 4.005 » (ex. 40,00).")
        #expect(CoopError.invalidLimit("0").message(.en) == #"The limit must be a whole number from 1 to 500 (got "0")."#)
        #expect(CoopError.notUTF8("items.csv").message(.fr) == "items.csv n’est ni un texte UTF-8 ni un texte Windows-1252 : enregistrez-le en « CSV UTF-8 ».")
        let invalid = CoopError.invalidValue("due", "demain", expected: LocalizedText(fr: "AAAA-MM-JJ", en: "YYYY-MM-DD"))
        #expect(invalid.message(.fr) == "Valeur invalide pour l’échéance : « demain » (AAAA-MM-JJ).")
        #expect(invalid.message(.en) == #"Invalid value for the due date: "demain" (YYYY-MM-DD)."#)
        #expect(invalid.code == "common.invalid_value")
    }

    @Test func noPlaceholderIsLeftInAnyCommonError() {
        let errors: [CoopError] = [
            .required("f"), .invalidValue("f", "v", expected: LocalizedText(fr: "x", en: "x")), .tooLong("f", max: 1),
            .notUTF8("s"), .invalidAmount("f", "v"), .invalidCursor(), .invalidLimit("v"),
            .csvEmpty("s"), .csvMissingColumn("s", "c"), .csvUnknownColumn("s", "c"), .csvDuplicateColumn("s", "c"),
            .csvLine("s", line: 3, .required("f")), .csvFieldCount(expected: 2, got: 3),
        ]
        for error in errors {
            for language in Language.allCases {
                let message = error.message(language)
                #expect(!message.contains("{") && !message.contains("}"), "\(error.code) \(language): \(message)")
            }
        }
    }

    @Test func csvLineWrapsTheReasonInEachLanguage() {
        let error = CoopError.csvLine("items.csv", line: 7, .required("code"))
        #expect(error.code == "csv.bad_line")
        #expect(error.field == "code")
        #expect(error.message(.fr) == "items.csv, ligne 7 : Le champ « code » est obligatoire.")
        #expect(error.message(.en) == "items.csv, line 7: The field \"code\" is required.")
    }

    @Test func equality() {
        #expect(CoopError.required("a") == CoopError.required("a"))
        #expect(CoopError.required("a") != CoopError.required("b"))
    }
}
