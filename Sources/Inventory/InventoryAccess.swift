import Membership

/// Who may call each Inventory verb. Anyone may look at the catalogue (the public vitrine shows items,
/// units free and the trees); the desk and the catalogue manager (staff) change items, move them,
/// import and export, and read an item's movement history.
public enum InventoryVerb: String, DomainVerb {
    case addItem, item, updateItem, move, setStatus, sendToMaintenance, returnFromMaintenance, history
    case importCSV, exportCSV, search
    case addCategory, categories, addLocation, locations

    public var rule: AccessRule {
        switch self {
        case .item, .search, .categories, .locations: .anyone
        case .addItem, .updateItem, .move, .setStatus, .sendToMaintenance, .returnFromMaintenance, .history,
             .importCSV, .exportCSV, .addCategory, .addLocation: .staff
        }
    }
}
