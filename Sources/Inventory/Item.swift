import CoopCore
import Foundation

/// A catalogue item as both faces show it: the CLI's `--json` and the API's item object.
///
/// `available` is derived, never stored: `quantity − unitsOut − maintenanceUnits` when the item is
/// active, 0 otherwise.
public struct Item: Sendable, Codable, Equatable {
    /// The barcode or inventory tag (`T-0001`, `GC-004512`), unique without regard to case.
    public let code: String
    public let name: String
    public let description: String?
    /// The category's path, or nil.
    public let category: String?
    /// Where the item is now, or nil.
    public let location: String?
    /// Where the item belongs when it is not out or moved.
    public let homeLocation: String?
    /// Identical units held.
    public let quantity: Int
    /// Units on loan (maintained by Lending).
    public let unitsOut: Int
    /// Units being repaired.
    public let maintenanceUnits: Int
    /// Units free to lend now.
    public let available: Int
    public let status: ItemStatus
    /// Sorted without regard to case.
    public let tags: [String]
    /// Free key → value pairs (`taille` → `M`, `époque` → `1920`).
    public let attributes: [String: String]
    /// Photo paths or URLs, in order.
    public let photos: [String]
    /// Replacement value, in cents (0 when unknown).
    public let value: Money
    public let notes: String?
    public let createdAt: Instant
    public let updatedAt: Instant

    /// The columns every item read selects, over `inventory_items i` and `joinsSQL`, so that rows
    /// always decode the same way.
    static let columnsSQL = """
        i.id, i.code, i.name, i.description, c.path AS category_path, l.path AS location_path,
        h.path AS home_location_path, i.quantity, i.units_out, i.maintenance_units, i.status,
        i.value_cents, i.notes, i.photos, i.created_at, i.updated_at
        """

    /// The paths of the category and of both locations.
    static let joinsSQL = """
        LEFT JOIN inventory_categories c ON c.id = i.category_id
        LEFT JOIN inventory_locations l ON l.id = i.location_id
        LEFT JOIN inventory_locations h ON h.id = i.home_location_id
        """

    static let selectSQL = "SELECT \(columnsSQL) FROM inventory_items i \(joinsSQL)"

    /// Decodes a row of `selectSQL`; tags and attributes come from their own tables.
    init(row: Row, tags: [String], attributes: [String: String]) throws {
        code = try row.get("code")
        name = try row.get("name")
        description = try row.get("description")
        category = try row.get("category_path")
        location = try row.get("location_path")
        homeLocation = try row.get("home_location_path")
        quantity = try row.get("quantity")
        unitsOut = try row.get("units_out")
        maintenanceUnits = try row.get("maintenance_units")
        status = ItemStatus(rawValue: try row.get("status")) ?? .active
        available = Availability.units(quantity: quantity, unitsOut: unitsOut, maintenanceUnits: maintenanceUnits, status: status)
        self.tags = tags
        self.attributes = attributes
        let photos: String = try row.get("photos")
        // Most items have none: skip a JSONDecoder (several µs) for them.
        self.photos = photos == "[]" ? [] : try JSONDecoder().decode([String].self, from: Data(photos.utf8))
        value = try row.get("value_cents")
        notes = try row.get("notes")
        createdAt = try row.get("created_at")
        updatedAt = try row.get("updated_at")
    }

    /// This item with the columns the ledger writes as they are now (a cached search page's item,
    /// brought up to date: see `SearchSnapshot`).
    func with(_ units: ItemUnits) throws -> Item {
        var updatedAt = self.updatedAt
        if units.updatedText != updatedAt.iso8601 {
            guard let parsed = Instant.fromDatabaseValue(.text(units.updatedText)) else {
                throw DatabaseError.misuse("updated_at is not an instant: \(units.updatedText)", sql: nil)
            }
            updatedAt = parsed
        }
        return Item(self, units, updatedAt: updatedAt)
    }

    private init(_ item: Item, _ units: ItemUnits, updatedAt: Instant) {
        code = item.code
        name = item.name
        description = item.description
        category = item.category
        location = item.location
        homeLocation = item.homeLocation
        quantity = units.quantity
        unitsOut = units.unitsOut
        maintenanceUnits = units.maintenanceUnits
        status = units.status
        available = units.available
        tags = item.tags
        attributes = item.attributes
        photos = item.photos
        value = item.value
        notes = item.notes
        createdAt = item.createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case code, name, description, category, location, homeLocation, quantity, unitsOut, maintenanceUnits,
             available, status, tags, attributes, photos, value, notes, createdAt, updatedAt
    }

    /// Absent values are written as `null`, so every item object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(category, forKey: .category)
        try c.encode(location, forKey: .location)
        try c.encode(homeLocation, forKey: .homeLocation)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(unitsOut, forKey: .unitsOut)
        try c.encode(maintenanceUnits, forKey: .maintenanceUnits)
        try c.encode(available, forKey: .available)
        try c.encode(status, forKey: .status)
        try c.encode(tags, forKey: .tags)
        try c.encode(attributes, forKey: .attributes)
        try c.encode(photos, forKey: .photos)
        try c.encode(value, forKey: .value)
        try c.encode(notes, forKey: .notes)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}

/// The one availability rule, shared by items, the ledger and the search filter.
enum Availability {
    static func units(quantity: Int, unitsOut: Int, maintenanceUnits: Int, status: ItemStatus) -> Int {
        guard status == .active else { return 0 }
        return max(0, quantity - unitsOut - maintenanceUnits)
    }

    /// The same rule as an SQL condition on `inventory_items i`: at least one unit free.
    static let availableCondition = "(i.status = 'active' AND i.quantity - i.units_out - i.maintenance_units > 0)"
}

/// What is needed to add an item. Everything but the code and the name may be left out.
public struct NewItem: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var description: String?
    /// A category path; it must exist unless the call asks to create missing paths.
    public var category: String?
    /// The current location's path; when `homeLocation` is nil it is also the home.
    public var location: String?
    /// The home location's path; when `location` is nil the item starts at home.
    public var homeLocation: String?
    public var quantity: Int
    public var tags: [String]
    public var attributes: [String: String]
    public var photos: [String]
    public var value: Money
    public var notes: String?
    public var status: ItemStatus

    public init(
        code: String, name: String, description: String? = nil, category: String? = nil, location: String? = nil,
        homeLocation: String? = nil, quantity: Int = 1, tags: [String] = [], attributes: [String: String] = [:],
        photos: [String] = [], value: Money = .zero, notes: String? = nil, status: ItemStatus = .active
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.category = category
        self.location = location
        self.homeLocation = homeLocation
        self.quantity = quantity
        self.tags = tags
        self.attributes = attributes
        self.photos = photos
        self.value = value
        self.notes = notes
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case code, name, description, category, location, homeLocation, quantity, tags, attributes, photos, value, notes, status
    }

    /// A JSON body may leave out every field but `code` and `name`; the defaults are those of `init`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code),
            name: try c.decode(String.self, forKey: .name),
            description: try c.decodeIfPresent(String.self, forKey: .description),
            category: try c.decodeIfPresent(String.self, forKey: .category),
            location: try c.decodeIfPresent(String.self, forKey: .location),
            homeLocation: try c.decodeIfPresent(String.self, forKey: .homeLocation),
            quantity: try c.decodeIfPresent(Int.self, forKey: .quantity) ?? 1,
            tags: try c.decodeIfPresent([String].self, forKey: .tags) ?? [],
            attributes: try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:],
            photos: try c.decodeIfPresent([String].self, forKey: .photos) ?? [],
            value: try c.decodeIfPresent(Money.self, forKey: .value) ?? .zero,
            notes: try c.decodeIfPresent(String.self, forKey: .notes),
            status: try c.decodeIfPresent(ItemStatus.self, forKey: .status) ?? .active)
    }
}

/// A partial update, with JSON Merge Patch semantics (RFC 7396) so that a PATCH body maps onto it:
/// nil fields stay as they are; an empty text clears `description`, `notes`, `category` and
/// `homeLocation`; `tags` and `photos` replace the whole list; `attributes` are merged key by key and a
/// nil value removes its key.
///
/// Location and status have their own verbs (`move`, `setStatus`) because each change writes a movement
/// with a reason.
public struct ItemChanges: Sendable, Codable, Equatable {
    public var name: String?
    public var description: String?
    public var category: String?
    public var homeLocation: String?
    public var quantity: Int?
    public var tags: [String]?
    public var attributes: [String: String?]?
    public var photos: [String]?
    public var value: Money?
    public var notes: String?

    public init(
        name: String? = nil, description: String? = nil, category: String? = nil, homeLocation: String? = nil,
        quantity: Int? = nil, tags: [String]? = nil, attributes: [String: String?]? = nil, photos: [String]? = nil,
        value: Money? = nil, notes: String? = nil
    ) {
        self.name = name
        self.description = description
        self.category = category
        self.homeLocation = homeLocation
        self.quantity = quantity
        self.tags = tags
        self.attributes = attributes
        self.photos = photos
        self.value = value
        self.notes = notes
    }
}
