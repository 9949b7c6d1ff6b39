import Foundation

/// The package's Swift sources read as text, for the tests that check every message written in them:
/// each `fr: "…"` template (`CoopError`, `LocalizedText`, the CLI's lines) and the field keys errors name.
enum SourceMessages {
    /// `Sources/`, found from this file's place in the package (`Tests/CoopTests/`).
    static let sourcesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// One Swift file: its path under `Sources/` and its text.
    struct File {
        let path: String
        let text: String
    }

    /// Every `.swift` file under `Sources/`, sorted by path.
    static let files: [File] = {
        let root = sourcesDirectory.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [File] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift"),
                  let text = try? String(contentsOfFile: root + "/" + relative, encoding: .utf8) else { continue }
            files.append(File(path: relative, text: text))
        }
        return files.sorted { $0.path < $1.path }
    }()

    /// A French template found in the sources, with where it is.
    struct Template {
        let path: String
        let line: Int
        /// The text as the program holds it: escapes decoded, each interpolation `\(…)` left out.
        let text: String
    }

    /// Every French text in the sources: the literal after each `fr:` label (`CoopError(… fr: "…")`,
    /// `LocalizedText(fr: "…")`, one-line and multi-line) and the first argument of the board
    /// verifier's `bad("…", "…")`.
    static let frenchTemplates: [Template] = {
        var templates: [Template] = []
        for file in files {
            let scalars = Array(file.text.unicodeScalars)
            var i = 0
            var line = 1
            while i < scalars.count {
                if scalars[i] == "\n" { line += 1 }
                if let start = literalStart(after: ["f", "r", ":", " "], in: scalars, at: i, needsBoundary: true)
                    ?? literalStart(after: ["b", "a", "d", "("], in: scalars, at: i, needsBoundary: true),
                   !isInComment(scalars, at: i),
                   let (text, end) = readLiteral(scalars, at: start) {
                    templates.append(Template(path: file.path, line: line, text: text))
                    line += scalars[i..<end].filter { $0 == "\n" }.count
                    i = end
                    continue
                }
                i += 1
            }
        }
        return templates
    }()

    /// Where a string literal starts when `prefix` is written at `i` and a `"` follows it.
    private static func literalStart(after prefix: [Unicode.Scalar], in s: [Unicode.Scalar], at i: Int, needsBoundary: Bool) -> Int? {
        guard i + prefix.count < s.count, Array(s[i..<i + prefix.count]) == prefix, s[i + prefix.count] == "\"" else { return nil }
        if needsBoundary, i > 0, CharacterSet.alphanumerics.contains(s[i - 1]) || s[i - 1] == "_" || s[i - 1] == "." { return nil }
        return i + prefix.count
    }

    /// True when a `//` comment runs on the line before `i`.
    private static func isInComment(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i
        while j > 0, s[j - 1] != "\n" { j -= 1 }
        let before = String(String.UnicodeScalarView(s[j..<i]))
        return before.trimmingCharacters(in: .whitespaces).hasPrefix("//")
    }

    /// Reads the Swift string literal whose opening quote is at `start`: its text and the index after it.
    static func readLiteral(_ s: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        if start + 2 < s.count, s[start + 1] == "\"", s[start + 2] == "\"" {
            // Multi-line: up to the closing `"""`.
            var i = start + 3
            var text = String.UnicodeScalarView()
            while i + 2 < s.count {
                if s[i] == "\"", s[i + 1] == "\"", s[i + 2] == "\"" { return (String(text), i + 3) }
                if s[i] == "\\", i + 1 < s.count, s[i + 1] == "(" {
                    i = skipInterpolation(s, from: i + 2)
                    continue
                }
                text.append(s[i])
                i += 1
            }
            return nil
        }
        var i = start + 1
        var text = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c == "\"" { return (String(text), i + 1) }
            if c == "\n" { return nil }
            if c == "\\", i + 1 < s.count {
                let next = s[i + 1]
                switch next {
                case "(":
                    i = skipInterpolation(s, from: i + 2)
                    continue
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "u":
                    // `\u{…}`: the scalar it names.
                    if let close = s[i...].firstIndex(of: "}"),
                       let value = UInt32(String(String.UnicodeScalarView(s[(i + 3)..<close])), radix: 16),
                       let scalar = Unicode.Scalar(value) {
                        text.append(scalar)
                        i = close + 1
                        continue
                    }
                default: text.append(next)
                }
                i += 2
                continue
            }
            text.append(c)
            i += 1
        }
        return nil
    }

    /// The index after the `)` that closes an interpolation opened before `from`, skipping nested
    /// parentheses and string literals.
    private static func skipInterpolation(_ s: [Unicode.Scalar], from: Int) -> Int {
        var depth = 1
        var i = from
        while i < s.count, depth > 0 {
            switch s[i] {
            case "(": depth += 1
            case ")": depth -= 1
            case "\"":
                if let (_, end) = readLiteral(s, at: i) {
                    i = end
                    continue
                }
            default: break
            }
            i += 1
        }
        return i
    }

    // MARK: Field keys

    /// Every field key an error can name, with a file that names it: the literals passed as a field
    /// (`field: "x"`, a default `field: String = "x"`, the first argument of the factories that take the
    /// field first, the lending policy bounds, the query helpers of the API), and the JSON keys of every
    /// request body the API decodes, whose coding paths become fields when a body is refused.
    static let fieldKeys: [String: String] = {
        var keys: [String: String] = [:]
        let factories = "required|invalidValue|tooLong|invalidAmount|moneyNotCents|invalidField|invalidPolicyValue|negativeLimit|invalidPath|invalidDate"
        let patterns = [
            #"\bfield: (?:String = )?"([^"]+)""#,
            #"\b(?:"# + factories + #")\("([^"]+)""#,
            #"LendingQuery\.(?:flag|date)\("([^"]+)""#,
            #"OrdersInput\.(?:required|date|queryID)\(request, "([^"]+)""#,
        ]
        for file in files {
            for pattern in patterns {
                for key in captures(pattern, in: file.text) where keys[key] == nil { keys[key] = file.path }
            }
        }
        var visited: Set<String> = []
        for file in files where file.path.hasPrefix("coop-api/") {
            for type in captures(#"JSON\.decode(?:IfPresent)?\(([A-Za-z.]+)\.self"#, in: file.text) {
                collectBodyKeys(String(type.split(separator: ".").last!), into: &keys, visited: &visited)
            }
        }
        return keys
    }()

    /// The JSON keys of `type` (its `CodingKeys`, else its stored properties) and of the types of its
    /// properties that are defined in the sources. Types coded as one value (`Money`, `Instant`) have no keys.
    private static func collectBodyKeys(_ type: String, into keys: inout [String: String], visited: inout Set<String>) {
        guard visited.insert(type).inserted, let (path, body) = typeBody(type), !body.contains("singleValueContainer") else { return }
        let topLevel = topLevelLines(body)
        let properties = topLevel.compactMap { line -> (String, String)? in
            let parts = captureGroups(#"^\s*(?:public |private |fileprivate |internal )?(?:let|var) (\w+): ([^={]+)$"#, in: line)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        if let codingKeys = captureGroups(#"enum CodingKeys[^{]*\{([^}]*)\}"#, in: body).first {
            for caseLine in captures(#"case ([^\n]+)"#, in: codingKeys) {
                for part in caseLine.split(separator: ",") {
                    let pieces = captureGroups(#"^\s*(\w+)(?:\s*=\s*"([^"]+)")?"#, in: String(part))
                    guard let name = pieces.first else { continue }
                    let key = pieces.count > 1 && !pieces[1].isEmpty ? pieces[1] : name
                    if keys[key] == nil { keys[key] = "\(path) (\(type))" }
                }
            }
        } else {
            for (name, _) in properties where keys[name] == nil { keys[name] = "\(path) (\(type))" }
        }
        for (_, propertyType) in properties {
            for name in captures(#"\b([A-Z]\w+)"#, in: propertyType) { collectBodyKeys(name, into: &keys, visited: &visited) }
        }
    }

    /// The text between the braces of `struct Name` or `class Name`, with the file it is in.
    private static func typeBody(_ name: String) -> (String, String)? {
        for file in files {
            guard let range = file.text.range(of: #"\b(?:struct|class) "# + name + #"\b[^{]*\{"#, options: .regularExpression) else { continue }
            var depth = 1
            var i = range.upperBound
            while i < file.text.endIndex, depth > 0 {
                if file.text[i] == "{" { depth += 1 } else if file.text[i] == "}" { depth -= 1 }
                i = file.text.index(after: i)
            }
            return (file.path, String(file.text[range.upperBound..<file.text.index(before: i)]))
        }
        return nil
    }

    /// The lines of a type's body that are not inside a nested brace (its members' declarations).
    private static func topLevelLines(_ body: String) -> [String] {
        var lines: [String] = []
        var depth = 0
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if depth == 0 { lines.append(String(line)) }
            for c in line {
                if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            }
        }
        return lines
    }

    /// The first capture group of every match of `pattern`.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The capture groups of the first match of `pattern` (empty strings for groups that did not take part).
    static func captureGroups(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return [] }
        return (1..<match.numberOfRanges).map { i in Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
    }
}
