import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the web face's pages: a page's own template inside the shared layout, in the reader's
/// language, with every value escaped by Mustache (text and attribute values alike).
public struct WebPages: Sendable {
    let library: MustacheLibrary
    /// The co-op's name in every page's title and header.
    let coopName: String

    /// Loads the templates shipped with the target (`Templates/*.mustache`); refuses a template that
    /// does not parse, naming it.
    public init(coopName: String = "Coop") throws {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebSetupError.missingResources("Templates")
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        self.coopName = coopName
    }

    /// An HTML answer: `template` rendered with `values`, inside the layout titled `title`.
    /// - Parameter switchHref: the same page in the other language.
    func page(
        _ template: String, title: String, values: [String: Any], language: Language, switchHref: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["lang"] = language.rawValue
        let body = library.render(values, withTemplate: template) ?? ""
        let other: Language = language == .fr ? .en : .fr
        let layout: [String: Any] = [
            "lang": language.rawValue, "otherLang": other.rawValue, "title": title, "coop": coopName, "body": body,
            "skip": WebText.skip.render(language), "navigation": WebText.navigation.render(language),
            "catalogue": WebText.catalogue.render(language), "switchLabel": WebText.switchLabel.render(language),
            "switchHref": switchHref,
        ]
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        // Scripts only from files of this site, never inline; no framing by other sites.
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The target was built without its templates or style sheet.
public enum WebSetupError: Error, CustomStringConvertible {
    case missingResources(String)

    public var description: String {
        switch self {
        case .missingResources(let name): "CoopWeb's \(name) folder is missing from the build"
        }
    }
}
