import CoopCore

/// The words of the web pages, in French and English, in one place (the domains' refusals come with
/// their own messages).
enum WebText {
    static let skip = LocalizedText(fr: "Aller au contenu", en: "Skip to content")
    static let navigation = LocalizedText(fr: "Navigation principale", en: "Main navigation")
    static let catalogue = LocalizedText(fr: "Catalogue", en: "Catalogue")
    static let switchLabel = LocalizedText(fr: "English", en: "Français")
    static let heading = LocalizedText(fr: "Le catalogue", en: "The catalogue")
    static let searchLabel = LocalizedText(fr: "Chercher (nom, code, description, étiquettes)", en: "Search (name, code, description, tags)")
    static let categoryLabel = LocalizedText(fr: "Catégorie", en: "Category")
    static let allCategories = LocalizedText(fr: "Toutes les catégories", en: "All categories")
    static let availableLabel = LocalizedText(fr: "Libres maintenant seulement", en: "Free now only")
    static let searchButton = LocalizedText(fr: "Chercher", en: "Search")
    static let nextPage = LocalizedText(fr: "Page suivante", en: "Next page")
    static let back = LocalizedText(fr: "Retour au catalogue", en: "Back to the catalogue")
    static let attributes = LocalizedText(fr: "Caractéristiques", en: "Details")
    static let calendar = LocalizedText(fr: "Disponibilité des 60 prochains jours", en: "Availability over the next 60 days")
    static let period = LocalizedText(fr: "Période", en: "Period")
    static let free = LocalizedText(fr: "Unités libres", en: "Units free")
    static let photo = LocalizedText(fr: "Photo de « {name} »", en: "Photo of \"{name}\"")
    static let noResult = LocalizedText(fr: "Aucun article ne correspond.", en: "No item matches.")
    static let results = LocalizedText(fr: "{count} sur cette page.", en: "{count} on this page.")
    static let freeNow = LocalizedText(fr: "{count} maintenant ({quantity} en tout)", en: "{count} now ({quantity} in all)")
    static let noneFree = LocalizedText(fr: "Aucune unité libre maintenant ({quantity} en tout)", en: "No unit free now ({quantity} in all)")
    static let refused = LocalizedText(fr: "Impossible d’afficher cette page", en: "This page cannot be shown")
    static let notFound = LocalizedText(fr: "Page introuvable", en: "Page not found")
    static let dayRange = LocalizedText(fr: "du {from} au {to}", en: "{from} to {to}")

    static let opens = LocalizedText(fr: "Ouverture du vote", en: "Voting opens")
    static let closes = LocalizedText(fr: "Clôture du vote", en: "Voting closes")
    static let credentials = LocalizedText(fr: "Codes de vote émis", en: "Credentials issued")
    static let fingerprint = LocalizedText(fr: "Empreinte de la liste des codes (SHA-256)", en: "Fingerprint of the credential list (SHA-256)")
    static let ballots = LocalizedText(fr: "Bulletins au registre", en: "Ballots on the board")
    static let download = LocalizedText(fr: "Télécharger le registre (JSON) pour le vérifier et recompter", en: "Download the board (JSON) to verify and recount it")
    static let trackerHeading = LocalizedText(fr: "Mon bulletin est-il compté ?", en: "Is my ballot counted?")
    static let trackerLabel = LocalizedText(fr: "Numéro de suivi (64 caractères, affiché quand vous avez voté)",
                                            en: "Tracker (64 characters, shown when you voted)")
    static let trackerButton = LocalizedText(fr: "Vérifier", en: "Check")
    static let trackerMalformed = LocalizedText(fr: "Un numéro de suivi a 64 caractères, chiffres de 0 à 9 et lettres de a à f.",
                                                en: "A tracker has 64 characters, digits 0 to 9 and letters a to f.")
    static let state = LocalizedText(fr: "État : {state}", en: "State: {state}")
    static let result = LocalizedText(fr: "Résultat", en: "Result")
    static let turnout = LocalizedText(fr: "{voted} sur {eligible} membres ont voté.", en: "{voted} of {eligible} members voted.")
    static let choice = LocalizedText(fr: "Choix", en: "Choice")
    static let votes = LocalizedText(fr: "Voix", en: "Votes")
    static let won = LocalizedText(fr: "retenu", en: "chosen")
    static let adopted = LocalizedText(fr: "La proposition est adoptée.", en: "The motion is adopted.")
    static let rejected = LocalizedText(fr: "La proposition n’est pas adoptée.", en: "The motion is not adopted.")
    static let tied = LocalizedText(fr: "Égalité : aucun choix n’est retenu.", en: "Tie: no choice is chosen.")

    /// `3 déc.` / `Dec 3`: short enough for a phone's table.
    static func day(_ date: LocalDate, _ language: Language) -> String {
        let parts = date.iso8601.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return date.iso8601 }
        let (month, day) = (parts[1], parts[2])
        switch language {
        case .fr:
            let months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juill.", "août", "sept.", "oct.", "nov.", "déc."]
            return "\(day == 1 ? "1er" : String(day)) \(months[month - 1])"
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(months[month - 1]) \(day)"
        }
    }
}

extension Plural {
    /// Catalogue items: `1 article`, `50 articles`.
    static let articles = Plural(fr: "article", "articles", en: "item", "items")
    /// Units free: `1 unité libre`, `2 unités libres`.
    static let freeUnits = Plural(fr: "unité libre", "unités libres", en: "unit free", "units free")
}
