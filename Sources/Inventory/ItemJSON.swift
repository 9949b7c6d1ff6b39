import CoopCore

/// A page of items as the API's JSON, written by hand: byte for byte what `JSONEncoder` (sorted keys,
/// slashes unescaped) writes for `Page<Item>`, at a fraction of its cost. An uncached search spent
/// about 15 % of its time in the encoder (docs/PERFORMANCE.md, issue 16); `ItemJSONTests` compares
/// the two on generated items, hostile text included. Keys are written in sorted order.
public enum ItemJSON {
    public static func page(_ page: Page<Item>) -> [UInt8] {
        var out = JSONBytes(capacity: 600 * page.items.count + 32)
        out.raw("{\"items\":[")
        for (i, item) in page.items.enumerated() {
            if i > 0 { out.raw(",") }
            write(item, into: &out)
        }
        out.raw("],\"next\":")
        out.optional(page.next)
        out.raw("}")
        return out.bytes
    }

    static func write(_ item: Item, into out: inout JSONBytes) {
        out.raw("{\"attributes\":{")
        // JSONEncoder sorts a dictionary's keys by their UTF-8 bytes, not by String's `<` (which
        // compares canonical forms: `e` + U+0301 and `é` sort apart here).
        for (i, key) in item.attributes.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { out.raw(",") }
            out.string(key)
            out.raw(":")
            out.string(item.attributes[key]!)
        }
        out.raw("},\"available\":")
        out.integer(item.available)
        out.raw(",\"category\":"); out.optional(item.category)
        out.raw(",\"code\":"); out.string(item.code)
        out.raw(",\"createdAt\":"); out.string(item.createdAt.iso8601)
        out.raw(",\"description\":"); out.optional(item.description)
        out.raw(",\"homeLocation\":"); out.optional(item.homeLocation)
        out.raw(",\"location\":"); out.optional(item.location)
        out.raw(",\"maintenanceUnits\":"); out.integer(item.maintenanceUnits)
        out.raw(",\"name\":"); out.string(item.name)
        out.raw(",\"notes\":"); out.optional(item.notes)
        out.raw(",\"photos\":"); out.strings(item.photos)
        out.raw(",\"quantity\":"); out.integer(item.quantity)
        out.raw(",\"status\":"); out.string(item.status.rawValue)
        out.raw(",\"tags\":"); out.strings(item.tags)
        out.raw(",\"unitsOut\":"); out.integer(item.unitsOut)
        out.raw(",\"updatedAt\":"); out.string(item.updatedAt.iso8601)
        out.raw(",\"value\":"); out.integer(item.value.cents)
        out.raw("}")
    }
}
