import CoopCore
import Foundation

extension MembershipService {
    /// The columns of a member import, in the documented order.
    public static let importColumns = ["first_name", "last_name", "email", "phone", "language", "category", "plan"]

    /// Imports members from CSV, all or nothing: the first bad record rejects the file, naming its
    /// line and reason, and nothing is written. Returns the members created.
    public func importMembers(csv data: Data, source: String) async throws -> [Member] {
        try caller.check(MembershipVerb.importMembers)
        let file = try CSVFile(data: data, source: source)
        let columns = try file.columns(required: ["first_name", "last_name", "email"],
                                       optional: ["phone", "language", "category", "plan"], source: source)
        let today = context.today(), now = context.now()
        return try await database.write { db in
            var numbers: [String] = []
            numbers.reserveCapacity(file.records.count)
            for record in file.records {
                do {
                    guard record.fields.count == file.header.count else {
                        throw CoopError.csvFieldCount(expected: file.header.count, got: record.fields.count)
                    }
                    func field(_ name: String) -> String? { columns[name].map { record.fields[$0] } }
                    let input = NewMember(
                        firstName: field("first_name") ?? "", lastName: field("last_name") ?? "", email: field("email") ?? "",
                        phone: field("phone"),
                        language: try field("language").flatMap(MemberValidation.language),
                        category: try field("category").flatMap(MemberValidation.category),
                        plan: field("plan"))
                    numbers.append(try Self.insert(input, today: today, now: now, in: db))
                } catch let error as CoopError {
                    throw CoopError.csvLine(source, line: record.line, error)
                }
            }
            return try numbers.map { try Self.fetchMember($0, today: today, in: db) }
        }
    }

    /// All members as CSV (RFC 4180, UTF-8, CRLF), with their number, status and dates.
    public func exportMembersCSV() async throws -> String {
        try caller.check(MembershipVerb.exportMembersCSV)
        let members = try await allMembers()
        var csv = CSVWriterBuffer()
        csv.append(["number", "first_name", "last_name", "email", "phone", "language", "category", "plan",
                    "status", "joined_on", "membership_ends", "share_capital"])
        for m in members {
            csv.append([m.number, m.firstName, m.lastName, m.email ?? "", m.phone ?? "", m.language.rawValue,
                        m.category.rawValue, m.plan ?? "", m.status.rawValue, m.joinedOn.iso8601,
                        m.membershipEnds?.iso8601 ?? "", m.shareCapital.decimalString])
        }
        return csv.text
    }
}
