import Foundation
import Testing

@testable import CoopCore

/// The order of lists people read, in Swift and as the SQL collation `french`.
@Suite struct ReadingOrderTests {
    static let french = ["Zèbre", "Érablière", "eau", "Abricot", "École"]

    @Test func accentedNamesSortWithTheirLettersNotAfterZ() {
        #expect(Self.french.sorted(by: ReadingOrder.less) == ["Abricot", "eau", "École", "Érablière", "Zèbre"])
        #expect(Self.french.sorted() == ["Abricot", "Zèbre", "eau", "École", "Érablière"], "what byte order did")
    }

    @Test func tiesGoUnaccentedFirstThenLowerCaseFirstAsICUHasIt() {
        #expect(["Éau", "eaux", "Eau", "éau", "eau"].sorted(by: ReadingOrder.less) == ["eau", "Eau", "éau", "Éau", "eaux"])
        #expect(["côté", "coté", "côte", "cote"].sorted(by: ReadingOrder.less) == ["cote", "coté", "côte", "côté"])
        #expect(["oz", "Œuvre", "ode"].sorted(by: ReadingOrder.less) == ["ode", "Œuvre", "oz"], "œ is spelt oe")
        // The same letters in two Unicode forms (é, or e and a combining accent) are neighbours.
        #expect(ReadingOrder.compare("Ecole", "E\u{301}cole") < 0 && ReadingOrder.compare("E\u{301}cole", "Ecoles") < 0)
        #expect(ReadingOrder.compare("École", "École") == 0)
        #expect(ReadingOrder.compare("", "a") < 0 && ReadingOrder.compare("a", "") > 0 && ReadingOrder.compare("", "") == 0)
    }

    /// What the rule says, spelt out slowly: folded letters, then lower-cased text, then case, then bytes.
    static func reference(_ a: String, _ b: String) -> Bool {
        func folded(_ s: String) -> [UInt32] { s.map { ReadingOrder.fold(String($0)) }.joined().unicodeScalars.map(\.value) }
        let fa = folded(a), fb = folded(b)
        if fa != fb { return fa.lexicographicallyPrecedes(fb) }
        let result = ReadingOrder.compare(a, b)
        return result < 0
    }

    @Test func theOrderIsTotalAndAgreesWithTheFoldedLettersOnRandomNames() {
        let alphabet = Array("aAeEéÉèêëcCçÇoOôœŒzZ -'/0\u{301}")
        var generator = SystemRandomNumberGenerator()
        let names = (0..<400).map { _ in String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for a in names.prefix(60) {
            for b in names.prefix(60) {
                let ab = ReadingOrder.compare(a, b), ba = ReadingOrder.compare(b, a)
                #expect(ab.signum() == -ba.signum(), "antisymmetric: \(a.debugDescription) \(b.debugDescription)")
            }
        }
        let sorted = names.sorted(by: ReadingOrder.less)
        for (x, y) in zip(sorted, sorted.dropFirst()) {
            #expect(ReadingOrder.compare(x, y) <= 0, "\(x.debugDescription) then \(y.debugDescription)")
            #expect(!Self.reference(y, x) || ReadingOrder.compare(x, y) == 0, "folded letters decide first: \(x.debugDescription) \(y.debugDescription)")
        }
    }

    @Test func sqlListsInTheSameOrderThroughTheCollationOnEveryConnection() throws {
        try TemporaryDatabase.withConnection { db throws in
            try db.execute("CREATE TABLE t (name TEXT)")
            for name in Self.french + ["eau", "Eau", "Œuvre", "oz"] { try db.execute("INSERT INTO t (name) VALUES (?)", [name]) }
            let listed = try db.query("SELECT name FROM t ORDER BY name COLLATE french").map { try $0.get(0) as String }
            #expect(listed == ["Abricot", "eau", "eau", "Eau", "École", "Érablière", "Œuvre", "oz", "Zèbre"])
            #expect(listed == (Self.french + ["eau", "Eau", "Œuvre", "oz"]).sorted(by: ReadingOrder.less))
            #expect(try db.scalar("SELECT count(*) FROM t WHERE name = 'EAU' COLLATE french", as: Int64.self) == 0,
                    "a total order: equal only when the text is")
        }
    }
}
