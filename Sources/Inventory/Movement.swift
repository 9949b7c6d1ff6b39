import CoopCore

/// What a movement records.
public enum MovementKind: String, Sendable, Codable, CaseIterable, Worded {
    /// The item entered the catalogue; `to` is its location and `units` its quantity.
    case created
    /// Its current location changed; `from` and `to` are paths.
    case moved
    /// Its status changed; `from` and `to` are statuses.
    case status
    /// Its quantity changed; `from` and `to` are the quantities.
    case quantity
    /// `units` went out on loan; `from` and `to` are the units out before and after.
    case checkOut
    /// `units` came back from a loan; `from` and `to` are the units out before and after.
    case checkIn
    /// `units` went to maintenance; `from` and `to` are the units in maintenance before and after.
    case maintenance
    /// `units` came back from maintenance; `from` and `to` as for `maintenance`.
    case repaired
    /// `units` on loan will not come back (lost by a borrower); `from` and `to` are the quantities.
    case writtenOff

    /// The kind as people read it in an item's history.
    public var label: LocalizedText {
        switch self {
        case .created: LocalizedText(fr: "ajout", en: "added")
        case .moved: LocalizedText(fr: "déplacement", en: "moved")
        case .status: LocalizedText(fr: "statut", en: "status")
        case .quantity: LocalizedText(fr: "quantité", en: "quantity")
        case .checkOut: LocalizedText(fr: "prêt", en: "lent")
        case .checkIn: LocalizedText(fr: "retour", en: "returned")
        case .maintenance: LocalizedText(fr: "en réparation", en: "to maintenance")
        case .repaired: LocalizedText(fr: "réparé", en: "repaired")
        case .writtenOff: LocalizedText(fr: "perte", en: "written off")
        }
    }
}

/// One line of an item's history. Movements are appended and never rewritten.
public struct Movement: Sendable, Codable, Equatable {
    /// The item's code.
    public let item: String
    public let at: Instant
    /// Who did it (a member number, a token label, `import`…), when known.
    public let actor: String?
    public let kind: MovementKind
    /// The units concerned, for loans and maintenance.
    public let units: Int?
    public let from: String?
    public let to: String?
    public let reason: String?

    enum CodingKeys: String, CodingKey { case item, at, actor, kind, units, from, to, reason }

    /// Absent values are written as `null`, so every movement object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encode(kind, forKey: .kind)
        try c.encode(units, forKey: .units)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(reason, forKey: .reason)
    }

    init(row: Row, code: String) throws {
        item = code
        at = try row.get("at")
        actor = try row.get("actor")
        kind = MovementKind(rawValue: try row.get("kind")) ?? .status
        units = try row.get("units")
        from = try row.get("from_value")
        to = try row.get("to_value")
        reason = try row.get("reason")
    }
}

/// The movements table: one way in (`append`), read newest first.
enum MovementLog {
    static let appendSQL = """
        INSERT INTO inventory_movements (item_id, at, actor, kind, units, from_value, to_value, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func append(
        _ itemID: Int64, _ kind: MovementKind, units: Int? = nil, from: String?, to: String?,
        reason: String?, actor: String?, at: Instant, in db: Connection
    ) throws {
        try db.execute(appendSQL, [itemID, at, actor, kind.rawValue, units, from, to, reason])
    }

    /// One page of an item's movements, newest first; the cursor is the last movement id seen.
    static func page(_ itemID: Int64, code: String, _ page: PageRequest, in db: Connection) throws -> Page<Movement> {
        var before = Int64.max
        if let after = page.after {
            guard let id = Int64(after), id > 0 else { throw CoopError.invalidCursor() }
            before = id
        }
        let rows = try db.query("""
            SELECT id, at, actor, kind, units, from_value, to_value, reason FROM inventory_movements
            WHERE item_id = ? AND id < ? ORDER BY id DESC LIMIT ?
            """, [itemID, before, page.limit + 1])
        let movements = try rows.prefix(page.limit).map { try Movement(row: $0, code: code) }
        let next = rows.count > page.limit ? PageRequest.cursor(for: String(try rows[page.limit - 1].get("id") as Int64)) : nil
        return Page(items: movements, next: next)
    }
}
