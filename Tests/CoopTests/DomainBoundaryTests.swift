import Foundation
import Testing

/// Each domain owns the tables its schema file creates (`Sources/<Domain>/<Domain>Schema.swift`;
/// CoopCore the ones its sources create) and is the only one to name them in SQL. Another domain reads
/// them through the owner's public functions (`MemberRecord`, `InventoryLedger`, `AccountLedger`…),
/// which take the caller's `Connection`, or through a view the owner publishes for list joins.
///
/// The rule for views, kept simple on purpose: a view created in domain X's schema file whose name is
/// `<x>_public_…` (`membership_public_members`, `inventory_public_items`) may be read by every domain;
/// it is X's promise of those columns. Any other view is private like a table. A foreign key
/// (`REFERENCES members(id)`) in a domain's schema file is allowed: it is not a read.
@Suite struct DomainBoundaryTests {
    /// The domains whose sources are checked; CoopCore owns tables too but reads none of theirs.
    static let domains = ["Membership", "Inventory", "Lending", "Orders", "Voting"]

    /// Who owns a table or view, and whether it is one of the views published to every domain.
    struct Owner: Equatable {
        let domain: String
        let published: Bool
    }

    /// How a statement names a table.
    enum Use: Equatable {
        /// `FROM`, `JOIN`, a comma-joined `FROM a, b`.
        case read
        /// `INTO`, `UPDATE`, `DELETE FROM`, `ALTER TABLE`, `CREATE INDEX … ON`.
        case write
        /// `REFERENCES`.
        case foreignKey
    }

    struct Reference: Equatable {
        let line: Int
        let table: String
        let use: Use
    }

    /// Every table and view, lowercased, with its owner: read from the `CREATE TABLE` / `CREATE VIEW`
    /// statements of each domain's schema file and of CoopCore's sources, so a new table is covered
    /// without editing this test.
    static let owners: [String: Owner] = {
        var owners: [String: Owner] = [:]
        let create = regex(#"\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+|VIRTUAL\s+)?(TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)
        for file in SourceMessages.files {
            let domain: String
            if file.path.hasPrefix("CoopCore/") {
                domain = "CoopCore"
            } else if let d = domains.first(where: { file.path == "\($0)/\($0)Schema.swift" }) {
                domain = d
            } else {
                continue
            }
            let text = withoutComments(file.text)
            for match in create.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let kind = text[Range(match.range(at: 1), in: text)!].uppercased()
                let name = text[Range(match.range(at: 2), in: text)!].lowercased()
                let published = kind == "VIEW" && name.hasPrefix(domain.lowercased() + "_public_")
                owners[name] = Owner(domain: domain, published: published)
            }
        }
        return owners
    }()

    /// The domain a file under `Sources/` belongs to, nil outside the checked domains.
    static func domain(of path: String) -> String? {
        domains.first { path.hasPrefix($0 + "/") }
    }

    /// The tables `text` names in SQL, with their line. Swift `//` comments and SQL `--` comments are
    /// left out, so prose ("read from the members…") does not count; a word that names no known table
    /// is ignored by the caller.
    static func references(in text: String) -> [Reference] {
        let text = withoutComments(text)
        let range = NSRange(text.startIndex..., in: text)
        let identifier = "([A-Za-z_][A-Za-z0-9_]*)"
        var found: [(offset: Int, table: String, use: Use)] = []
        func add(_ pattern: NSRegularExpression, _ use: (String) -> Use) {
            for match in pattern.matches(in: text, range: range) {
                let keyword = String(text[Range(match.range(at: 1), in: text)!])
                found.append((match.range(at: 2).location, String(text[Range(match.range(at: 2), in: text)!]), use(keyword)))
            }
        }
        // `DELETE FROM x` is a write; `FROM x` otherwise a read.
        add(regex(#"(\bDELETE\s+FROM|\bFROM|\bJOIN)\s+"# + identifier)) { $0.uppercased().hasPrefix("DELETE") ? .write : .read }
        add(regex(#"(\bINTO|\bUPDATE|\bALTER\s+TABLE)\s+"# + identifier)) { _ in .write }
        add(regex(#"(\bINDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?[A-Za-z_][A-Za-z0-9_]*\s+ON)\s+"# + identifier)) { _ in .write }
        add(regex(#"(\bREFERENCES)\s+"# + identifier)) { _ in .foreignKey }
        // `FROM a x, b y`: every table after a comma of the same FROM list.
        let list = regex(#"\bFROM\s+[A-Za-z_][A-Za-z0-9_]*(?:\s+(?:AS\s+)?[A-Za-z_][A-Za-z0-9_]*)?((?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*(?:\s+(?:AS\s+)?[A-Za-z_][A-Za-z0-9_]*)?)+)"#)
        let item = regex(#",\s*"# + identifier)
        for match in list.matches(in: text, range: range) {
            for table in item.matches(in: text, range: match.range(at: 1)) {
                found.append((table.range(at: 1).location, String(text[Range(table.range(at: 1), in: text)!]), .read))
            }
        }
        let utf16 = Array(text.utf16)
        return found.sorted { $0.offset < $1.offset }.map { reference in
            let line = 1 + utf16[..<reference.offset].lazy.filter { $0 == 10 }.count
            return Reference(line: line, table: reference.table.lowercased(), use: reference.use)
        }
    }

    /// Whether `domain` may name `table` this way from the file at `path`.
    static func allowed(_ table: String, _ use: Use, by domain: String, in path: String) -> Bool {
        guard let owner = owners[table] else { return true }   // a CTE, an alias, a word of prose
        if owner.domain == domain { return true }
        switch use {
        case .read: return owner.published
        case .foreignKey: return path == "\(domain)/\(domain)Schema.swift"
        case .write: return false
        }
    }

    /// `text` with each Swift `//` comment and SQL `--` comment blanked out to the end of its line,
    /// lines kept, so that line numbers still match the file.
    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            for marker in ["//", "--"] {
                var from = line.startIndex
                while let found = line[from...].range(of: marker) {
                    // Only a marker at the start or after a space: not `https://`, not `(--member)`.
                    if found.lowerBound == line.startIndex || line[line.index(before: found.lowerBound)].isWhitespace {
                        line = line[..<found.lowerBound]
                        break
                    }
                    from = found.upperBound
                }
            }
            return String(line)
        }.joined(separator: "\n")
    }

    static func regex(_ pattern: String) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    @Test func noDomainNamesAnotherDomainsTablesInSQL() {
        var crossings: [String] = []
        for file in SourceMessages.files {
            guard let domain = Self.domain(of: file.path) else { continue }
            for reference in Self.references(in: file.text)
            where !Self.allowed(reference.table, reference.use, by: domain, in: file.path) {
                let owner = Self.owners[reference.table]!
                crossings.append("Sources/\(file.path):\(reference.line): \(reference.table) (\(owner.domain)'s, \(reference.use))")
            }
        }
        #expect(crossings.isEmpty, Comment(rawValue: "read another domain's tables only through its public functions or `_public_` views:\n"
            + crossings.joined(separator: "\n")))
    }

    /// The owner map is what the check stands on: if the schema files stopped parsing, every table
    /// would be unknown and the test above would pass without looking.
    @Test func everyDomainOwnsTheTablesItsSchemaCreates() {
        for domain in Self.domains {
            #expect(Self.owners.values.contains { $0.domain == domain }, "\(domain) owns no table")
        }
        #expect(Self.owners["members"] == Owner(domain: "Membership", published: false))
        #expect(Self.owners["account_entries"] == Owner(domain: "Membership", published: false))
        #expect(Self.owners["inventory_items"] == Owner(domain: "Inventory", published: false))
        #expect(Self.owners["lending_loans"] == Owner(domain: "Lending", published: false))
        #expect(Self.owners["orders_invoices"] == Owner(domain: "Orders", published: false))
        #expect(Self.owners["voting_board"] == Owner(domain: "Voting", published: false))
        #expect(Self.owners["coop_sequences"] == Owner(domain: "CoopCore", published: false))
        #expect(Self.owners["coop_migrations"] == Owner(domain: "CoopCore", published: false))
        // Every `_public_` view is published by the domain whose prefix it bears.
        for (name, owner) in Self.owners where name.contains("_public_") {
            #expect(owner.published, "\(name) is created by \(owner.domain), not by the domain its prefix names")
        }
    }

    /// The scanner itself, on SQL written the ways the sources write it.
    @Test func theScannerFindsEveryWayOfNamingATable() {
        let text = """
            // a comment that reads from members is prose
            let a = "SELECT m.number FROM members m LEFT JOIN membership_plans p ON p.id = m.plan_id"
            let b = \"\"\"
                SELECT * FROM orders_orders o, inventory_items i, members
                WHERE x IN (1, 2) -- and from api_tokens, in a comment
                \"\"\"
            try db.execute("INSERT INTO account_entries (id) VALUES (?)"); try db.execute("UPDATE inventory_items SET x = 1")
            try db.execute("DELETE FROM lending_loans")
            CREATE INDEX x_items ON inventory_items(code); member_id INTEGER REFERENCES members(id),
            let url = "https://example.org/a" // read from members, a trailing comment
            """
        let found = Self.references(in: text).map { "\($0.line) \($0.table) \($0.use)" }
        #expect(found == [
            "2 members read", "2 membership_plans read",
            "4 orders_orders read", "4 inventory_items read", "4 members read",
            "7 account_entries write", "7 inventory_items write",
            "8 lending_loans write",
            "9 inventory_items write", "9 members foreignKey",
        ])
        #expect(!Self.allowed("members", .read, by: "Orders", in: "Orders/Order.swift"))
        #expect(Self.allowed("members", .foreignKey, by: "Orders", in: "Orders/OrdersSchema.swift"))
        #expect(!Self.allowed("members", .foreignKey, by: "Orders", in: "Orders/Order.swift"))
        #expect(Self.allowed("orders_orders", .write, by: "Orders", in: "Orders/Order.swift"))
        #expect(Self.allowed("not_a_table", .read, by: "Orders", in: "Orders/Order.swift"))
    }
}
