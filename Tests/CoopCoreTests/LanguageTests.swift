import Foundation
import Testing

@testable import CoopCore

@Suite struct LanguageTests {
    @Test func readsLanguageCodesAndLocales() {
        #expect(Language(code: "fr") == .fr)
        #expect(Language(code: "en") == .en)
        #expect(Language(code: "EN") == .en)
        #expect(Language(code: "fr_CA.UTF-8") == .fr)
        #expect(Language(code: "en-US") == .en)
        #expect(Language(code: "en_GB@euro") == .en)
        #expect(Language(code: "de") == nil)
        #expect(Language(code: "C.UTF-8") == nil)
        #expect(Language(code: "POSIX") == nil)
        #expect(Language(code: "french") == nil)
        #expect(Language(code: "") == nil)
        #expect(Language(code: "*") == nil)
        #expect(Language.default == .fr)
    }

    @Test(arguments: [
        ("en-US,en;q=0.9,fr;q=0.8", Language.en),
        ("fr-CA", .fr),
        ("fr-CA,fr;q=0.9,en-US;q=0.8,en;q=0.7", .fr),
        ("de-DE,en;q=0.5,fr;q=0.4", .en),
        ("de-DE,fr;q=0.5,en;q=0.4", .fr),
        ("en;q=0.2, fr;q=0.9", .fr),
        ("fr;q=0.2, en", .en),
        (" en-GB ; q=0.7 , fr ; q=0.3", .en),
        ("en;q=0", .fr),
        ("en;q=0, fr;q=0.1", .fr),
        ("*", .fr),
        ("de, es, it", .fr),
        ("garbage", .fr),
        (";;;,,,q=", .fr),
        ("", .fr),
    ])
    func negotiatesAcceptLanguage(_ header: String, _ expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test func noHeaderIsFrench() {
        #expect(Language.negotiate(acceptLanguage: nil) == .fr)
    }

    @Test func resolvePrecedenceIsFlagThenCoopLangThenLang() {
        let both = ["COOP_LANG": "en", "LANG": "fr_CA.UTF-8"]
        #expect(Language.resolve(flag: "fr", environment: both) == .fr)
        #expect(Language.resolve(flag: "en", environment: ["COOP_LANG": "fr", "LANG": "fr_CA.UTF-8"]) == .en)
        #expect(Language.resolve(flag: nil, environment: both) == .en)
        #expect(Language.resolve(flag: nil, environment: ["COOP_LANG": "fr", "LANG": "en_US.UTF-8"]) == .fr)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "C.UTF-8"]) == .fr)
        #expect(Language.resolve(flag: nil, environment: [:]) == .fr)
        // A value that names no language we speak is skipped, not taken as French.
        #expect(Language.resolve(flag: nil, environment: ["COOP_LANG": "", "LANG": "en_CA.UTF-8"]) == .en)
        #expect(Language.resolve(flag: nil, environment: ["COOP_LANG": "de", "LANG": "en_CA.UTF-8"]) == .en)
    }

    @Test func codableAsItsCode() throws {
        #expect(String(decoding: try JSONEncoder().encode([Language.en]), as: UTF8.self) == #"["en"]"#)
        #expect(try JSONDecoder().decode([Language].self, from: Data(#"["fr"]"#.utf8)) == [.fr])
        #expect(Language.allCases == [.fr, .en])
    }
}
