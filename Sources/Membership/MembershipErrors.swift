import CoopCore

extension CoopError {
    static func planNotFound(_ name: String) -> CoopError {
        CoopError(.notFound, "membership.plan_not_found", field: "plan", ["plan": .text(name)],
                  fr: "Formule d’adhésion introuvable : « {plan} ».", en: "Membership plan not found: \"{plan}\".")
    }

    static func planExists(_ name: String) -> CoopError {
        CoopError(.conflict, "membership.plan_exists", field: "name", ["plan": .text(name)],
                  fr: "La formule « {plan} » existe déjà.", en: "The plan \"{plan}\" already exists.")
    }

    static func negativeFee(_ fee: Money) -> CoopError {
        CoopError(.invalid, "membership.negative_fee", field: "fee", ["fee": .money(fee)],
                  fr: "La cotisation ne peut pas être négative ({fee}).", en: "The fee cannot be negative ({fee}).")
    }

    static func invalidPeriod(_ months: Int) -> CoopError {
        CoopError(.invalid, "membership.invalid_period", field: "months", ["months": .integer(Int64(months))],
                  fr: "La durée doit être de 1 à 120 mois (reçu {months}).",
                  en: "The period must be 1 to 120 months (got {months}).")
    }

    static func negativeLimit(_ field: String, _ value: Int) -> CoopError {
        CoopError(.invalid, "membership.negative_limit", field: field, ["field": .field(field, .subject), "value": .integer(Int64(value))],
                  fr: "{field} doit être d’au moins 0 (reçu {value}).", en: "{field} must be at least 0 (got {value}).")
    }

    /// No member has this number.
    public static func memberNotFound(_ number: String) -> CoopError {
        CoopError(.notFound, "membership.member_not_found", ["number": .text(number)],
                  fr: "Membre introuvable : {number}.", en: "Member not found: {number}.")
    }

    static func emailTaken(_ email: String) -> CoopError {
        CoopError(.conflict, "membership.email_taken", field: "email", ["email": .text(email)],
                  fr: "L’adresse {email} est déjà celle d’un autre membre.", en: "The email {email} already belongs to another member.")
    }

    static func invalidEmail(_ email: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_email", field: "email", ["email": .text(email)],
                  fr: "Adresse courriel invalide : « {email} ».", en: "Invalid email address: \"{email}\".")
    }

    static func invalidPhone(_ phone: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_phone", field: "phone", ["phone": .text(phone)],
                  fr: "Numéro de téléphone invalide : « {phone} ».", en: "Invalid phone number: \"{phone}\".")
    }

    static func invalidCategory(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_category", field: "category", ["value": .text(value)],
                  fr: "Catégorie inconnue « {value} » (membre utilisateur, membre travailleur ou membre de soutien).",
                  en: "Unknown category \"{value}\" (user member, worker member or supporting member).")
    }

    static func invalidLanguage(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_language", field: "language", ["value": .text(value)],
                  fr: "Langue inconnue « {value} » (fr ou en).", en: "Unknown language \"{value}\" (fr or en).")
    }

    static func noPlan(_ number: String) -> CoopError {
        CoopError(.conflict, "membership.no_plan", ["number": .text(number)],
                  fr: "Le membre {number} n’a pas de formule : rien à renouveler.",
                  en: "Member {number} has no plan: nothing to renew.")
    }

    static func memberAnonymized(_ number: String) -> CoopError {
        CoopError(.conflict, "membership.member_anonymized", ["number": .text(number)],
                  fr: "Le membre {number} a été anonymisé : son dossier ne change plus.",
                  en: "Member {number} was anonymized: the record can no longer change.")
    }

    static func alreadySuspended(_ number: String) -> CoopError {
        CoopError(.conflict, "membership.already_suspended", ["number": .text(number)],
                  fr: "Le membre {number} est déjà suspendu.", en: "Member {number} is already suspended.")
    }

    static func notSuspended(_ number: String) -> CoopError {
        CoopError(.conflict, "membership.not_suspended", ["number": .text(number)],
                  fr: "Le membre {number} n’est pas suspendu.", en: "Member {number} is not suspended.")
    }

    static func tokenNotFound(_ prefix: String) -> CoopError {
        CoopError(.notFound, "membership.token_not_found", ["prefix": .text(prefix)],
                  fr: "Aucun jeton actif ne commence par « {prefix} ».", en: "No active token starts with \"{prefix}\".")
    }

    static func tokenAmbiguous(_ prefix: String) -> CoopError {
        CoopError(.conflict, "membership.token_ambiguous", ["prefix": .text(prefix)],
                  fr: "Plusieurs jetons commencent par « {prefix} » : donnez un préfixe plus long.",
                  en: "Several tokens start with \"{prefix}\": give a longer prefix.")
    }

    static func tokenPrefixTooShort(_ prefix: String) -> CoopError {
        CoopError(.invalid, "membership.token_prefix_short", field: "prefix", ["prefix": .text(prefix)],
                  fr: "Le préfixe « {prefix} » est trop court : au moins 6 caractères.",
                  en: "The prefix \"{prefix}\" is too short: at least 6 characters.")
    }

    static func memberTokenNeedsMember() -> CoopError {
        CoopError(.invalid, "membership.token_needs_member", field: "member",
                  fr: "Un jeton de rôle « membre » (`member`) doit être lié à un membre (--member).",
                  en: "A token with the member role (`member`) must be tied to a member (--member).")
    }

    static func invalidRole(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_role", field: "role", ["value": .text(value)],
                  fr: "Rôle inconnu « {value} » (administrateur, personnel ou membre).",
                  en: "Unknown role \"{value}\" (administrator, staff or member).")
    }

    static func invalidProfileName(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_coop_name", field: "name", ["value": .text(value)],
                  fr: "Le nom de la coopérative tient sur une seule ligne (reçu « {value} »).",
                  en: "The co-op's name fits on one line (got \"{value}\").")
    }

    static func invalidGSTNumber(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_gst_number", field: "gstNumber", ["value": .text(value)],
                  fr: "Numéro de TPS/TVH invalide : « {value} » (9 chiffres, RT et 4 chiffres, comme 123456789RT0001).",
                  en: "Invalid GST/HST number: \"{value}\" (9 digits, RT and 4 digits, like 123456789RT0001).")
    }

    static func invalidQSTNumber(_ value: String) -> CoopError {
        CoopError(.invalid, "membership.invalid_qst_number", field: "qstNumber", ["value": .text(value)],
                  fr: "Numéro de TVQ invalide : « {value} » (10 chiffres, TQ et 4 chiffres, comme 1234567890TQ0001).",
                  en: "Invalid QST number: \"{value}\" (10 digits, TQ and 4 digits, like 1234567890TQ0001).")
    }

    /// No token, or one that is unknown or revoked.
    public static func unauthenticated() -> CoopError {
        CoopError(.unauthenticated, "auth.unauthenticated",
                  fr: "Jeton d’accès manquant, inconnu ou révoqué.", en: "Missing, unknown or revoked access token.")
    }

    /// A valid token without the role the action needs.
    public static func forbidden(needs role: Role) -> CoopError {
        CoopError(.forbidden, "auth.forbidden", ["role": .localized(role.label, code: role.rawValue)],
                  fr: "Cette action demande le rôle « {role} ».", en: "This action needs the {role} role.")
    }

    /// A member reaching for another member's data.
    public static func notYourData() -> CoopError {
        CoopError(.forbidden, "auth.not_your_data",
                  fr: "Un membre ne voit que ses propres données.", en: "A member sees only their own data.")
    }

    static func noMemberRecord() -> CoopError {
        CoopError(.notFound, "auth.no_member_record",
                  fr: "Ce jeton n’est lié à aucun membre.", en: "This token is not tied to any member.")
    }
}
