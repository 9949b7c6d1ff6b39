import CoopCore
import Orders

/// The desk's words (`DeskPage`, `DeskListsPage`): short, for a volunteer reading over a member's
/// shoulder, and saying what to do next.
enum DeskText {
    static let heading = LocalizedText(fr: "Comptoir de prêt", en: "Lending desk")
    static let scanLabel = LocalizedText(fr: "Carte de membre, nom, courriel, téléphone ou code d’un objet",
                                         en: "Member card, name, e-mail, phone or item code")
    static let scanHint = LocalizedText(
        fr: "Scannez ou tapez, puis Entrée. Un objet scanné est ajouté au prêt du membre ouvert ; un objet qui revient est rentré.",
        en: "Scan or type, then Enter. An item scanned is added to the open member’s loan; an item coming back is checked in.")
    static let scanButton = LocalizedText(fr: "Valider", en: "Enter")
    static let condition = LocalizedText(fr: "État au retour (facultatif)", en: "Condition on return (optional)")
    static let conditionHint = LocalizedText(fr: "Par exemple « lame émoussée » : noté avec le retour de l’objet scanné.",
                                             en: "For example \"blade blunt\": noted with the return of the item scanned.")
    static let todayLink = LocalizedText(fr: "Le programme du jour", en: "Today’s lists")
    static let closeMember = LocalizedText(fr: "Fermer ce membre (membre suivant)", en: "Close this member (next member)")
    static let pick = LocalizedText(fr: "Plusieurs membres correspondent à « {text} » : choisissez", en: "Several members match \"{text}\": pick one")
    static let loansOut = LocalizedText(fr: "Emprunts en cours", en: "Loans out")
    static let keptForThem = LocalizedText(fr: "Gardé pour ce membre : à lui remettre", en: "Kept for this member: hand it over")
    static let keptUntil = LocalizedText(fr: "gardé jusqu’au {date}", en: "kept until {date}")
    static let toLend = LocalizedText(fr: "À prêter", en: "To lend")
    static let scanMore = LocalizedText(fr: "Scannez les objets suivants, puis « Tout prêter ».", en: "Scan the next items, then \"Check out\".")
    static let checkOutAll = LocalizedText(fr: "Tout prêter ({count})", en: "Check out ({count})")
    static let items = Plural(fr: "objet", "objets", en: "item", "items")
    static let checkedIn = LocalizedText(fr: "« {item} » est rentré (prêté à {member}).", en: "\"{item}\" is back in (lent to {member}).")
    static let lateFee = LocalizedText(fr: "Rendu avec {days} de retard : {fee} de frais, ajoutés au compte du membre.",
                                       en: "Returned {days} late: a fee of {fee}, added to the member’s account.")
    static let holdNowReady = LocalizedText(
        fr: "Mettez-le de côté : il est maintenant gardé pour {member}, qui l’attendait, jusqu’au {date}.",
        en: "Put it aside: it is now kept for {member}, who was waiting for it, until {date}.")
    static let notLent = LocalizedText(fr: "{item} n’est pas prêté : {reason}", en: "{item} is not lent: {reason}")
    static let receipt = LocalizedText(fr: "Reçu de prêt", en: "Loan receipt")
    static let printHint = LocalizedText(fr: "Pour l’imprimer, utilisez la commande Imprimer du navigateur (Ctrl+P).",
                                         en: "To print it, use the browser’s Print command (Ctrl+P).")
    static let backToDesk = LocalizedText(fr: "Retour au comptoir (même membre)", en: "Back to the desk (same member)")
    static let nextMember = LocalizedText(fr: "Membre suivant", en: "Next member")
    static let todayTitle = LocalizedText(fr: "Le programme du jour", en: "Today at the desk")
    static let todayHeading = LocalizedText(fr: "Le programme du {date}", en: "The desk on {date}")
    static let dueToday = LocalizedText(fr: "Retours attendus aujourd’hui", en: "Returns expected today")
    static let toPrepare = LocalizedText(fr: "Réservations à préparer cette semaine", en: "Reservations to prepare this week")
    static let holdsReady = LocalizedText(fr: "Gardés pour un membre sur liste d’attente", en: "Kept for a member on a waiting list")
    static let overdue = LocalizedText(fr: "Prêts en retard", en: "Overdue loans")
    static let pickupLists = LocalizedText(fr: "Listes de cueillette des paniers", en: "Basket pickup lists")
    static let cycleLine = LocalizedText(fr: "{state}, cueillette le {date}", en: "{state}, pickup on {date}")
    static let none = LocalizedText(fr: "Rien pour l’instant.", en: "Nothing for now.")
    static let itemColumn = LocalizedText(fr: "Objet", en: "Item")
    static let memberColumn = LocalizedText(fr: "Membre", en: "Member")
    static let dayColumn = LocalizedText(fr: "Jour", en: "Day")
    static let untilColumn = LocalizedText(fr: "Jusqu’au", en: "Until")
    static let dueColumn = LocalizedText(fr: "À rendre le", en: "Due")
    static let lateColumn = LocalizedText(fr: "Retard", en: "Late")
    static let pickupHeading = LocalizedText(fr: "Cueillette : {cycle}", en: "Pickup: {cycle}")
    static let pickupDate = LocalizedText(fr: "Paniers à remettre le {date}.", en: "Baskets to hand out on {date}.")
    static let noBaskets = LocalizedText(fr: "Aucun panier dans ce cycle.", en: "No basket in this cycle.")
    static let bags = LocalizedText(fr: "{count} à remettre", en: "{count} to hand out")
    static let baskets = Plural(fr: "panier", "paniers", en: "basket", "baskets")
    static let nothingFound = LocalizedText(fr: "Rien ne correspond à « {text} » : ni carte, ni objet, ni membre. Vérifiez l’orthographe ou scannez à nouveau.",
                                            en: "Nothing matches \"{text}\": no card, item or member. Check the spelling or scan again.")

    /// A quantity with its unit, as written on a bag: `3`, `1,5 kg`, `2 douzaines` / `2 dozen`.
    static func quantity(_ quantity: Quantity, _ unit: SaleUnit, _ language: Language) -> String {
        let number = quantity.formatted(language)
        switch unit {
        case .unit: return number
        case .kilogram: return "\(number) kg"
        case .dozen: return "\(number) \(Plural(fr: "douzaine", "douzaines", en: "dozen", "dozen").words(for: quantity.decimal, language))"
        case .basket: return "\(number) \(Plural(fr: "panier", "paniers", en: "basket", "baskets").words(for: quantity.decimal, language))"
        }
    }
}
