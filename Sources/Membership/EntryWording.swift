import CoopCore
import Foundation

/// How an account entry's description is said, in no language: a phrase of the ledger's catalogue
/// and the values it names. The domain that posts the entry chooses it (`.invoice("2026-000001")`),
/// the ledger stores it as JSON in `account_entries.wording`, and each reader gets it in their
/// language: a member's statement in the member's, the desk's table in the volunteer's.
public struct EntryWording: Sendable, Equatable, Codable {
    /// The phrases the ledger knows how to say.
    public enum Phrase: String, Sendable, Codable, CaseIterable {
        case invoice
        case creditNote = "credit_note"
        /// A payment recorded without a note.
        case payment
        case waiver
        case lateFee = "fee_late"
        case lostFee = "fee_lost"
        case damageFee = "fee_damage"

        /// The phrase in each language; the placeholders are the values' names.
        var text: LocalizedText {
            switch self {
            case .invoice: LocalizedText(fr: "Facture {number}", en: "Invoice {number}")
            case .creditNote: LocalizedText(fr: "Note de crédit {number} sur la facture {invoice}", en: "Credit note {number} on invoice {invoice}")
            case .payment: LocalizedText(fr: "Paiement", en: "Payment")
            case .waiver: LocalizedText(fr: "Remise de frais : {reason}", en: "Fee waived: {reason}")
            case .lateFee: LocalizedText(fr: "Retard : {item}, prêt {loan}, {days}", en: "Late: {item}, loan {loan}, {days}")
            case .lostFee: LocalizedText(fr: "Perte : {item} ×{units}", en: "Lost: {item} ×{units}")
            case .damageFee: LocalizedText(fr: "Dommage : {item}, {reason}", en: "Damage: {item}, {reason}")
            }
        }
    }

    public let phrase: Phrase
    /// The values the phrase names (`number`, `item`, `reason`…), as text.
    public let values: [String: String]

    public init(_ phrase: Phrase, _ values: [String: String] = [:]) {
        self.phrase = phrase
        self.values = values
    }

    public static func invoice(_ number: String) -> EntryWording { EntryWording(.invoice, ["number": number]) }

    public static func creditNote(_ number: String, on invoice: String) -> EntryWording {
        EntryWording(.creditNote, ["number": number, "invoice": invoice])
    }

    public static let payment = EntryWording(.payment)

    public static func waiver(reason: String) -> EntryWording { EntryWording(.waiver, ["reason": reason]) }

    public static func lateFee(item: String, loan: Int64, days: Int) -> EntryWording {
        EntryWording(.lateFee, ["item": item, "loan": String(loan), "days": String(days)])
    }

    public static func lostFee(item: String, units: Int) -> EntryWording { EntryWording(.lostFee, ["item": item, "units": String(units)]) }

    public static func damageFee(item: String, reason: String) -> EntryWording { EntryWording(.damageFee, ["item": item, "reason": reason]) }

    /// The description in `language`.
    public func text(_ language: Language) -> String {
        var arguments = values.mapValues { MessageArgument.text($0) }
        if let days = values["days"].flatMap({ Int64($0) }) {
            arguments["days"] = .count(.integer(days), Plural(fr: "jour", "jours", en: "day", "days"))
        }
        return phrase.text.render(language, arguments)
    }

    // MARK: Storage

    /// The JSON stored in `account_entries.wording` (keys sorted, so equal wordings store alike).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// The wording a row stored; nil for rows written before wordings were stored, or by a later
    /// version with a phrase this one does not know (its stored description is shown then).
    public init?(json: String?) {
        guard let json, let wording = try? JSONDecoder().decode(EntryWording.self, from: Data(json.utf8)) else { return nil }
        self = wording
    }

    // MARK: Descriptions written before

    /// Entries written before wordings were stored carry both languages in one text
    /// (`Facture / Invoice 2026-000001`, `Retard / Late: T-1, prêt / loan 4, 3 j / d`): the reader's
    /// side of each pair is kept. Any other text (a payment's note, a void's reason) is shown as written.
    public static func legacy(_ description: String, _ language: Language) -> String {
        let heads: [(fr: String, en: String)] = [
            ("Facture", "Invoice"), ("Note de crédit", "Credit note"), ("Paiement", "Payment"), ("Annulation", "Waiver"),
            ("Dommage", "Damage"), ("Perte", "Lost"), ("Retard", "Late"),
        ]
        for head in heads where description.hasPrefix("\(head.fr) / \(head.en)") {
            var rest = String(description.dropFirst("\(head.fr) / \(head.en)".count))
            if head.fr == "Retard" {
                rest = rest.replacingOccurrences(of: ", prêt / loan ", with: language == .fr ? ", prêt " : ", loan ")
                if rest.hasSuffix(" j / d") { rest = String(rest.dropLast(" j / d".count)) + (language == .fr ? " j" : " d") }
            }
            if language == .fr, rest.hasPrefix(":") { rest = " " + rest }
            return (language == .fr ? head.fr : head.en) + rest
        }
        return description
    }
}
