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

    static let myAccount = LocalizedText(fr: "Mon compte", en: "My account")
    static let myBasket = LocalizedText(fr: "Mon panier", en: "My basket")
    static let desk = LocalizedText(fr: "Comptoir", en: "Desk")
    static let today = LocalizedText(fr: "Aujourd’hui", en: "Today")
    static let signIn = LocalizedText(fr: "Se connecter", en: "Sign in")
    static let signOut = LocalizedText(fr: "Se déconnecter", en: "Sign out")
    static let signInHeading = LocalizedText(fr: "Connexion", en: "Sign in")
    static let signInIntro = LocalizedText(fr: "Entrez l’adresse courriel que la coopérative a pour vous, puis votre mot de passe ou le code à usage unique reçu à l’accueil.",
                                           en: "Enter the e-mail address the co-op has for you, then your password or the one-time code the desk gave you.")
    static let email = LocalizedText(fr: "Adresse courriel", en: "E-mail address")
    static let passwordOrCode = LocalizedText(fr: "Mot de passe ou code", en: "Password or code")
    static let passwordHint = LocalizedText(fr: "Pas encore de mot de passe ? Demandez un code à l’accueil ; vous choisirez ensuite votre mot de passe sur votre page.",
                                            en: "No password yet? Ask the desk for a code; you then choose your password on your page.")
    static let backToItem = LocalizedText(fr: "Retour à l’article", en: "Back to the item")
    static let reserveHeading = LocalizedText(fr: "Réserver", en: "Reserve")
    static let reserveFrom = LocalizedText(fr: "Du (premier jour)", en: "From (first day)")
    static let reserveTo = LocalizedText(fr: "Au (dernier jour, inclus)", en: "To (last day, included)")
    static let reserveButton = LocalizedText(fr: "Réserver ces dates", en: "Reserve these dates")
    static let holdButton = LocalizedText(fr: "M’inscrire sur la liste d’attente", en: "Put me on the waiting list")
    static let holdIntro = LocalizedText(fr: "Aucune unité n’est libre : inscrivez-vous, et l’accueil la gardera pour vous à son retour.",
                                         en: "No unit is free: put your name down, and the desk will keep one for you when it comes back.")
    static let signInToReserve = LocalizedText(fr: "Connectez-vous pour réserver cet article.", en: "Sign in to reserve this item.")
    static let basketHeading = LocalizedText(fr: "Mon panier de la semaine", en: "My basket this week")
    static let noOpenCycle = LocalizedText(fr: "Aucune commande n’est ouverte en ce moment. Revenez à l’ouverture du prochain cycle.",
                                           en: "No order cycle is open right now. Come back when the next one opens.")
    static let closesLine = LocalizedText(fr: "Modifiable jusqu’à la clôture, {when} (encore {left}).",
                                          en: "You can change it until it closes {when} ({left} left).")
    static let closedLine = LocalizedText(fr: "Les commandes de ce cycle ont fermé {when} : le panier ne peut plus être changé.",
                                          en: "Ordering for this cycle closed {when}: the basket can no longer be changed.")
    static let pickupDateLine = LocalizedText(fr: "Cueillette le {date}.", en: "Pickup on {date}.")
    static let priceLine = LocalizedText(fr: "{price} {unit}", en: "{price} {unit}")
    static let stockLeft = LocalizedText(fr: "reste {quantity}", en: "{quantity} left")
    static let onDemand = LocalizedText(fr: "sur commande", en: "made to order")
    static let quantityOf = LocalizedText(fr: "Quantité de « {product} »", en: "Quantity of \"{product}\"")
    static let pickupLabel = LocalizedText(fr: "Point de cueillette", en: "Pickup point")
    static let choosePickup = LocalizedText(fr: "Choisissez…", en: "Choose…")
    static let saveBasket = LocalizedText(fr: "Enregistrer mon panier", en: "Save my basket")
    static let basketSaved = LocalizedText(fr: "Votre panier est enregistré. Vous pouvez encore le changer jusqu’à la clôture.",
                                           en: "Your basket is saved. You can still change it until the cycle closes.")
    static let basketRefused = LocalizedText(fr: "Votre panier n’a pas été enregistré : {reason} Vos quantités sont restées ci-dessous.",
                                             en: "Your basket was not saved: {reason} Your quantities are still below.")
    static let totalsHeading = LocalizedText(fr: "Total du panier enregistré", en: "Total of the saved basket")
    static let subtotal = LocalizedText(fr: "Sous-total", en: "Subtotal")
    static let gst = LocalizedText(fr: "TPS", en: "GST")
    static let qst = LocalizedText(fr: "TVQ", en: "QST")
    static let total = LocalizedText(fr: "Total", en: "Total")
    static let unknownPage = LocalizedText(fr: "Cette adresse ne mène à aucune page.", en: "This address leads to no page.")
    static let formExpired = LocalizedText(fr: "Ce formulaire a expiré", en: "This form has expired")
    static let formExpiredDetail = LocalizedText(
        fr: "Le formulaire envoyé ne vient pas d’une page ouverte ici, ou votre session a pris fin. Rien n’a été fait : rechargez la page et recommencez.",
        en: "The form sent does not come from a page opened here, or your session ended. Nothing was done: reload the page and try again.")

    static let membership = LocalizedText(fr: "Adhésion", en: "Membership")
    static let memberStatus = LocalizedText(fr: "État de l’adhésion : {status}", en: "Membership: {status}")
    static let membershipEnds = LocalizedText(fr: "Valide jusqu’au {date}", en: "Valid until {date}")
    static let balance = LocalizedText(fr: "Solde du compte : {amount}", en: "Account balance: {amount}")
    static let feesOwed = LocalizedText(fr: "{count} à payer, {amount} en tout", en: "{count} to pay, {amount} in all")
    static let loansHeading = LocalizedText(fr: "Mes emprunts", en: "My loans")
    static let noLoans = LocalizedText(fr: "Aucun emprunt en cours.", en: "No loan out.")
    static let dueLine = LocalizedText(fr: "À rendre le {date}", en: "Due {date}")
    static let lateLine = LocalizedText(fr: "En retard de {days} : {fee} de frais jusqu’ici", en: "{days} late: {fee} in fees so far")
    static let renew = LocalizedText(fr: "Prolonger « {item} »", en: "Renew \"{item}\"")
    static let reservationsHeading = LocalizedText(fr: "Mes réservations", en: "My reservations")
    static let noReservations = LocalizedText(fr: "Aucune réservation à venir.", en: "No reservation ahead.")
    static let cancelReservation = LocalizedText(fr: "Annuler la réservation de « {item} »", en: "Cancel the reservation of \"{item}\"")
    static let holdsHeading = LocalizedText(fr: "Mes listes d’attente", en: "My waiting lists")
    static let noHolds = LocalizedText(fr: "Vous n’attendez aucun article.", en: "You are waiting for no item.")
    static let holdReady = LocalizedText(fr: "Prêt pour vous : à prendre à l’accueil d’ici le {date}", en: "Ready for you: pick it up at the desk by {date}")
    static let holdWaiting = LocalizedText(fr: "En attente, rang {position}", en: "Waiting, position {position}")
    static let cancelHold = LocalizedText(fr: "Quitter la liste d’attente de « {item} »", en: "Leave the waiting list for \"{item}\"")
    static let passwordHeading = LocalizedText(fr: "Mon mot de passe", en: "My password")
    static let noticesHeading = LocalizedText(fr: "Mes rappels par courriel", en: "My e-mail reminders")
    static let noticesHint = LocalizedText(
        fr: "Les factures et les codes de vote vous sont toujours envoyés.", en: "Invoices and voting codes are always sent to you.")
    static let saveNotices = LocalizedText(fr: "Enregistrer mes rappels", en: "Save my reminders")
    static let noticesSaved = LocalizedText(fr: "Vos rappels sont enregistrés.", en: "Your reminders are saved.")
    static let newPassword = LocalizedText(fr: "Nouveau mot de passe", en: "New password")
    static let newPasswordHint = LocalizedText(fr: "Au moins {min} caractères. Une phrase de quelques mots est facile à retenir.",
                                               en: "At least {min} characters. A phrase of a few words is easy to remember.")
    static let savePassword = LocalizedText(fr: "Enregistrer le mot de passe", en: "Save the password")
    static let renewed = LocalizedText(fr: "C’est prolongé : la nouvelle date de retour est ci-dessous.", en: "Renewed: the new due date is below.")
    static let reservationCancelled = LocalizedText(fr: "La réservation est annulée.", en: "The reservation is cancelled.")
    static let holdCancelled = LocalizedText(fr: "Vous avez quitté la liste d’attente.", en: "You left the waiting list.")
    static let passwordSet = LocalizedText(fr: "Votre mot de passe est enregistré.", en: "Your password is saved.")
    static let reserved = LocalizedText(fr: "C’est réservé : votre réservation est ci-dessous.", en: "Reserved: your reservation is below.")
    static let holdPlaced = LocalizedText(fr: "Vous êtes sur la liste d’attente ; nous vous dirons quand l’article sera prêt.",
                                          en: "You are on the waiting list; we will tell you when the item is ready.")

    /// `14 décembre 2026` / `December 14, 2026`: a date a member acts on, in full.
    static func longDay(_ date: LocalDate, _ language: Language) -> String { date.words(language) }
    // MARK: The voting booth (`BoothPage`, `BoothScripts/Static/booth.js`)

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
    // A secret election (coop-voting-2): the answers are encrypted in the browser (`BoothScripts/Static/p256.js`).
    static let boothSecretPrivacy = LocalizedText(
        fr: "Vote secret : vos réponses sont chiffrées sur cet appareil avant l’envoi. Ni le serveur ni l’administration de la coopérative ne peuvent lire votre vote ; seuls les totaux de tous les bulletins seront déchiffrés, après la fermeture.",
        en: "Secret ballot: your answers are encrypted on this device before they are sent. Neither the server nor the co-op’s administration can read your vote; only the totals of all the ballots will be decrypted, after voting closes.")
    static let boothEncrypting = LocalizedText(fr: "Chiffrement de votre bulletin… Cela prend quelques secondes au plus ; ne fermez pas la page.",
                                               en: "Encrypting your ballot… It takes a few seconds at most; do not close the page.")
    static let boothEncryptFailed = LocalizedText(
        fr: "Votre bulletin n’a pas pu être chiffré sur cet appareil, et rien n’a été envoyé. Rechargez la page et réessayez, ou votez depuis un autre navigateur.",
        en: "Your ballot could not be encrypted on this device, and nothing was sent. Reload the page and try again, or vote from another browser.")
    /// Under the booth: what a member who checks the script compares (see `WebPages.boothScriptHash`).
    static let boothScriptHash = LocalizedText(fr: "Pour qui veut vérifier le programme de vote de cette page : empreinte SHA-256 de p256.js suivi de booth.js :",
                                               en: "For anyone checking this page’s voting program: SHA-256 fingerprint of p256.js followed by booth.js:")

    /// Under it, in a secret election: the fingerprint the board's setup holds.
    static let boothBoardScriptHash = LocalizedText(fr: "Empreinte inscrite au tableau de ce scrutin quand les codes ont été émis :",
                                                    en: "Fingerprint written on this election’s board when the codes were issued:")
    /// When the two differ: the booth is no longer the one the election was offered with.
    static let boothScriptChanged = LocalizedText(
        fr: "Attention : le programme de vote de cette page n’est pas celui inscrit au tableau de ce scrutin. Ne votez pas ici avant d’en avoir parlé au secrétariat de l’assemblée ; vous pouvez aussi voter avec « coopctl vote cast ».",
        en: "Warning: this page’s voting program is not the one written on this election’s board. Do not vote here before speaking to the assembly’s secretary; you can also vote with “coopctl vote cast”.")

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
    /// Fees to pay: `1 frais`, `2 frais`.
    static let fees = Plural(fr: "frais", "frais", en: "fee", "fees")
    /// Approval choices to tick: `1 choix`, `3 choix`; `1 choice`, `3 choices`.
    static let choices = Plural(fr: "choix", "choix", en: "choice", "choices")
}
