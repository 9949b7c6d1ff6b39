import Foundation
import Testing

/// Lists people read sort as French readers expect: Érablière with the E's, not after Z.
@Suite struct ReadingOrderCommandTests {
    static let names = ["Zèbre", "Érablière", "eau", "Abricot", "École"]
    static let expected = ["Abricot", "eau", "École", "Érablière", "Zèbre"]

    @Test func producersPickupPointsPlansAndCategoriesListInReadingOrder() throws {
        let ctl = try CoopCtlRunner()
        defer { ctl.remove() }
        #expect(try ctl.run(["init"]).status == 0)
        for name in Self.names {
            for arguments in [["producer", "add", "--name", name], ["pickup", "add", "--name", name],
                              ["plan", "add", "--name", name, "--fee", "10.00", "--months", "12", "--max-loans", "1", "--max-reservations", "1"],
                              ["category", "add", name], ["category", "add", "Outils/\(name)"]] {
                let result = try ctl.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
            }
        }
        #expect(try ctl.run(["producer", "list", "--json"]).array.map { $0["name"] as? String } == Self.expected)
        #expect(try ctl.run(["pickup", "list", "--json"]).array.map { $0["name"] as? String } == Self.expected)
        #expect(try ctl.run(["plan", "list", "--json"]).array.map { $0["name"] as? String } == Self.expected)
        let tree = try ctl.run(["category", "list", "--json"]).array.map { $0["path"] as? String ?? "" }
        #expect(tree == ["Abricot", "eau", "École", "Érablière", "Outils"] + Self.expected.map { "Outils/\($0)" } + ["Zèbre"])
        let table = try ctl.run(["producer", "list"]).stdout
        let rows = Self.expected.compactMap { name in table.range(of: name)?.lowerBound }
        #expect(rows.count == 5 && rows == rows.sorted(), "the table too")
    }
}
