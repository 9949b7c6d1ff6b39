import Foundation

/// A CSV file read whole and checked: UTF-8 (Excel's BOM dropped) or, failing that, Windows-1252 (what
/// a French Excel on Windows saves as plain "CSV"); commas, or semicolons when the header uses them
/// (the same Excel's separator for French settings); RFC 4180 quoting (`CSVScanner`); each
/// record with the line it starts on so errors can name it.
public struct CSVFile: Sendable {
    public struct Record: Sendable {
        /// The line (1-based, header is line 1) on which the record starts; records with quoted
        /// newlines span several lines.
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let records: [Record]

    /// Parses `data`; `source` names the file in error messages.
    public init(data: Data, source: String) throws {
        var bytes = [UInt8](data)
        let declaredUTF8 = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if declaredUTF8 { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            try self.init(text: text, source: source)
        } else if !declaredUTF8, let text = Self.windows1252(bytes) {
            try self.init(text: text, source: source)
        } else {
            throw CoopError.notUTF8(source)
        }
    }

    public init(text: String, source: String) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let delimiter = UInt8(ascii: Self.delimiter(of: text))
        let (header, records): ([String], [Record]) = try text.withUTF8 { bytes in
            var scanner = CSVScanner(bytes: bytes, delimiter: delimiter)
            guard let header = scanner.nextRow(), !(header.count == 1 && header[0].isEmpty) else {
                throw CoopError.csvEmpty(source)
            }
            var line = 1 + Self.newlines(in: header)
            var records: [Record] = []
            while let fields = scanner.nextRow() {
                let start = line + 1
                line = start + Self.newlines(in: fields)
                // A blank line (often the last one) is no record.
                if fields.count == 1 && fields[0].isEmpty { continue }
                records.append(Record(line: start, fields: fields))
            }
            return (header, records)
        }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.records = records
    }

    /// `;` when the header line holds more semicolons than commas, else `,`.
    static func delimiter(of text: String) -> UnicodeScalar {
        var commas = 0, semicolons = 0
        for byte in text.utf8 {
            if byte == 10 || byte == 13 { break }
            if byte == UInt8(ascii: ",") { commas += 1 } else if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// Windows-1252's characters for 0x80–0x9F (0 where it has none); other bytes are Latin-1's.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The bytes read as Windows-1252; nil when one of them has no character there.
    static func windows1252(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
            guard value != 0 || byte == 0, let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private static func newlines(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var previousCR = false
            for b in field.utf8 {
                if b == 10 { if !previousCR { count += 1 } } else if b == 13 { count += 1 }
                previousCR = b == 13
            }
        }
        return count
    }

    /// The positions of the named columns; throws naming the first missing one.
    public func columns(required: [String], optional: [String] = [], allowPrefixes: [String] = [], source: String) throws -> [String: Int] {
        var positions: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            guard required.contains(name) || optional.contains(name) || allowPrefixes.contains(where: name.hasPrefix) else {
                throw CoopError.csvUnknownColumn(source, name)
            }
            guard positions[name] == nil else { throw CoopError.csvDuplicateColumn(source, name) }
            positions[name] = i
        }
        for name in required where positions[name] == nil {
            throw CoopError.csvMissingColumn(source, name)
        }
        return positions
    }
}

/// The records of CSV text, read from its UTF-8 bytes field by field.
///
/// It reads exactly as yaslab/CSV.swift's `CSVReader` (without trimming) did, which `CSVFile` used
/// before: that reader went scalar by scalar through an `AnyIterator` and appended each one to a
/// `String.UnicodeScalarView`, a tenth of a second per megabyte; this one cuts fields out of the bytes.
/// Every character it looks for (the delimiter, `"`, CR, LF) is ASCII, so no UTF-8 sequence is split.
/// Its rules, the reader's: a field that starts with `"` is quoted, and ends at a `"` followed by the
/// delimiter, a line break or the end; `""` inside it is one `"`; a `"` followed by anything else is
/// kept and that next character dropped. A line break is LF, CR or CRLF. An unquoted field ends at the
/// delimiter or a line break, and keeps any `"` in it. A line that ends with the delimiter has one more
/// empty field; an empty line is one empty field.
struct CSVScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var position = 0
    private var buffer: [UInt8] = []

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// The next record's fields; nil at the end of the text.
    mutating func nextRow() -> [String]? {
        guard position < bytes.count else { return nil }
        var row: [String] = []
        while true {
            guard position < bytes.count else {
                // The text ends right after a delimiter: one more, empty, field.
                row.append("")
                return row
            }
            let (field, rowEnded): (String, Bool)
            if bytes[position] == Self.quote {
                position += 1
                (field, rowEnded) = quotedField()
            } else {
                (field, rowEnded) = plainField()
            }
            row.append(field)
            if rowEnded { return row }
        }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Past a line break (LF, CR or CRLF) whose first byte is at `position`.
    private mutating func skipLineBreak() {
        let first = bytes[position]
        position += 1
        if first == Self.cr, position < bytes.count, bytes[position] == Self.lf { position += 1 }
    }

    private mutating func plainField() -> (String, Bool) {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == delimiter {
                defer { position += 1 }
                return (text(start..<position), false)
            }
            if byte == Self.cr || byte == Self.lf {
                let field = text(start..<position)
                skipLineBreak()
                return (field, true)
            }
            position += 1
        }
        return (text(start..<position), true)
    }

    /// A quoted field, its opening quote read.
    private mutating func quotedField() -> (String, Bool) {
        var start = position
        var copied = false
        buffer.removeAll(keepingCapacity: true)
        func field(upTo end: Int) -> String {
            guard copied else { return text(start..<end) }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
            return String(decoding: buffer, as: UTF8.self)
        }
        while position < bytes.count {
            guard bytes[position] == Self.quote else {
                position += 1
                continue
            }
            let quote = position
            position += 1
            guard position < bytes.count else { return (field(upTo: quote), true) }
            let next = bytes[position]
            if next == delimiter {
                position += 1
                return (field(upTo: quote), false)
            }
            if next == Self.cr || next == Self.lf {
                let text = field(upTo: quote)
                skipLineBreak()
                return (text, true)
            }
            // `""` is one quote; a quote before anything else is kept, and that character dropped.
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...quote]))
            copied = true
            position += next == Self.quote ? 1 : Self.scalarLength(next)
            start = position
        }
        return (field(upTo: bytes.count), true)
    }

    /// The bytes of the UTF-8 sequence that starts with `lead`.
    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0xC0: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        default: 4
        }
    }
}

/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; lines end in CRLF.
public struct CSVWriterBuffer: Sendable {
    public private(set) var text = ""

    public init() {}

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\r\n"
    }

    static func escape(_ field: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character and would match neither "\r" nor "\n".
        guard field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CoopError {
    public static func csvEmpty(_ source: String) -> CoopError {
        CoopError(.invalid, "csv.empty", ["source": .text(source)],
                  fr: "{source} est vide : une ligne d’en-tête est attendue.",
                  en: "{source} is empty: a header row is expected.")
    }

    public static func csvMissingColumn(_ source: String, _ column: String) -> CoopError {
        CoopError(.invalid, "csv.missing_column", ["source": .text(source), "column": .text(column)],
                  fr: "{source} : la colonne « {column} » manque dans l’en-tête.",
                  en: "{source}: the column \"{column}\" is missing from the header.")
    }

    public static func csvUnknownColumn(_ source: String, _ column: String) -> CoopError {
        CoopError(.invalid, "csv.unknown_column", ["source": .text(source), "column": .text(column)],
                  fr: "{source} : colonne inconnue « {column} ».",
                  en: "{source}: unknown column \"{column}\".")
    }

    public static func csvDuplicateColumn(_ source: String, _ column: String) -> CoopError {
        CoopError(.invalid, "csv.duplicate_column", ["source": .text(source), "column": .text(column)],
                  fr: "{source} : la colonne « {column} » apparaît deux fois.",
                  en: "{source}: the column \"{column}\" appears twice.")
    }

    /// A record that breaks a rule: names the line and wraps the reason.
    public static func csvLine(_ source: String, line: Int, _ reason: CoopError) -> CoopError {
        CoopError(.invalid, "csv.bad_line", field: reason.field,
                  ["source": .text(source), "line": .integer(Int64(line)),
                   "reasonFr": .text(reason.message(.fr)), "reasonEn": .text(reason.message(.en))],
                  fr: "{source}, ligne {line} : {reasonFr}", en: "{source}, line {line}: {reasonEn}")
    }

    /// A record whose field count differs from the header's.
    public static func csvFieldCount(expected: Int, got: Int) -> CoopError {
        CoopError(.invalid, "csv.field_count",
                  ["expected": .integer(Int64(expected)), "got": .count(.integer(Int64(got)), Plural(fr: "champ", "champs", en: "field", "fields"))],
                  fr: "{got} au lieu de {expected}.", en: "{got} instead of {expected}.")
    }
}
