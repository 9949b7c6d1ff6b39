import CoopCore
import Foundation

/// Who the co-op is on its printed documents (invoices, credit notes, statements): its name, postal
/// address and sales-tax registration numbers. One row, owned by Membership; anyone may read it (it is
/// printed on every invoice), only an administrator changes it.
public struct CoopProfile: Sendable, Codable, Equatable {
    /// The co-op's name as printed, 1 to 100 characters.
    public let name: String
    /// The postal address, one line per line of the envelope, at most 300 characters; nil until set.
    public let address: String?
    /// The GST/HST registration number, `123456789RT0001` (9 digits, `RT`, 4 digits); nil until set.
    public let gstNumber: String?
    /// The QST registration number, `1234567890TQ0001` (10 digits, `TQ`, 4 digits); nil until set.
    public let qstNumber: String?

    /// Until an administrator sets it: the name "Coop" and nothing else.
    public static let defaults = CoopProfile(name: "Coop", address: nil, gstNumber: nil, qstNumber: nil)

    /// Creates the value from its fields, as stored (see `CoopProfileChanges` for the checks).
    public init(name: String, address: String?, gstNumber: String?, qstNumber: String?) {
        (self.name, self.address, self.gstNumber, self.qstNumber) = (name, address, gstNumber, qstNumber)
    }

    /// The address's lines, for a page or a letter that lays them out one under the other.
    public var addressLines: [String] {
        (address ?? "").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    enum CodingKeys: String, CodingKey { case name, address, gstNumber, qstNumber }

    /// Absent values are written as `null`, so every profile object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
        try c.encode(gstNumber, forKey: .gstNumber)
        try c.encode(qstNumber, forKey: .qstNumber)
    }

    public static func load(in db: Connection) throws -> CoopProfile {
        guard let row = try db.queryOne("SELECT name, address, gst_number, qst_number FROM membership_coop_profile WHERE id = 1") else {
            return .defaults
        }
        return CoopProfile(name: try row.get("name"), address: try row.get("address"),
                           gstNumber: try row.get("gst_number"), qstNumber: try row.get("qst_number"))
    }
}

/// A change to the co-op's profile: nil leaves a field as it is; an empty text removes the address or
/// a tax number (the name cannot be removed).
public struct CoopProfileChanges: Sendable, Codable, Equatable {
    public var name: String?
    public var address: String?
    public var gstNumber: String?
    public var qstNumber: String?

    /// A change of the fields given.
    public init(name: String? = nil, address: String? = nil, gstNumber: String? = nil, qstNumber: String? = nil) {
        (self.name, self.address, self.gstNumber, self.qstNumber) = (name, address, gstNumber, qstNumber)
    }

    /// Whether the change names no field at all.
    public var isEmpty: Bool { name == nil && address == nil && gstNumber == nil && qstNumber == nil }

    /// `current` with these changes, each field checked and normalized; the first bad field is refused.
    func applied(to current: CoopProfile) throws -> CoopProfile {
        CoopProfile(name: try name.map(CoopProfileValidation.name) ?? current.name,
                    address: try address.map(CoopProfileValidation.address) ?? current.address,
                    gstNumber: try gstNumber.map(CoopProfileValidation.gstNumber) ?? current.gstNumber,
                    qstNumber: try qstNumber.map(CoopProfileValidation.qstNumber) ?? current.qstNumber)
    }
}

/// The shape rules of the profile's fields. An empty optional field comes back as `.some(nil)`: removed.
enum CoopProfileValidation {
    static func name(_ value: String) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CoopError.required("name") }
        guard trimmed.count <= 100 else { throw CoopError.tooLong("name", max: 100) }
        guard !trimmed.contains(where: \.isNewline) else { throw CoopError.invalidProfileName(value) }
        return trimmed
    }

    /// Lines trimmed, blank lines dropped, `\r\n` read as one line break.
    static func address(_ value: String) throws -> String? {
        let lines = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if lines.isEmpty { return nil }
        let address = lines.joined(separator: "\n")
        guard address.count <= 300 else { throw CoopError.tooLong("address", max: 300) }
        return address
    }

    /// `123456789RT0001`; spaces and dashes forgiven, letters in either case.
    static func gstNumber(_ value: String) throws -> String? {
        let number = compact(value)
        if number.isEmpty { return nil }
        guard matches(number, digits: 9, program: "RT") else { throw CoopError.invalidGSTNumber(value) }
        return number
    }

    /// `1234567890TQ0001`; spaces and dashes forgiven, letters in either case.
    static func qstNumber(_ value: String) throws -> String? {
        let number = compact(value)
        if number.isEmpty { return nil }
        guard matches(number, digits: 10, program: "TQ") else { throw CoopError.invalidQSTNumber(value) }
        return number
    }

    static func compact(_ value: String) -> String {
        String(value.filter { !$0.isWhitespace && $0 != "-" }).uppercased()
    }

    /// `digits` ASCII digits, the two letters of the program, then a 4-digit reference.
    static func matches(_ number: String, digits: Int, program: String) -> Bool {
        let characters = Array(number)
        guard characters.count == digits + 6 else { return false }
        let isDigit = { (c: Character) in c.isASCII && c.isNumber }
        return characters[..<digits].allSatisfy(isDigit)
            && String(characters[digits..<(digits + 2)]) == program
            && characters[(digits + 2)...].allSatisfy(isDigit)
    }
}
