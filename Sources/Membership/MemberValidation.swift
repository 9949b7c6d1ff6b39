import CoopCore
import Foundation

/// Whether a text is an e-mail address by Membership's rule (`MemberValidation.email`), for the other
/// places that take one (the notices' sender address).
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool { (try? MemberValidation.email(text)) == text }
}

/// The shape rules of a member's fields, shared by add, update and import.
enum MemberValidation {
    static func name(_ value: String, field: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CoopError.required(field) }
        guard trimmed.count <= 100 else { throw CoopError.tooLong(field, max: 100) }
        return trimmed
    }

    /// A practical address check: one `@`, a local part, a dotted domain, no spaces or controls.
    static func email(_ value: String) throws -> String {
        let email = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !email.isEmpty else { throw CoopError.required("email") }
        guard email.count <= 254 else { throw CoopError.tooLong("email", max: 254) }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
              !email.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }),
              !email.contains(where: { "<>()[],;:\\\"".contains($0) })
        else { throw CoopError.invalidEmail(value) }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              labels.last!.count >= 2
        else { throw CoopError.invalidEmail(value) }
        return email
    }

    static func phone(_ value: String?) throws -> String? {
        guard let value else { return nil }
        let phone = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if phone.isEmpty { return nil }
        guard phone.count <= 30, phone.contains(where: \.isNumber),
              phone.allSatisfy({ $0.isNumber || " +-().x".contains($0) })
        else { throw CoopError.invalidPhone(value) }
        return phone
    }

    /// An empty cell means the default category.
    static func category(_ text: String) throws -> MemberCategory? {
        text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try MemberCategory(parsing: text)
    }

    /// An empty cell means the default language.
    static func language(_ text: String) throws -> Language? {
        text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Language(memberLanguage: text)
    }
}
