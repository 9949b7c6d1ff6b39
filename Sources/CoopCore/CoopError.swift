/// A refusal a user can act on: a stable machine code (`membership.email_taken`), what kind of refusal
/// it is, the values it names and its text in French and English.
///
/// Domains add their errors as static factories (`CoopError.memberNotFound(_:)`) in their own
/// `…Errors.swift`, so the set grows with the domains while every code keeps both languages.
public struct CoopError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of refusal this is; the API maps it to a status code.
    public enum Kind: Sendable, Equatable {
        /// The input is malformed or breaks a rule about its own shape (HTTP 422).
        case invalid
        /// A named thing does not exist (404).
        case notFound
        /// The request conflicts with the current state (409).
        case conflict
        /// No valid credentials (401).
        case unauthenticated
        /// Valid credentials without the right (403).
        case forbidden
        /// The request is larger than allowed (413).
        case tooLarge
        /// Too many attempts (429).
        case rateLimited
    }

    public let kind: Kind
    public let code: String
    public let arguments: [String: MessageArgument]
    /// The input field at fault, when there is one (`email`).
    public let field: String?
    public let text: LocalizedText

    public init(
        _ kind: Kind, _ code: String, field: String? = nil,
        _ arguments: [String: MessageArgument] = [:], fr: String, en: String
    ) {
        self.kind = kind
        self.code = code
        self.field = field
        self.arguments = arguments
        self.text = LocalizedText(fr: fr, en: en)
    }

    /// The message for a person, in their language.
    public func message(_ language: Language) -> String { text.render(language, arguments) }

    public var description: String { "\(code): \(message(.en))" }
}

extension CoopError {
    /// A required field is missing or empty.
    public static func required(_ field: String) -> CoopError {
        CoopError(.invalid, "common.required", field: field, ["field": .field(field)],
                  fr: "Le champ {field} est obligatoire.", en: "The field {field} is required.")
    }

    /// A field holds a value of the wrong form.
    public static func invalidValue(_ field: String, _ value: String, expected: LocalizedText) -> CoopError {
        CoopError(.invalid, "common.invalid_value", field: field,
                  ["field": .field(field, .the), "value": .text(value), "expectedFr": .text(expected.fr), "expectedEn": .text(expected.en)],
                  fr: "Valeur invalide pour {field} : « {value} » ({expectedFr}).",
                  en: "Invalid value for {field}: \"{value}\" ({expectedEn}).")
    }

    /// A text longer than allowed.
    public static func tooLong(_ field: String, max: Int) -> CoopError {
        CoopError(.invalid, "common.too_long", field: field, ["field": .field(field), "max": .integer(Int64(max))],
                  fr: "Le champ {field} dépasse {max} caractères.", en: "The field {field} is longer than {max} characters.")
    }

    /// A file or body that is not UTF-8 text.
    public static func notUTF8(_ source: String) -> CoopError {
        CoopError(.invalid, "common.not_utf8", ["source": .text(source)],
                  fr: "{source} n’est ni un texte UTF-8 ni un texte Windows-1252 : enregistrez-le en « CSV UTF-8 ».",
                  en: "{source} is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\".")
    }

    /// A money amount that does not parse or is out of range.
    public static func invalidAmount(_ field: String, _ value: String) -> CoopError {
        CoopError(.invalid, "common.invalid_amount", field: field, ["field": .field(field, .the), "value": .text(value)],
                  fr: "Montant invalide pour {field} : « {value} » (ex. 40,00).",
                  en: "Invalid amount for {field}: \"{value}\" (e.g. 40.00).")
    }

    /// A money field of a JSON body written with a decimal point or an exponent: money is integer cents.
    /// The example converts what was sent when it reads as an amount (`5.5` → 550 for 5,50 $).
    public static func moneyNotCents(_ field: String, _ literal: String) -> CoopError {
        let example = Money(parsing: literal) ?? Money(cents: 500)
        return CoopError(.invalid, "common.money_not_cents", field: field,
                         ["field": .field(field), "value": .text(literal), "cents": .integer(example.cents), "amount": .money(example)],
                         fr: "Le champ {field} est en cents (entier) : {cents} pour {amount} ; reçu {value}.",
                         en: "The field {field} is in cents (a whole number): {cents} for {amount}; got {value}.")
    }

    /// A decoder's coding path as the field name errors show (`amount`, `lines.[0].price`).
    public static func fieldName(of codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// A pagination cursor that was not made by us.
    public static func invalidCursor() -> CoopError {
        CoopError(.invalid, "common.invalid_cursor", field: "cursor",
                  fr: "Le curseur de pagination est invalide.", en: "The pagination cursor is invalid.")
    }

    /// A page size out of 1…500.
    public static func invalidLimit(_ value: String) -> CoopError {
        CoopError(.invalid, "common.invalid_limit", field: "limit", ["value": .text(value)],
                  fr: "La limite doit être un entier de 1 à 500 (reçu « {value} »).",
                  en: "The limit must be a whole number from 1 to 500 (got \"{value}\").")
    }
}
