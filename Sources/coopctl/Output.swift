import ArgumentParser
import CoopCore
import Foundation

/// How a command speaks: JSON for scripts or a table for people, in the chosen language.
struct Output: Sendable {
    let language: Language
    let json: Bool

    func text(_ text: LocalizedText, _ arguments: [String: MessageArgument] = [:]) -> String {
        text.render(language, arguments)
    }

    /// Prints one value as JSON (camelCase keys, sorted, dates as text, amounts in cents).
    func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Prints one page of a list. Scripts get the API's page, `{"items": [...], "next": "..."}` (`next` is
    /// null on the last page), so they can follow `--cursor`; people get the table and a "More" line.
    func printPage<Row: Encodable & Sendable>(_ page: Page<Row>, table: ([Row]) throws -> Void) throws {
        if json { return try printJSON(page) }
        try table(page.items)
        if let next = page.next {
            say(text(.init(fr: "Suite : --cursor {next}", en: "More: --cursor {next}"), ["next": .text(next)]))
        }
    }

    /// Prints a message line for people.
    func say(_ line: String) {
        print(line)
    }

    /// Prints an aligned table; headers are localized.
    func table(_ headers: [LocalizedText], _ rows: [[String]]) {
        let titles = headers.map { $0.render(language) }
        var widths = titles.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        print(line(titles))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        for row in rows { print(line(row)) }
    }

    /// Progress of long work (`done` of `total`) on stderr, only when stderr is a terminal: scripts and
    /// pipes see nothing.
    static func progress(label: String) -> @Sendable (Int, Int) -> Void {
        guard isatty(2) == 1 else { return { _, _ in } }
        return { done, total in
            let percent = total > 0 ? done * 100 / total : 100
            FileHandle.standardError.write(Data("\r\(label) \(done)/\(total) (\(percent) %)\(done >= total ? "\n" : "")".utf8))
        }
    }

    /// A user error: one line on stderr, exit status 1.
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(1)
    }
}

extension Plural {
    /// `1 bulletin`, `2 bulletins`.
    static let ballots = Plural(fr: "bulletin", "bulletins", en: "ballot", "ballots")
    /// `1 facture`, `2 factures`.
    static let invoices = Plural(fr: "facture", "factures", en: "invoice", "invoices")
}
