import CoopCore
import Foundation

extension Plural {
    /// `1 unité demandée`, `2 units requested`.
    public static let unitsRequested = Plural(fr: "unité demandée", "unités demandées", en: "unit requested", "units requested")
    /// `1 disponible`, `2,5 disponibles`.
    public static let available = Plural(fr: "disponible", "disponibles", en: "available", "available")
}

/// Inventory's refusals. Every code is stable (faces and scripts match on it) and every message exists
/// in French and English. Public factories are the ones Lending and the faces may raise themselves.
extension CoopError {
    // MARK: Items

    /// No item has this code (404); names the code as it was typed.
    public static func itemNotFound(_ code: String) -> CoopError {
        CoopError(.notFound, "inventory.item_not_found", field: "code", ["code": .text(code)],
                  fr: "Article introuvable : {code}.", en: "Item not found: {code}.")
    }

    /// Another item already has this code, compared without regard to case (409).
    public static func codeTaken(_ code: String) -> CoopError {
        CoopError(.conflict, "inventory.code_taken", field: "code", ["code": .text(code)],
                  fr: "Le code {code} est déjà celui d’un autre article.", en: "The code {code} already belongs to another item.")
    }

    static func invalidCode(_ code: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_code", field: "code", ["code": .text(code)],
                  fr: "Code d’article invalide : « {code} » (lettres, chiffres et - _ . : +, 64 caractères au plus).",
                  en: "Invalid item code: \"{code}\" (letters, digits and - _ . : +, at most 64 characters).")
    }

    static func negativeQuantity(_ quantity: Int) -> CoopError {
        CoopError(.invalid, "inventory.negative_quantity", field: "quantity", ["quantity": .integer(Int64(quantity))],
                  fr: "La quantité ne peut pas être négative (reçu {quantity}).",
                  en: "The quantity cannot be negative (got {quantity}).")
    }

    static func invalidQuantity(_ text: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_quantity", field: "quantity", ["value": .text(text)],
                  fr: "Quantité invalide : « {value} » (un nombre entier de 0 à 1 000 000).",
                  en: "Invalid quantity: \"{value}\" (a whole number from 0 to 1,000,000).")
    }

    /// A new quantity smaller than the units that are out (lent or in maintenance): names both numbers.
    public static func quantityBelowOut(_ code: String, quantity: Int, out: Int) -> CoopError {
        CoopError(.conflict, "inventory.quantity_below_out", field: "quantity",
                  ["code": .text(code), "quantity": .integer(Int64(quantity)), "out": .integer(Int64(out))],
                  fr: "{code} : la quantité {quantity} est inférieure au nombre d’unités sorties ({out}, prêtées ou en entretien).",
                  en: "{code}: the quantity {quantity} is below the {out} units that are out (lent or in maintenance).")
    }

    static func negativeValue(_ value: Money) -> CoopError {
        CoopError(.invalid, "inventory.negative_value", field: "value", ["value": .money(value)],
                  fr: "La valeur de remplacement ne peut pas être négative ({value}).",
                  en: "The replacement value cannot be negative ({value}).")
    }

    /// A status other than active, maintenance, retired or lost.
    public static func invalidStatus(_ value: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_status", field: "status", ["value": .text(value)],
                  fr: "État inconnu « {value} » (en circulation, en réparation, retiré ou perdu).",
                  en: "Unknown status \"{value}\" (active, in maintenance, retired or lost).")
    }

    static func itemOnLoan(_ code: String, out: Int) -> CoopError {
        CoopError(.conflict, "inventory.item_on_loan", field: "status", ["code": .text(code), "out": .count(.integer(Int64(out)), .units)],
                  fr: "{code} a encore {out} en prêt : il ne peut pas être retiré avant que tout soit rendu.",
                  en: "{code} still has {out} on loan: it cannot be retired until everything is back.")
    }

    static func invalidTag(_ tag: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_tag", field: "tags", ["tag": .text(tag)],
                  fr: "Étiquette invalide : « {tag} » (1 à 50 caractères, sans |).",
                  en: "Invalid tag: \"{tag}\" (1 to 50 characters, no |).")
    }

    static func invalidAttribute(_ key: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_attribute", field: "attributes", ["key": .text(key)],
                  fr: "Attribut invalide : « {key} » (nom de 1 à 50 caractères sans = ni :, valeur de 200 caractères au plus, chaque nom une seule fois).",
                  en: "Invalid attribute: \"{key}\" (a name of 1 to 50 characters without = or :, a value of at most 200 characters, each name once).")
    }

    static func invalidPhoto(_ photo: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_photo", field: "photos", ["photo": .text(photo)],
                  fr: "Référence de photo invalide : « {photo} » (chemin ou URL de 1 à 500 caractères, 20 photos au plus).",
                  en: "Invalid photo reference: \"{photo}\" (a path or URL of 1 to 500 characters, at most 20 photos).")
    }

    // MARK: Units (the ledger Lending uses)

    /// Fewer units free than asked for (the item is not active, or its units are out).
    public static func unitsUnavailable(_ code: String, requested: Int, available: Int) -> CoopError {
        CoopError(.conflict, "inventory.units_unavailable",
                  ["code": .text(code), "requested": .count(.integer(Int64(requested)), .unitsRequested),
                   "available": .count(.integer(Int64(available)), .available)],
                  fr: "{code} : {requested}, {available}.",
                  en: "{code}: {requested}, {available}.")
    }

    /// Returning more units than are out.
    public static func unitsNotOut(_ code: String, requested: Int, out: Int) -> CoopError {
        CoopError(.conflict, "inventory.units_not_out",
                  ["code": .text(code),
                   "requested": .count(.integer(Int64(requested)), Plural(fr: "unité à rentrer", "unités à rentrer",
                                                                  en: "unit to bring back", "units to bring back")),
                   "out": .count(.integer(Int64(out)), Plural(fr: "est sortie", "sont sorties", en: "is out", "are out"))],
                  fr: "{code} : {requested}, mais seulement {out}.",
                  en: "{code}: {requested}, but only {out}.")
    }

    static func invalidUnits(_ units: Int) -> CoopError {
        CoopError(.invalid, "inventory.invalid_units", field: "units", ["units": .integer(Int64(units))],
                  fr: "Le nombre d’unités doit être d’au moins 1 (reçu {units}).",
                  en: "The number of units must be at least 1 (got {units}).")
    }

    // MARK: Categories and locations

    /// No category has this path; `closest` are existing paths it may have meant.
    public static func categoryNotFound(_ path: String, closest: [String] = []) -> CoopError {
        closest.isEmpty
            ? CoopError(.notFound, "inventory.category_not_found", field: "category", ["path": .text(path)],
                        fr: "Catégorie introuvable : « {path} ».", en: "Category not found: \"{path}\".")
            : CoopError(.notFound, "inventory.category_not_found", field: "category",
                        ["path": .text(path), "closest": .text(closest.joined(separator: ", "))],
                        fr: "Catégorie introuvable : « {path} ». La plus proche : {closest}.",
                        en: "Category not found: \"{path}\". Closest: {closest}.")
    }

    /// No location has this path (the CLI offers `--create`); `closest` are existing paths it may have meant.
    public static func locationNotFound(_ path: String, closest: [String] = []) -> CoopError {
        closest.isEmpty
            ? CoopError(.notFound, "inventory.location_not_found", field: "location", ["path": .text(path)],
                        fr: "Emplacement introuvable : « {path} ».", en: "Location not found: \"{path}\".")
            : CoopError(.notFound, "inventory.location_not_found", field: "location",
                        ["path": .text(path), "closest": .text(closest.joined(separator: ", "))],
                        fr: "Emplacement introuvable : « {path} ». Le plus proche : {closest}.",
                        en: "Location not found: \"{path}\". Closest: {closest}.")
    }

    static func categoryExists(_ path: String) -> CoopError {
        CoopError(.conflict, "inventory.category_exists", field: "path", ["path": .text(path)],
                  fr: "La catégorie « {path} » existe déjà.", en: "The category \"{path}\" already exists.")
    }

    static func locationExists(_ path: String) -> CoopError {
        CoopError(.conflict, "inventory.location_exists", field: "path", ["path": .text(path)],
                  fr: "L’emplacement « {path} » existe déjà.", en: "The location \"{path}\" already exists.")
    }

    static func invalidPath(_ field: String, _ path: String) -> CoopError {
        CoopError(.invalid, "inventory.invalid_path", field: field, ["field": .field(field, .the), "path": .text(path)],
                  fr: "Chemin invalide pour {field} : « {path} » (ex. Costumes/Robes/1920 ; 20 niveaux de 100 caractères au plus).",
                  en: "Invalid path for {field}: \"{path}\" (e.g. Costumes/Robes/1920; at most 20 levels of 100 characters).")
    }

    // MARK: Search and import

    static func tooManyAttributeFilters(_ count: Int) -> CoopError {
        CoopError(.invalid, "inventory.too_many_filters", field: "attr", ["count": .integer(Int64(count))],
                  fr: "Au plus 10 filtres d’attribut par recherche (reçu {count}).",
                  en: "At most 10 attribute filters per search (got {count}).")
    }

    static func duplicateCodeInFile(_ code: String, firstLine: Int) -> CoopError {
        CoopError(.invalid, "inventory.duplicate_code_in_file", field: "code",
                  ["code": .text(code), "first": .integer(Int64(firstLine))],
                  fr: "le code {code} figure déjà à la ligne {first}.", en: "the code {code} already appears on line {first}.")
    }
}
