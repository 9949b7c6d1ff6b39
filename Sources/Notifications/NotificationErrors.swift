import CoopCore

extension CoopError {
    static func invalidSMTPURL(_ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_smtp_url", field: "COOP_SMTP_URL", ["value": .text(value)],
                  fr: "COOP_SMTP_URL : « {value} » n’est pas une adresse de serveur de courriel (ex. smtp://utilisateur:motdepasse@smtp.exemple.org:587).",
                  en: "COOP_SMTP_URL: \"{value}\" is not a mail server address (e.g. smtp://user:password@smtp.example.org:587).")
    }

    static func invalidMailFrom(_ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_mail_from", field: "COOP_MAIL_FROM", ["value": .text(value)],
                  fr: "COOP_MAIL_FROM : « {value} » n’est pas une adresse courriel (ex. outils@exemple.org).",
                  en: "COOP_MAIL_FROM: \"{value}\" is not an e-mail address (e.g. tools@example.org).")
    }

    static func invalidPublicURL(_ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_public_url", field: "COOP_PUBLIC_URL", ["value": .text(value)],
                  fr: "COOP_PUBLIC_URL : « {value} » doit commencer par https:// ou http://.",
                  en: "COOP_PUBLIC_URL: \"{value}\" must start with https:// or http://.")
    }

    static func invalidSetting(_ name: String, _ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_setting", field: name, ["name": .text(name), "value": .text(value)],
                  fr: "{name} : « {value} » n’est pas un nombre valide.", en: "{name}: \"{value}\" is not a valid number.")
    }

    static func noticeNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "notify.notice_not_found", ["id": .integer(id)],
                  fr: "Aucun avis numéro {id}.", en: "No notice number {id}.")
    }

    static func noticeNotFailed(_ id: Int64, status: NoticeStatus) -> CoopError {
        CoopError(.conflict, "notify.notice_not_failed", ["id": .integer(id), "status": .localized(status.label, code: status.rawValue)],
                  fr: "L’avis {id} n’a pas échoué (état : {status}) : seul un avis en échec peut être renvoyé.",
                  en: "Notice {id} has not failed (status: {status}): only a failed notice can be sent again.")
    }

    static func invalidNoticeStatus(_ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_status", field: "status", ["value": .text(value)],
                  fr: "État d’avis inconnu : « {value} » (`queued`, `sending`, `sent` ou `failed`).",
                  en: "Unknown notice status: \"{value}\" (`queued`, `sending`, `sent` or `failed`).")
    }

    static func invalidTopic(_ value: String) -> CoopError {
        CoopError(.invalid, "notify.invalid_topic", field: "topic", ["value": .text(value)],
                  fr: "Genre de rappels inconnu : « {value} » (`loans`, `cycles` ou `membership`).",
                  en: "Unknown kind of reminders: \"{value}\" (`loans`, `cycles` or `membership`).")
    }

    public static func invalidOptOutLink() -> CoopError {
        CoopError(.forbidden, "notify.invalid_link", fr: "Ce lien de désabonnement n’est pas valide : utilisez celui du dernier courriel reçu.",
                  en: "This unsubscribe link is not valid: use the one in the latest e-mail you received.")
    }
}
