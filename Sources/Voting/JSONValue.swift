/// A JSON value as the voting protocol writes it: integers only (no fractions, no exponents).
///
/// Strings compare by their UTF-8 bytes, not by Swift's canonical equivalence: `"é"` written as one
/// scalar and as `e` + combining accent are different texts on the board, because they hash differently.
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.integer(let x), .integer(let y)): return x == y
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }

    /// The canonical text.
    public var description: String { CanonicalJSON.string(self) }

    /// The object, if this is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let n) = self { return n }
        return nil
    }

    /// A member of an object; nil for a missing key or a value that is not an object.
    public subscript(_ key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        guard let object = JSONObject(uniqueMembers: elements) else { preconditionFailure("duplicate key in a JSON literal") }
        self = .object(object)
    }
}

/// A JSON object: members kept sorted by the UTF-8 bytes of their keys, each key once.
///
/// Sorted storage makes the canonical encoding a straight walk and equality a member-by-member
/// comparison; objects on the board have a handful of keys, so a binary search is all a lookup needs.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members, sorted by key bytes.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// The empty object.
    public init() { members = [] }

    /// nil when two members have the same key (byte for byte).
    public init?<Members: Sequence>(uniqueMembers: Members) where Members.Element == (String, JSONValue) {
        var sorted = uniqueMembers.map { (key: $0.0, value: $0.1) }
        sorted.sort { JSONObject.precedes($0.key, $1.key) }
        for i in sorted.indices.dropFirst() where sorted[i - 1].key.utf8.elementsEqual(sorted[i].key.utf8) {
            return nil
        }
        members = sorted
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        guard let object = JSONObject(uniqueMembers: elements) else { preconditionFailure("duplicate key in a JSON literal") }
        self = object
    }

    /// The number of members, and their keys in order.
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`; setting nil removes the member.
    public subscript(_ key: String) -> JSONValue? {
        get {
            let (index, found) = position(of: key)
            return found ? members[index].value : nil
        }
        set {
            let (index, found) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert((key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    /// The same object without `key`.
    public func removing(_ key: String) -> JSONObject {
        var copy = self
        copy[key] = nil
        return copy
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for (x, y) in zip(a.members, b.members) {
            guard x.key.utf8.elementsEqual(y.key.utf8), x.value == y.value else { return false }
        }
        return true
    }

    /// Key order: by UTF-8 bytes, which is also Unicode scalar order.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Where `key` is or would be inserted.
    private func position(of key: String) -> (Int, Bool) {
        var low = 0, high = members.count
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(members[mid].key, key) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        let found = low < members.count && members[low].key.utf8.elementsEqual(key.utf8)
        return (low, found)
    }
}
