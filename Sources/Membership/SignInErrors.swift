import CoopCore
import Foundation

extension CoopError {
    /// The same answer for an unknown e-mail and a wrong secret: it does not tell who is a member.
    static func signInFailed() -> CoopError {
        CoopError(.unauthenticated, "membership.sign_in_failed",
                  fr: "Adresse courriel, mot de passe ou code incorrect. Vérifiez-les, ou demandez un nouveau code à l’accueil.",
                  en: "Wrong e-mail address, password or code. Check them, or ask the desk for a new code.")
    }

    static func signInLocked(until: Instant, timeZone: TimeZone, now: Instant) -> CoopError {
        CoopError(.rateLimited, "membership.sign_in_locked", ["until": .instantAt(until, timeZone, now: now)],
                  fr: "Trop d’essais manqués : réessayez {until}, ou demandez un code à l’accueil.",
                  en: "Too many failed attempts: try again {until}, or ask the desk for a code.")
    }

    static func signInNeedsEmail(_ number: String) -> CoopError {
        CoopError(.conflict, "membership.sign_in_needs_email", field: "email", ["number": .text(number)],
                  fr: "Le membre {number} n’a pas d’adresse courriel : ajoutez-en une pour qu’il puisse se connecter.",
                  en: "Member {number} has no e-mail address: add one so that they can sign in.")
    }

    static func passwordTooShort(min: Int) -> CoopError {
        CoopError(.invalid, "membership.password_too_short", field: "password", ["min": .integer(Int64(min))],
                  fr: "Le mot de passe doit avoir au moins {min} caractères.", en: "The password must have at least {min} characters.")
    }
}
