// The cost of sorting lists in reading order (`ReadingOrder`, the SQL collation `french`) against byte
// order, SQLite's NOCASE, folding both strings per comparison, and Foundation's compare with a French
// locale, on 1,000 and 10,000 names. Not part of the package; run it with:
//   swiftc -O -parse-as-library -I Sources/CSQLite Benchmarks/reading-order.swift Sources/CoopCore/Localization/ReadingOrder.swift -o /tmp/reading-order
//   /tmp/reading-order
import CSQLite
import Foundation

func time(_ label: String, repeat n: Int = 5, _ body: () -> Void) {
    var best = Double.infinity
    for _ in 0..<n {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    print(String(format: "%-58@ %9.2f ms", label as NSString, best))
}

@main
enum ReadingOrderBenchmark {
    static func main() {
        let words = ["Érablière", "eau", "École", "Zèbre", "Abricot", "Ferme Tournesol", "Fromagerie Lavoie", "Œufs", "Pâtisserie", "Boulangerie",
                     "Côté", "cote", "Hélène", "Îles", "Ça va", "Marché", "Verger", "Miellerie", "Jardins", "Épicerie", "Outils", "Perceuses"]
        var rng = SystemRandomNumberGenerator()
        func names(_ count: Int, ascii: Bool) -> [String] {
            (0..<count).map { i in
                let w = words[Int.random(in: 0..<words.count, using: &rng)]
                let base = ascii ? w.folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(of: "Œ", with: "Oe") : w
                return "\(base) \(Int.random(in: 0..<100_000, using: &rng))"
            }
        }
        let fr = Locale(identifier: "fr_CA")
        for (label, ascii) in [("accented mix", false), ("ASCII only", true)] {
            for count in [1_000, 10_000] {
                let list = names(count, ascii: ascii)
                print("--- \(count) names, \(label)")
                time("Swift sort, plain <") { _ = list.sorted() }
                time("Swift sort, ReadingOrder.less") { _ = list.sorted(by: ReadingOrder.less) }
                time("Swift sort, folded per comparison") {
                    _ = list.sorted { let a = $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased(), b = $1.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased(); return a != b ? a < b : $0 < $1 }
                }
                time("Swift sort, compare(options:locale: fr_CA)", repeat: 2) {
                    _ = list.sorted { $0.compare($1, options: [.caseInsensitive, .diacriticInsensitive], range: nil, locale: fr) == .orderedAscending }
                }

                var db: OpaquePointer?
                sqlite3_open(":memory:", &db)
                sqlite3_create_collation_v2(db, "french", SQLITE_UTF8, nil, { _, n1, p1, n2, p2 in
                    ReadingOrder.compare(UnsafeRawBufferPointer(start: p1, count: Int(n1)), UnsafeRawBufferPointer(start: p2, count: Int(n2)))
                }, nil)
                sqlite3_exec(db, "CREATE TABLE t (name TEXT)", nil, nil, nil)
                sqlite3_exec(db, "BEGIN", nil, nil, nil)
                var insert: OpaquePointer?
                sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?)", -1, &insert, nil)
                let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
                for name in list { sqlite3_bind_text(insert, 1, name, -1, transient); sqlite3_step(insert); sqlite3_reset(insert) }
                sqlite3_finalize(insert)
                sqlite3_exec(db, "COMMIT", nil, nil, nil)
                for collation in ["BINARY", "NOCASE", "french"] {
                    time("SQLite SELECT … ORDER BY name COLLATE \(collation)") {
                        var s: OpaquePointer?
                        sqlite3_prepare_v2(db, "SELECT name FROM t ORDER BY name COLLATE \(collation)", -1, &s, nil)
                        var n = 0
                        while sqlite3_step(s) == SQLITE_ROW { n += Int(sqlite3_column_bytes(s, 0)) }
                        sqlite3_finalize(s)
                    }
                }
                sqlite3_close(db)
            }
        }
        let check = ["Zèbre", "Érablière", "eau", "Abricot", "École"].sorted(by: ReadingOrder.less)
        print(check)
        print(["Eau", "eau", "éau", "Éau", "eaux", "cote", "côte", "coté", "côté", "Œuvre", "oeuvre", "Oeuvre", "oz"].sorted(by: ReadingOrder.less))
        print(["Zèbre", "Érablière", "eau", "Abricot", "École"].sorted { $0.compare($1, options: [], range: nil, locale: fr) == .orderedAscending })
    }
}
