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

    // MARK: The voting booth (`BoothPage`, `Static/booth.js`)

    static let boothTitle = LocalizedText(fr: "Voter : {title}", en: "Vote: {title}")
    static let boothKicker = LocalizedText(fr: "Bureau de vote", en: "Voting booth")
    static let boothCloses = LocalizedText(fr: "Le vote ferme {closes}.", en: "Voting closes {closes}.")
    static let boothNotYetOpen = LocalizedText(fr: "Le vote n’est pas encore ouvert : il ouvrira {opens}.",
                                               en: "Voting is not open yet: it opens {opens}.")
    static let boothDueToOpen = LocalizedText(fr: "Le vote devait ouvrir {opens}, mais l’administration ne l’a pas encore ouvert : revenez un peu plus tard.",
                                              en: "Voting was due to open {opens}, but the administrator has not opened it yet: come back a little later.")
    static let boothClosed = LocalizedText(fr: "Le vote est fermé : il a fermé {closes}.", en: "Voting is closed: it closed {closes}.")
    static let boothBoardLink = LocalizedText(fr: "Voir le registre public du scrutin (et son résultat une fois dépouillé)",
                                              en: "See the election’s public board (and its result once tallied)")
    static let boothPrivacy = LocalizedText(
        fr: "Votre code ne quitte jamais cet appareil : votre navigateur s’en sert pour signer votre bulletin, puis n’envoie que le bulletin signé, qui ne dit pas qui vous êtes.",
        en: "Your code never leaves this device: your browser uses it to sign your ballot, then sends only the signed ballot, which does not say who you are.")
    static let boothNoScript = LocalizedText(
        fr: "Pour voter sur cette page, JavaScript doit être activé dans votre navigateur : c’est lui qui signe votre bulletin avec votre code, ici, sur votre appareil. Activez-le puis rechargez la page. Votre code ne quitte jamais votre appareil.",
        en: "To vote on this page, JavaScript must be turned on in your browser: it is what signs your ballot with your code, here, on your device. Turn it on, then reload the page. Your code never leaves your device.")
    static let boothInsecure = LocalizedText(
        fr: "Ce navigateur ne peut pas signer votre bulletin à cette adresse : le vote en ligne demande une adresse sécurisée, qui commence par https://. Demandez la bonne adresse à votre coopérative.",
        en: "This browser cannot sign your ballot at this address: online voting needs a secure address, one that starts with https://. Ask your co-op for the right address.")
    static let boothOldBrowser = LocalizedText(
        fr: "Ce navigateur ne sait pas faire la signature dont le bulletin a besoin (Ed25519). Utilisez une version récente de Firefox, Chrome, Edge ou Safari.",
        en: "This browser cannot make the signature a ballot needs (Ed25519). Use a recent version of Firefox, Chrome, Edge or Safari.")
    static let boothErrorsHeading = LocalizedText(fr: "Corrigez ce qui suit avant de continuer :", en: "Please correct the following first:")
    static let boothCodeLegend = LocalizedText(fr: "Votre code de vote", en: "Your voting code")
    static let boothCodeLabel = LocalizedText(fr: "Code de vote (16 caractères, comme XXXX-XXXX-XXXX-XXXX)",
                                              en: "Voting code (16 characters, like XXXX-XXXX-XXXX-XXXX)")
    static let boothCodeHint = LocalizedText(fr: "Les tirets, les espaces et les minuscules ne comptent pas ; la lettre O se lit 0, les lettres I et L se lisent 1.",
                                             en: "Dashes, spaces and lower case do not matter; the letter O reads as 0, the letters I and L as 1.")
    static let boothCodeMissing = LocalizedText(fr: "Tapez votre code de vote : 16 caractères, sur le papier reçu pour ce scrutin.",
                                                en: "Type your voting code: 16 characters, on the paper you received for this election.")
    static let boothCodeLength = LocalizedText(fr: "Un code de vote a 16 caractères, sans compter les tirets et les espaces : vous en avez tapé {count}.",
                                               en: "A voting code has 16 characters, not counting dashes and spaces: you typed {count}.")
    static let boothCodeCharacter = LocalizedText(fr: "Le caractère « {char} » ne fait pas partie des codes de vote (chiffres et lettres, sauf U) : vérifiez votre code.",
                                                  en: "The character \"{char}\" is not used in voting codes (digits and letters, except U): check your code.")
    static let boothCodeCheck = LocalizedText(fr: "Ce code contient une faute de frappe : un caractère est faux, ou deux caractères sont inversés. Vérifiez-le caractère par caractère.",
                                              en: "This code has a typing mistake: a character is wrong, or two characters are swapped. Check it character by character.")
    static let boothQuestionLegend = LocalizedText(fr: "Question {number} sur {count} : {text}", en: "Question {number} of {count}: {text}")
    static let boothSingleHint = LocalizedText(fr: "Choisissez une réponse.", en: "Choose one answer.")
    static let boothSingleMissing = LocalizedText(fr: "Question {number} : choisissez une réponse.", en: "Question {number}: choose one answer.")
    static let boothApprovalUpTo = LocalizedText(fr: "Cochez jusqu’à {max}, ou aucun.", en: "Tick up to {max}, or none.")
    static let boothApprovalExactly = LocalizedText(fr: "Cochez exactement {max}.", en: "Tick exactly {max}.")
    static let boothApprovalBetween = LocalizedText(fr: "Cochez de {min} à {max} choix.", en: "Tick {min} to {max} choices.")
    static let boothApprovalWrongCount = LocalizedText(fr: "Question {number} : vous en avez coché {count}. {rule}",
                                                       en: "Question {number}: you ticked {count}. {rule}")
    static let boothRankedHint = LocalizedText(
        fr: "Classez les choix dans l’ordre de votre préférence. Seul le 1er choix est obligatoire : laissez vides les rangs que vous ne voulez pas remplir.",
        en: "Rank the choices in your order of preference. Only the 1st choice is required: leave empty the ranks you do not want to fill.")
    static let boothRank = LocalizedText(fr: "{rank} choix", en: "{rank} choice")
    static let boothRankNone = LocalizedText(fr: "(aucun)", en: "(none)")
    static let boothRankedMissing = LocalizedText(fr: "Question {number} : choisissez au moins votre 1er choix.",
                                                  en: "Question {number}: choose at least your 1st choice.")
    static let boothRankedGap = LocalizedText(fr: "Question {number} : le rang « {rank} » est vide alors qu’un rang suivant est rempli ; remplissez les rangs dans l’ordre.",
                                              en: "Question {number}: the rank \"{rank}\" is empty while a later rank is filled; fill the ranks in order.")
    static let boothRankedTwice = LocalizedText(fr: "Question {number} : « {choice} » est classé deux fois.",
                                                en: "Question {number}: \"{choice}\" is ranked twice.")
    static let boothReviewButton = LocalizedText(fr: "Relire mon bulletin avant l’envoi", en: "Review my ballot before sending it")
    static let boothReviewHeading = LocalizedText(fr: "Relisez votre bulletin", en: "Check your ballot")
    static let boothReviewIntro = LocalizedText(fr: "Rien n’est encore envoyé. Si ce sont bien vos réponses, confirmez ; sinon, modifiez-les.",
                                                en: "Nothing has been sent yet. If these are your answers, confirm; otherwise, change them.")
    static let boothNoneTicked = LocalizedText(fr: "Aucun choix coché", en: "No choice ticked")
    static let boothConfirm = LocalizedText(fr: "Confirmer et envoyer mon vote", en: "Confirm and cast my vote")
    static let boothEdit = LocalizedText(fr: "Modifier mes réponses", en: "Change my answers")
    static let boothSending = LocalizedText(fr: "Signature et envoi de votre bulletin…", en: "Signing and sending your ballot…")
    static let boothRefused = LocalizedText(fr: "Votre bulletin n’a pas été accepté : {detail}", en: "Your ballot was not accepted: {detail}")
    static let boothNetwork = LocalizedText(
        fr: "Le bulletin n’a pas pu être envoyé : vérifiez votre connexion, puis confirmez à nouveau. Un même bulletin envoyé deux fois n’est compté qu’une fois.",
        en: "The ballot could not be sent: check your connection, then confirm again. The same ballot sent twice is counted once.")
    static let boothUnexpected = LocalizedText(fr: "Réponse inattendue du serveur (statut {status}) : réessayez dans un moment.",
                                               en: "Unexpected answer from the server (status {status}): try again in a moment.")
    static let boothTrackerMismatch = LocalizedText(
        fr: "Attention : le numéro de suivi donné par le serveur ({server}) n’est pas celui de votre bulletin. Signalez-le à la personne qui organise le vote.",
        en: "Warning: the tracker the server gave ({server}) is not your ballot’s. Tell the person who runs the election.")
    static let boothDoneHeading = LocalizedText(fr: "Votre vote est enregistré", en: "Your vote is recorded")
    static let boothDoneTracker = LocalizedText(
        fr: "Votre numéro de suivi — gardez-le (notez-le, copiez-le ou faites une capture d’écran) : il permet de vérifier sur le registre public que votre bulletin est compté.",
        en: "Your tracker — keep it (write it down, copy it or take a screenshot): it lets you check on the public board that your ballot is counted.")
    static let boothDoneBoard = LocalizedText(fr: "Vérifier ce numéro sur le registre public", en: "Check this tracker on the public board")
    static let boothDoneAgain = LocalizedText(fr: "Vous pouvez voter à nouveau avec le même code jusqu’à la fermeture : seul votre dernier bulletin compte.",
                                              en: "You may vote again with the same code until voting closes: only your last ballot counts.")

    /// `1er`, `2e` / `1st`, `2nd`, `3rd`, `11th`: the rank in a ranked question.
    static func ordinal(_ n: Int, _ language: Language) -> String {
        switch language {
        case .fr: return n == 1 ? "1er" : "\(n)e"
        case .en:
            let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
            return "\(n)\(suffix)"
        }
    }

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
    /// Approval choices to tick: `1 choix`, `3 choix`; `1 choice`, `3 choices`.
    static let choices = Plural(fr: "choix", "choix", en: "choice", "choices")
}
