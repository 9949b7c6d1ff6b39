import BoothScripts
import CoopCore
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import CoopHTTP

/// Renders the web face's pages: a page's own template inside the shared layout, in the reader's
/// language, with every value escaped by Mustache (text and attribute values alike).
public struct WebPages: Sendable {
    let library: MustacheLibrary
    /// `Static/coop.css`, and the booth's `booth.js` and `p256.js` (its coop-voting-2 crypto, from
    /// `BoothScripts`), read once at start-up rather than on every request.
    let styleSheet: ByteBuffer
    let boothScript: ByteBuffer
    let p256Script: ByteBuffer
    /// What the booth shows so that a member can check the script they ran.
    var boothScriptHash: String { BoothScripts.current.sha256 }
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
        let statics = folder.deletingLastPathComponent().appendingPathComponent("Static")
        func load(_ name: String) throws -> [UInt8] {
            guard let bytes = FileManager.default.contents(atPath: statics.appendingPathComponent(name).path) else {
                throw WebSetupError.missingResources("Static/\(name)")
            }
            return Array(bytes)
        }
        styleSheet = ByteBuffer(bytes: try load("coop.css"))
        let scripts = BoothScripts.current
        boothScript = ByteBuffer(bytes: scripts.booth)
        p256Script = ByteBuffer(bytes: scripts.p256)
        self.coopName = coopName
    }

    /// An HTML answer: `template` rendered with `values`, inside the layout titled `title`, for `visit`
    /// (its language, the same page in the other one, who is signed in and the session's form token).
    func page(
        _ template: String, title: String, values: [String: Any], visit: WebVisit, status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = visit.language
        var values = values
        values["lang"] = language.rawValue
        if let csrf = visit.csrf { values["csrf"] = csrf }
        let body = library.render(values, withTemplate: template) ?? ""
        let other: Language = language == .fr ? .en : .fr
        let layout = present([
            "lang": language.rawValue, "otherLang": other.rawValue, "title": title, "coop": visit.siteName ?? coopName, "body": body,
            "skip": WebText.skip.render(language), "navigation": WebText.navigation.render(language),
            "catalogue": WebText.catalogue.render(language), "switchLabel": WebText.switchLabel.render(language),
            "switchHref": visit.switchHref,
            "member": visit.memberNumber != nil, "staff": visit.isStaff,
            "meLabel": WebText.myAccount.render(language), "basketLabel": WebText.myBasket.render(language),
            "deskLabel": WebText.desk.render(language), "todayLabel": WebText.today.render(language),
            "signInLabel": WebText.signIn.render(language), "signOutLabel": WebText.signOut.render(language),
            "signInHref": visit.memberNumber == nil ? WebLinks.href("/login", [("next", visit.path), ("lang", language.rawValue)]) : nil,
            "csrf": visit.csrf, "flashNotice": visit.notice, "flashAlert": visit.alert,
        ])
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        // Scripts only from files of this site, never inline; no framing by other sites.
        headers[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        // A signed-in page is the member's own: never kept by a shared cache.
        if visit.memberNumber != nil { headers[.cacheControl] = "private, no-store" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

extension WebPages {
    /// A domain's refusal as a page in the reader's language, with its status (404 for an unknown code).
    /// - Parameter back: the link under the message (the catalogue when nil).
    func refusal(_ error: CoopError, visit: WebVisit, back: (href: String, label: LocalizedText)? = nil) -> Response {
        let status = error.kind.status
        let language = visit.language
        let heading = status == .notFound ? WebText.notFound : WebText.refused
        let back = back ?? ("/catalogue", WebText.back)
        return page("message", title: heading.render(language),
                    values: ["heading": heading.render(language), "detail": error.message(language), "back": back.label.render(language),
                             "backHref": back.href],
                    visit: visit, status: status)
    }

    /// A short page saying what happened and what to do.
    func message(_ heading: LocalizedText, _ detail: LocalizedText, visit: WebVisit, status: HTTPResponse.Status) -> Response {
        let language = visit.language
        return page("message", title: heading.render(language),
                    values: ["heading": heading.render(language), "detail": detail.render(language), "back": WebText.back.render(language),
                             "backHref": "/catalogue"],
                    visit: visit, status: status)
    }

    /// 303 to `location`: every form's answer, so that reloading the next page posts nothing again.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// Links between pages: the same page in the other language, a query built safely.
struct WebLinks {
    let request: Request
    let language: Language

    /// This page's address with `lang` set to the other language, every other query value kept.
    var otherLanguage: String {
        let other: Language = language == .fr ? .en : .fr
        var pairs = request.formQuery.map { (String($0.key), String($0.value)) as (String, String?) }.filter { $0.0 != "lang" }
        pairs.append(("lang", other.rawValue))
        return Self.href(request.uri.path, pairs)
    }

    /// `path?name=value&…` with the values percent-encoded; pairs without a value are left out.
    static func href(_ path: String, _ pairs: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = pairs.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        // URLComponents leaves `+` as is, which a form query reads as a space.
        return (components.string ?? path).replacingOccurrences(of: "+", with: "%2B")
    }
}

/// The target was built without its templates or static files.
public enum WebSetupError: Error, CustomStringConvertible {
    case missingResources(String)

    public var description: String {
        switch self {
        case .missingResources(let name): "CoopWeb's \(name) folder is missing from the build"
        }
    }
}

extension WebPages {
    /// A members' page asked by nobody signed in: to the sign-in page, which comes back here after.
    static func signInFirst(_ request: Request, _ visit: WebVisit) -> Response {
        seeOther(WebLinks.href("/login", [("next", request.uri.path), ("lang", visit.language.rawValue)]))
    }
}

extension CoopError {
    /// An address under a page that names nothing (`/me/loans/abc/renew`).
    static func unknownPage() -> CoopError {
        CoopError(.notFound, "web.not_found", fr: WebText.unknownPage.fr, en: WebText.unknownPage.en)
    }
}
