import Foundation
import Testing

@testable import CoopCore

/// Field keys shown as words of the reader's language, with their article where a sentence needs it.
@Suite struct FieldLabelTests {
    @Test func aKeyIsShownByItsLabel() {
        #expect(FieldLabel.render("firstName", .quoted, .fr) == "« prénom »")
        #expect(FieldLabel.render("firstName", .quoted, .en) == "\"first name\"")
        #expect(FieldLabel.render("feeCap", .the, .fr) == "le plafond des frais")
        #expect(FieldLabel.render("feeCap", .subject, .fr) == "Le plafond des frais")
        #expect(FieldLabel.render("feeCap", .subject, .en) == "The fee cap")
    }

    @Test func theArticleFollowsTheNoun() {
        #expect(FieldLabel.render("loanDays", .the, .fr) == "la durée du prêt")
        #expect(FieldLabel.render("email", .the, .fr) == "l’adresse courriel")
        #expect(FieldLabel.render("email", .subject, .fr) == "L’adresse courriel")
        #expect(FieldLabel.render("graceDays", .the, .fr) == "les jours de grâce")
    }

    @Test func aPathNamesItsLastFieldAndThePositionsAboveIt() {
        // A decoder's coding path counts from 0; people count from 1.
        #expect(FieldLabel.render("lines.[0].price", .quoted, .fr) == "« prix » (ligne 1)")
        #expect(FieldLabel.render("lines.[0].price", .the, .en) == "the price (line 1)")
        #expect(FieldLabel.render("answers.[2]", .quoted, .fr) == "« réponse 3 »")
        #expect(FieldLabel.render("answers.[2]", .subject, .fr) == "La réponse 3")
        // Voting numbers its questions from 1 in the key itself.
        #expect(FieldLabel.render("questions[2].choices", .quoted, .fr) == "« choix » (question 2)")
        #expect(FieldLabel.render("questions.[0].choices.[1]", .quoted, .en) == "\"choice 2\" (question 1)")
    }

    @Test func aKeyWithoutALabelIsShownAsItIs() {
        #expect(FieldLabel.label("noSuchField") == nil)
        #expect(FieldLabel.render("noSuchField", .the, .fr) == "noSuchField")
    }

    @Test func theMessageArgumentRendersTheLabelAndTheErrorKeepsTheKey() {
        let error = CoopError.required("firstName")
        #expect(error.field == "firstName")
        #expect(error.message(.fr) == "Le champ « prénom » est obligatoire.")
        #expect(error.message(.en) == "The field \"first name\" is required.")
        #expect(MessageArgument.field("feeCap", .the).formatted(.fr) == "le plafond des frais")
    }
}
