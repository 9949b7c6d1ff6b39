import Foundation
import CSV
import Testing

@testable import CoopCore

@Suite struct CSVFileTests {
    private func parse(_ text: String) throws -> CSVFile {
        try CSVFile(data: Data(text.utf8), source: "items.csv")
    }

    @Test func headerAndRecordsWithTheirLines() throws {
        let file = try parse("code,name,price\nT-0001,Tente,40.00\nT-0002,Robe,12.50\n")
        #expect(file.header == ["code", "name", "price"])
        #expect(file.records.map(\.fields) == [["T-0001", "Tente", "40.00"], ["T-0002", "Robe", "12.50"]])
        #expect(file.records.map(\.line) == [2, 3])
    }

    @Test func quotedFieldsWithCommasAndEscapedQuotes() throws {
        let file = try parse(#"""
            code,name,note
            T-1,"Robe, longue","Dite ""d’époque"""
            T-2,"",""""

            """#)
        #expect(file.records.map(\.fields) == [
            ["T-1", "Robe, longue", "Dite \"d’époque\""],
            ["T-2", "", "\""],
        ])
    }

    @Test func embeddedNewlinesKeepTheFieldAndCountLines() throws {
        let file = try parse("code,note\nT-1,\"first line\nsecond line\nthird\"\nT-2,plain\nT-3,\"x\ny\"\nT-4,z\n")
        #expect(file.records.map(\.fields) == [
            ["T-1", "first line\nsecond line\nthird"], ["T-2", "plain"], ["T-3", "x\ny"], ["T-4", "z"],
        ])
        // T-1 starts on line 2 and spans 2–4; T-2 is on line 5; T-3 spans 6–7; T-4 is on line 8.
        #expect(file.records.map(\.line) == [2, 5, 6, 8])
    }

    @Test func windowsLineEndingsInsideAndBetweenRecords() throws {
        let file = try parse("code,note\r\nT-1,\"a\r\nb\"\r\nT-2,c\r\n")
        #expect(file.header == ["code", "note"])
        #expect(file.records.map(\.fields) == [["T-1", "a\r\nb"], ["T-2", "c"]])
        #expect(file.records.map(\.line) == [2, 4])
    }

    @Test func excelsUTF8BOMIsDropped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("code,name\r\nT-1,Épée\r\n".utf8)
        let file = try CSVFile(data: Data(bytes), source: "items.csv")
        #expect(file.header == ["code", "name"])
        #expect(try file.columns(required: ["code", "name"], source: "items.csv") == ["code": 0, "name": 1])
        #expect(file.records.first?.fields == ["T-1", "Épée"])
        // The same from text.
        #expect(try CSVFile(text: "\u{FEFF}code\nT-1\n", source: "t").header == ["code"])
    }

    /// What a French Excel on Windows saves as "CSV": Windows-1252, semicolons. Read as it was meant.
    @Test func windows1252AndSemicolonsAreReadAsExcelMeantThem() throws {
        // "Épée à 20 €" in Windows-1252: É 0xC9, é 0xE9, à 0xE0, € 0x80.
        let bytes: [UInt8] = Array("code;name\nT-1;".utf8) + [0xC9, 0x70, 0xE9, 0x65, 0x20, 0xE0, 0x20, 0x32, 0x30, 0x20, 0x80, 0x0A]
        let file = try CSVFile(data: Data(bytes), source: "items.csv")
        #expect(file.header == ["code", "name"])
        #expect(file.records.map(\.fields) == [["T-1", "Épée à 20 €"]])
        // Commas win when the header has more of them; a semicolon in a value stays in it.
        #expect(try CSVFile(text: "code,name\nT-1,a;b\n", source: "t").records.first?.fields == ["T-1", "a;b"])
        #expect(try CSVFile(text: "code;name;note\nT-1;\"a;b\";c\n", source: "t").records.first?.fields == ["T-1", "a;b", "c"])
    }

    @Test func textThatIsNeitherUTF8NorWindows1252IsRefused() {
        // 0x81 has no character in Windows-1252, and is not UTF-8.
        let error = expectCoopError(code: "common.not_utf8") { try CSVFile(data: Data(Array("code\nT-".utf8) + [0x81, 0x0A]), source: "items.csv") }
        #expect(error?.message(.en) == "items.csv is neither UTF-8 nor Windows-1252 text: save it as \"CSV UTF-8\".")
        // A file that says it is UTF-8 (a BOM) but is not is refused rather than guessed.
        expectCoopError(code: "common.not_utf8") { try CSVFile(data: Data([0xEF, 0xBB, 0xBF, 0xC3, 0x28]), source: "x.csv") }
    }

    @Test func blankLinesAreNoRecordsButStillCountAsLines() throws {
        #expect(try parse("code\nT-1\n").records.count == 1)
        #expect(try parse("code\nT-1\n\n").records.count == 1)
        #expect(try parse("code\nT-1").records.map(\.fields) == [["T-1"]])
        let file = try parse("code\nT-1\n\nT-2\n\r\n")
        #expect(file.records.map(\.fields) == [["T-1"], ["T-2"]])
        #expect(file.records.map(\.line) == [2, 4])
    }

    @Test func headerOnlyHasNoRecords() throws {
        let file = try parse("code,name\n")
        #expect(file.header == ["code", "name"])
        #expect(file.records.isEmpty)
    }

    @Test func emptyFilesAreRefused() {
        expectCoopError(code: "csv.empty") { try parse("") }
        expectCoopError(code: "csv.empty") { try CSVFile(data: Data([0xEF, 0xBB, 0xBF]), source: "x.csv") }
    }

    @Test func headerNamesAreTrimmed() throws {
        #expect(try parse(" code , name\t\nT-1,x\n").header == ["code", "name"])
    }

    @Test func columnsMapsNamesToPositions() throws {
        let file = try parse("name,code,tag:colour,price\n")
        let columns = try file.columns(required: ["code", "name"], optional: ["price", "notes"], allowPrefixes: ["tag:"], source: "items.csv")
        #expect(columns == ["name": 0, "code": 1, "tag:colour": 2, "price": 3])
    }

    @Test func missingColumn() throws {
        let file = try parse("code,price\n")
        let error = expectCoopError(code: "csv.missing_column") {
            try file.columns(required: ["code", "name"], optional: ["price"], source: "items.csv")
        }
        #expect(error?.arguments["column"] == .text("name"))
        #expect(error?.message(.fr) == "items.csv : la colonne « name » manque dans l’en-tête.")
    }

    @Test func unknownColumn() throws {
        let file = try parse("code,colour\n")
        let error = expectCoopError(code: "csv.unknown_column") { try file.columns(required: ["code"], source: "items.csv") }
        #expect(error?.arguments["column"] == .text("colour"))
        #expect(error?.message(.en) == #"items.csv: unknown column "colour"."#)
    }

    @Test func duplicateColumn() throws {
        let file = try parse("code,name,code\n")
        let error = expectCoopError(code: "csv.duplicate_column") { try file.columns(required: ["code", "name"], source: "items.csv") }
        #expect(error?.arguments["column"] == .text("code"))
    }
}

@Suite struct CSVWriterBufferTests {
    @Test func plainFieldsAreWrittenAsTheyAreWithCRLF() {
        var buffer = CSVWriterBuffer()
        buffer.append(["code", "name", "price"])
        buffer.append(["T-1", "Tente 4 places", "40.00"])
        buffer.append(["T-2", "", "-3.25"])
        #expect(buffer.text == "code,name,price\r\nT-1,Tente 4 places,40.00\r\nT-2,,-3.25\r\n")
    }

    @Test func escapesWhatNeedsQuoting() {
        #expect(CSVWriterBuffer.escape("plain") == "plain")
        #expect(CSVWriterBuffer.escape("") == "")
        #expect(CSVWriterBuffer.escape("a,b") == "\"a,b\"")
        #expect(CSVWriterBuffer.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriterBuffer.escape("\"") == "\"\"\"\"")
        #expect(CSVWriterBuffer.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriterBuffer.escape("cr\ronly") == "\"cr\ronly\"")
    }

    @Test func writeThenReadGivesTheSameFields() throws {
        let rows = [
            ["code", "name", "note"],
            ["T-1", "Robe, longue", "Dite \"d’époque\""],
            ["T-2", "multi\nline\nnote", ""],
            ["T-3", "  spaces kept  ", "\"quoted\""],
            ["T-4", "Épée 🗡️", ",,,"],
        ]
        var buffer = CSVWriterBuffer()
        for row in rows { buffer.append(row) }
        let file = try CSVFile(data: Data(buffer.text.utf8), source: "export.csv")
        #expect(file.header == rows[0])
        #expect(file.records.map(\.fields) == Array(rows.dropFirst()))
        #expect(file.records.map(\.line) == [2, 3, 6, 7])
    }

    /// "\r\n" is one Swift `Character` (one grapheme cluster), equal to neither "\n" nor "\r": a field
    /// holding a Windows line break must still be quoted, or it splits its record in two.
    @Test func aFieldWithAWindowsLineBreakIsQuoted() throws {
        #expect(CSVWriterBuffer.escape("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
        var buffer = CSVWriterBuffer()
        buffer.append(["code", "note"])
        buffer.append(["T-1", "line 1\r\nline 2"])
        let file = try CSVFile(data: Data(buffer.text.utf8), source: "export.csv")
        #expect(file.records.map(\.fields) == [["T-1", "line 1\r\nline 2"]])
    }
}

/// `CSVScanner` reads as yaslab/CSV.swift's reader, which `CSVFile` used before it, on any text: the
/// same records, field for field, on thousands of generated texts made of the characters that matter
/// (delimiters, quotes, line breaks, spaces, accented letters) and on the corner cases by name.
@Suite struct CSVScannerTests {
    private func scanned(_ text: String, _ delimiter: UnicodeScalar) -> [[String]] {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes: bytes, delimiter: UInt8(ascii: delimiter))
            var rows: [[String]] = []
            while let row = scanner.nextRow() { rows.append(row) }
            return rows
        }
    }

    private func reference(_ text: String, _ delimiter: UnicodeScalar) throws -> [[String]] {
        let reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test(arguments: [
        "", "a", "a,b", "a,b\n", "a,b\r\n", "a,b\rc", "a,\n", "a,", ",", "\n", "\r\n\r\n", "\"\"", "\"", "\"a",
        "\"a\"", "\"a\"b\",c", "\"a\"é\",c", "\"a\"\"b\"", "\"a\"\r", "\"a\"\rb", "\"a\",", "a\"b,c", "\"a\nb\"\n",
        "x,\"\",\"\"\"\"\n", "\"€\"\"\",\"a;b\";c\n", "é,ü\r\n\"ß\"", " \"a\" , b ", "a,b\n\nc\n",
    ])
    func cornerCasesReadAsTheReferenceReader(_ text: String) throws {
        #expect(scanned(text, ",") == (try reference(text, ",")))
        #expect(scanned(text, ";") == (try reference(text, ";")))
    }

    @Test func generatedTextsReadAsTheReferenceReader() throws {
        let pieces = ["a", "bc", "é", "€", "😀", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\t"]
        var state: UInt64 = 16
        func next() -> Int {
            // SplitMix64: the same texts on every run.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        for _ in 0..<5_000 {
            let text = (0..<next() % 24).map { _ in pieces[next() % pieces.count] }.joined()
            for delimiter: UnicodeScalar in [",", ";"] {
                let expected = try reference(text, delimiter)
                #expect(scanned(text, delimiter) == expected, "\(text.debugDescription)")
            }
        }
    }
}
