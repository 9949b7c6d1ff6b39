import CoopCore
import Foundation

/// How a member is found at the desk: by name, e-mail or phone, accents and case ignored.
///
/// Each member row keeps `search_text` (first name, last name and e-mail, folded) and `phone_digits`
/// (the phone's digits only), written with the row by every verb that writes names, e-mail or phone.
/// A search is then a scan of two short columns of at most a few thousand rows with `instr`, which
/// SQLite does in well under a millisecond and any SQL database can do the same way; no function
/// has to be registered on each connection and nothing is folded per row at query time.
enum MemberSearch {
    /// Lower case, no accents, one space between words: `Hélène  CÔTÉ` → `helene cote`.
    static func fold(_ text: String) -> String {
        text.folded
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// The folded text a member is found by: first name, last name, e-mail.
    static func text(firstName: String, lastName: String, email: String?) -> String {
        fold([firstName, lastName, email ?? ""].joined(separator: " "))
    }

    /// The ASCII digits of a phone number: `(514) 555-0150` → `5145550150`.
    static func digits(_ phone: String?) -> String {
        String((phone ?? "").filter { ("0"..."9").contains($0) })
    }

    /// A query that could be (part of) a phone number: digits, spaces and phone punctuation only.
    static func looksLikePhone(_ query: String) -> Bool {
        query.contains { ("0"..."9").contains($0) } && query.allSatisfy { ("0"..."9").contains($0) || " +-().".contains($0) }
    }

    /// Writes the search columns of one member from its stored fields (inside the caller's transaction).
    static func refresh(memberID: Int64, in db: Connection) throws {
        guard let row = try db.queryOne("SELECT first_name, last_name, email, phone FROM members WHERE id = ?", [memberID]) else { return }
        try db.execute("UPDATE members SET search_text = ?, phone_digits = ? WHERE id = ?", [
            text(firstName: try row.get("first_name"), lastName: try row.get("last_name"), email: try row.get("email")),
            digits(try row.get("phone")), memberID,
        ])
    }
}

extension MembershipService {
    /// The longest query `findMembers` takes.
    static let maxQueryLength = 100

    /// Members whose name or e-mail contains every word of `text`, or whose phone contains its digits
    /// (`514 555` finds `(514) 555-0150`), accents and case ignored, in number order, one page at a
    /// time. A query matching nobody is an empty page, not an error.
    /// - Parameters:
    ///   - text: what the desk typed: part of a name, an e-mail, a phone number.
    ///   - page: the page size and the cursor of the previous page.
    ///   - status: only members with this status, when given.
    public func findMembers(_ text: String, page: PageRequest = PageRequest(), status: MemberStatus? = nil) async throws -> Page<Member> {
        try caller.check(MembershipVerb.findMembers)
        let query = MemberSearch.fold(text)
        guard !query.isEmpty else { throw CoopError.required("q") }
        guard query.count <= Self.maxQueryLength else { throw CoopError.tooLong("q", max: Self.maxQueryLength) }
        let today = context.today()
        let afterID = try Self.cursorID(page.after)
        let words = query.split(separator: " ").map(String.init)
        let phoneDigits = MemberSearch.looksLikePhone(query) ? MemberSearch.digits(query) : nil
        return try await database.read { db in
            var condition = "(" + words.map { _ in "instr(m.search_text, ?) > 0" }.joined(separator: " AND ") + ")"
            var arguments: [any DatabaseValueConvertible] = [afterID]
            arguments += words as [any DatabaseValueConvertible]
            if let phoneDigits {
                condition = "(\(condition) OR instr(m.phone_digits, ?) > 0)"
                arguments.append(phoneDigits)
            }
            if let status {
                condition += " AND " + Self.statusCondition
                arguments += [today, status.rawValue]
            }
            arguments.append(page.limit + 1)
            let sql = Member.selectSQL + " WHERE m.id > ? AND m.anonymized_at IS NULL AND \(condition) ORDER BY m.id LIMIT ?"
            let rows = try db.query(sql, arguments)
            let members = try rows.prefix(page.limit).map { try Member(row: $0, today: today) }
            let next = rows.count > page.limit ? PageRequest.cursor(for: String(try rows[page.limit - 1].get("id") as Int64)) : nil
            return Page(items: members, next: next)
        }
    }
}
