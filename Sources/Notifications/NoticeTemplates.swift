import CoopCore
import Foundation
import Mustache

/// A message ready to send: its subject, and its body as plain text and as HTML.
public struct RenderedNotice: Sendable, Equatable {
    public let subject: String
    public let text: String
    public let html: String
}

/// What a message says beyond the notice's own values: who it is to and from, and its links.
struct NoticeFrame: Sendable {
    var firstName: String
    var lastName: String
    var coop: String
    var coopAddress: [String]
    /// The page the notice is about.
    var link: String?
    /// The signed opt-out link, for a kind a member may decline.
    var optOut: String?
    /// An election credential's code, unsealed just before sending.
    var code: String?
}

/// The template files (`Templates/<kind>.<fr|en>.mustache`) and the two layouts, loaded once.
///
/// A template's first line is the subject, then a line `===`, then the body in paragraphs separated
/// by blank lines (a paragraph of `- ` lines is a list). The body is rendered twice: as text, and as
/// HTML with every value escaped. A template that names a value the notice does not have is refused
/// (`missingValue`), so no message leaves with a hole in it.
public struct NoticeTemplates: Sendable {
    private let library: MustacheLibrary
    /// Each template's top-level names, for the check.
    private let names: [String: Set<String>]

    public enum RenderError: Error, Equatable, CustomStringConvertible {
        case missingTemplate(String)
        case missingValue(template: String, name: String)
        case malformed(String)

        public var description: String {
            switch self {
            case .missingTemplate(let name): "notice template \(name) is missing"
            case .missingValue(let template, let name): "notice template \(template) needs {{\(name)}}, which the notice lacks"
            case .malformed(let name): "notice template \(name) has no subject line followed by ==="
            }
        }
    }

    public init() throws {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw RenderError.missingTemplate("Templates")
        }
        var library = MustacheLibrary()
        var names: [String: Set<String>] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let source = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if name.hasPrefix("layout.") {
                try library.register(source, named: name)
                continue
            }
            guard let split = source.range(of: "\n===\n") else { throw RenderError.malformed(name) }
            let subject = String(source[..<split.lowerBound])
            let body = String(source[split.upperBound...])
            try library.register("{{% CONTENT_TYPE: TEXT}}" + subject, named: name + ".subject")
            try library.register("{{% CONTENT_TYPE: TEXT}}" + body, named: name + ".text")
            try library.register(body, named: name + ".html")
            names[name] = Self.topLevelNames(source)
        }
        self.library = library
        self.names = names
    }

    /// Every template's name (`hold_ready.fr`…), for the test that renders them all.
    public var templateNames: [String] { names.keys.sorted() }

    /// The message for `kind` in `language`, from the notice's values and the frame.
    func render(_ kind: NoticeKind, _ language: Language, values: [String: NoticeValue], frame: NoticeFrame,
                timeZone: TimeZone) throws -> RenderedNotice {
        let name = "\(kind.rawValue).\(language.rawValue)"
        guard let needed = names[name] else { throw RenderError.missingTemplate(name) }
        var context: [String: Any] = values.mapValues { Self.format($0, language, timeZone) }
        context["firstName"] = frame.firstName
        context["lastName"] = frame.lastName
        context["coop"] = frame.coop
        if let code = frame.code { context["code"] = code }
        for name in needed where context[name] == nil {
            throw RenderError.missingValue(template: "\(kind.rawValue).\(language.rawValue)", name: name)
        }
        let subject = (library.render(context, withTemplate: name + ".subject") ?? "")
            .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
        let text = library.render(context, withTemplate: name + ".text") ?? ""
        let htmlBody = Self.paragraphs(library.render(context, withTemplate: name + ".html") ?? "")

        var layout: [String: Any] = [
            "lang": language.rawValue, "subject": subject, "coop": frame.coop, "coopAddress": frame.coopAddress,
            "linkLabel": NoticeText.linkLabel(kind).render(language), "cannotDecline": NoticeText.cannotDecline.render(language),
        ]
        if let link = frame.link {
            layout["link"] = link
            layout["linkLine"] = NoticeText.line(NoticeText.linkLabel(kind).render(language), link, language)
        }
        if let optOut = frame.optOut, let topic = kind.topic {
            layout["optOut"] = optOut
            layout["optOutLabel"] = NoticeText.optOut(topic).render(language)
            layout["optOutLine"] = NoticeText.line(NoticeText.optOut(topic).render(language), optOut, language)
        }
        layout["body"] = Self.tidy(text)
        let plain = Self.tidy(library.render(layout, withTemplate: "layout.txt") ?? "")
        layout["body"] = htmlBody
        let html = library.render(layout, withTemplate: "layout.html") ?? ""
        return RenderedNotice(subject: subject, text: plain, html: html)
    }

    /// A value as the member's language writes it.
    static func format(_ value: NoticeValue, _ language: Language, _ zone: TimeZone) -> Any {
        switch value {
        case .text(let s): s
        case .integer(let n): String(n)
        case .days(let n): MessageArgument.count(.integer(n), Plural(fr: "jour", "jours", en: "day", "days")).formatted(language)
        case .money(let m): m.formatted(language)
        case .decimal(let s): MessageArgument.decimal(Decimal(string: s) ?? 0).formatted(language)
        case .date(let d): d.words(language)
        case .instant(let i): i.words(in: zone, language)
        case .lines(let rows): rows.map { $0.mapValues { format($0, language, zone) } }
        }
    }

    /// The escaped HTML body laid out: a paragraph per block, a list for a block of `- ` lines.
    static func paragraphs(_ escaped: String) -> String {
        tidy(escaped).components(separatedBy: "\n\n").map { block in
            let lines = block.split(separator: "\n").map(String.init)
            if !lines.isEmpty, lines.allSatisfy({ $0.hasPrefix("- ") }) {
                return "<ul>" + lines.map { "<li>\($0.dropFirst(2))</li>" }.joined() + "</ul>"
            }
            return "<p>" + lines.joined(separator: "<br>") + "</p>"
        }.joined(separator: "\n")
    }

    /// Blank lines left by sections collapsed to one, and no trailing blank lines.
    static func tidy(_ text: String) -> String {
        var out: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.trimmingCharacters(in: .whitespaces).isEmpty ? "" : line
            if line.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// The names a template uses outside any section: `{{name}}`, `{{{name}}}` and `{{#name}}`.
    static func topLevelNames(_ source: String) -> Set<String> {
        var names: Set<String> = []
        var depth = 0
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
            rest = rest[close.upperBound...]
            guard let first = tag.first else { continue }
            switch first {
            case "#", "^":
                tag.removeFirst()
                if depth == 0 { names.insert(tag.trimmingCharacters(in: .whitespaces)) }
                depth += 1
            case "/": depth -= 1
            case "!", "%", ">": continue
            default: if depth == 0 { names.insert(tag) }
            }
        }
        return names
    }
}
