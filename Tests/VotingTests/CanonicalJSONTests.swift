import CoopCore
import Foundation
import Testing
@testable import Voting

@Suite("Canonical JSON")
struct CanonicalJSONTests {
    func canonical(_ text: String) throws -> String { CanonicalJSON.string(try CanonicalJSON.parse(text)) }

    func parseError(_ text: String) -> JSONParseError? {
        do {
            _ = try CanonicalJSON.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func parseError(bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try CanonicalJSON.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Encoding

    @Test func objectsLoseWhitespaceAndSortKeysByUTF8Bytes() throws {
        #expect(try canonical(#" { "b" : 1 , "a" : [ 1 , { "d" : null , "c" : true } ] , "A": false } "#)
                == #"{"A":false,"a":[1,{"c":true,"d":null}],"b":1}"#)
    }

    @Test func keyOrderIsByteOrderNotUTF16OrCanonicalEquivalence() throws {
        // Bytes: Z(5A) < a(61) < aa < b(62) < é(C3 A9) < e+◌́ is 65 CC 81 (after b, before é) < U+FFFF (EF BF BF) < U+10000 (F0 90 80 80).
        // RFC 8785 sorts by UTF-16 units, which would put U+10000 (D800 DC00) before U+FFFF.
        let value: JSONValue = .object(JSONObject(uniqueMembers: [
            ("\u{10000}", 1), ("\u{FFFF}", 2), ("é", 3), ("e\u{301}", 4), ("b", 5), ("aa", 6), ("a", 7), ("Z", 8),
        ])!)
        let text = CanonicalJSON.string(value)
        #expect(text == "{\"Z\":8,\"a\":7,\"aa\":6,\"b\":5,\"e\u{301}\":4,\"é\":3,\"\u{FFFF}\":2,\"\u{10000}\":1}")
        #expect(try CanonicalJSON.parse(text) == value)
    }

    @Test func stringsAreEscapedAsRFC8785() throws {
        let value: JSONValue = .string("\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\"\\/\u{7F}\u{2028}é😀")
        let expected = #""\u0000\u0001\b\t\n\u000b\f\r\u001f\"\\/"# + "\u{7F}\u{2028}é😀\""
        #expect(CanonicalJSON.string(value) == expected)
        #expect(try CanonicalJSON.parse(expected) == value)
    }

    @Test func escapesAreReadAndWrittenBackCanonically() throws {
        #expect(try canonical(#"["\u0041\u00e9\/\ud83d\ude00\u001F\u007f"]"#) == "[\"Aé/😀\\u001f\u{7F}\"]")
    }

    @Test func integersKeepEverySixtyFourBitValue() throws {
        #expect(try canonical("[9223372036854775807,-9223372036854775808,0,-0,-12,7]")
                == "[9223372036854775807,-9223372036854775808,0,0,-12,7]")
    }

    @Test func stringsCompareByBytes() throws {
        // Swift says these are equal; on the board they hash differently, so JSONValue does not.
        #expect("é" == "e\u{301}")
        #expect(JSONValue.string("é") != JSONValue.string("e\u{301}"))
        #expect(CanonicalJSON.sha256Hex(.string("é")) != CanonicalJSON.sha256Hex(.string("e\u{301}")))
    }

    @Test func parsingThenEncodingIsStable() throws {
        let texts = [#"{"x":[[],{},"",0,-1,true,false,null]}"#, #""\\\"""#, "[]", "{}", "\"\"", "0"]
        for text in texts {
            #expect(try canonical(text) == text)
            #expect(try canonical(canonical(text)) == text)
        }
    }

    // MARK: Refusals

    @Test(arguments: ["1.0", "1e3", "1E3", "-1.5", "0.0", "2e-1", "[1,2.5]", #"{"a":1.0}"#])
    func nonIntegersAreRefused(text: String) {
        #expect(parseError(text)?.reason == .notAnInteger)
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"])
    func integersBeyondSixtyFourBitsAreRefused(text: String) {
        #expect(parseError(text)?.reason == .integerOutOfRange)
    }

    @Test func duplicateKeysAreRefusedEvenWhenSpelledDifferently() {
        #expect(parseError(#"{"a":1,"a":2}"#)?.reason == .duplicateKey("a"))
        #expect(parseError(#"{"a":1,"\u0061":2}"#)?.reason == .duplicateKey("a"))
        #expect(parseError(#"{"x":{"k":1,"j":2,"k":3}}"#)?.reason == .duplicateKey("k"))
        // Different bytes, different keys: not duplicates.
        #expect(parseError("{\"é\":1,\"e\u{301}\":2}") == nil)
    }

    @Test func invalidUTF8IsRefused() {
        #expect(parseError(bytes: [0x22, 0xC3, 0x28, 0x22])?.reason == .invalidUTF8)       // truncated sequence
        #expect(parseError(bytes: [0x22, 0xC0, 0xAF, 0x22])?.reason == .invalidUTF8)       // overlong "/"
        #expect(parseError(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22])?.reason == .invalidUTF8) // surrogate in UTF-8
        #expect(parseError(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22])?.reason == .invalidUTF8) // above U+10FFFF
        #expect(parseError(bytes: [0x22, 0x5C, 0x6E, 0xFF, 0x22])?.reason == .invalidUTF8) // after an escape
    }

    @Test func loneSurrogatesAreRefused() {
        #expect(parseError(#""\ud800""#)?.reason == .loneSurrogate)
        #expect(parseError(#""\udc00""#)?.reason == .loneSurrogate)
        #expect(parseError(#""\ud800\u0041""#)?.reason == .loneSurrogate)
    }

    @Test func malformedTextIsRefused() {
        #expect(parseError("")?.reason == .unexpectedEnd)
        #expect(parseError("[1,]")?.reason == .unexpectedByte(UInt8(ascii: "]")))
        #expect(parseError("01")?.reason == .unexpectedByte(UInt8(ascii: "1")))
        #expect(parseError("-")?.reason == .unexpectedEnd)
        #expect(parseError("[1] x")?.reason == .trailingData)
        #expect(parseError("\u{FEFF}[]")?.reason == .unexpectedByte(0xEF))
        #expect(parseError("\"a\u{1}b\"")?.reason == .controlCharacterInString)
        #expect(parseError(#""\x""#)?.reason == .invalidEscape)
        #expect(parseError(#""\u12g4""#)?.reason == .invalidEscape)
        #expect(parseError("tru")?.reason == .unexpectedEnd)
        #expect(parseError("nul1")?.reason == .unexpectedByte(UInt8(ascii: "1")))
        #expect(parseError(#"{"a" 1}"#)?.reason == .unexpectedByte(UInt8(ascii: "1")))
        #expect(parseError("{1:2}")?.reason == .unexpectedByte(UInt8(ascii: "1")))
        #expect(parseError("NaN")?.reason == .unexpectedByte(UInt8(ascii: "N")))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(parseError(deep)?.reason == .tooDeep)
        let fine = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(parseError(fine) == nil)
    }

    @Test func errorsSayWhereTheyAre() throws {
        let error = try #require(parseError(#"{"events":[{"seq":1},{"seq":2.5}]}"#))
        #expect(error.reason == .notAnInteger)
        #expect(error.path == [.key("events"), .index(1), .key("seq")])
        #expect(error.offset == 28)
        #expect(error.text.fr.contains("entier"))
    }

    // MARK: Values

    @Test func objectsAreEditableAndKeepTheirOrder() {
        var object: JSONObject = ["b": 2, "a": 1]
        object["c"] = 3
        object["a"] = nil
        object["0"] = .null
        #expect(object.keys == ["0", "b", "c"])
        #expect(object.removing("b").keys == ["0", "c"])
        #expect(JSONValue.object(object) == ["c": 3, "0": nil, "b": 2])
    }

    @Test func codableValuesBridgeToJSON() throws {
        let question = Question(text: "Q", kind: .approval, choices: ["A", "B"], min: 0, max: 1)
        let value = try JSONValue(encoding: question)
        #expect(CanonicalJSON.string(value) == #"{"choices":["A","B"],"kind":"approval","max":1,"min":0,"text":"Q"}"#)
        #expect(try value.decoded(as: Question.self) == question)
    }
}

@Suite("Board event hash")
struct BoardEventHashTests {
    @Test func theHandWrittenCoveredObjectIsTheCanonicalOne() {
        let payloads: [JSONValue] = [["at": "2026-03-20T13:00:00.000Z"], [], "é\u{1}\"", ["z": [1, ["a": nil]]]]
        for (i, payload) in payloads.enumerated() {
            let prev = String(repeating: "ab", count: 32)
            let covered: JSONValue = ["payload": payload, "prev": .string(prev), "seq": .integer(Int64(i + 1)), "type": "ballot"]
            #expect(BoardEvent.hash(seq: i + 1, type: "ballot", payload: payload, prev: prev) == CanonicalJSON.sha256Hex(covered))
        }
    }
}
