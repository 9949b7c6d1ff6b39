import CoopCore

/// Where an item stands in the catalogue. Only `active` items have units available.
public enum ItemStatus: String, Sendable, Codable, CaseIterable, Worded {
    /// In circulation.
    case active
    /// The whole item is being repaired (single units go to maintenance through `InventoryLedger`).
    case maintenance
    /// Out of the collection for good; kept for its history.
    case retired
    /// Missing; kept for its history and in case it turns up.
    case lost

    /// The status as people read it, in words of their language.
    public var label: LocalizedText {
        switch self {
        case .active: LocalizedText(fr: "en circulation", en: "active")
        case .maintenance: LocalizedText(fr: "en réparation", en: "in maintenance")
        case .retired: LocalizedText(fr: "retiré", en: "retired")
        case .lost: LocalizedText(fr: "perdu", en: "lost")
        }
    }

    public static let synonyms: [String: ItemStatus] = [
        "actif": .active, "circulation": .active, "réparation": .maintenance, "entretien": .maintenance, "en entretien": .maintenance,
        "retirée": .retired, "perdue": .lost,
    ]

    /// Reads `active`, `en circulation`, `Maintenance`, `en réparation`, ` retired `, `perdu`… (case and
    /// accents ignored); anything else is refused with `inventory.invalid_status`.
    public init(parsing text: String) throws {
        guard let status = ItemStatus(words: text) else {
            throw CoopError.invalidStatus(text)
        }
        self = status
    }
}
