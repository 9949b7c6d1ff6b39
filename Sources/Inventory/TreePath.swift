import CoopCore
import Foundation

/// A path in the category or location tree: `Costumes/Robes/1920`, `Entrepôt/Étage 2/Allée R`.
///
/// Segments are trimmed and put in Unicode NFC (a file saved on a Mac may spell `é` as `e` + accent,
/// which SQLite would otherwise see as another path); a leading or trailing `/` is ignored.
struct TreePath: Sendable, Hashable {
    static let maxDepth = 20
    static let maxSegmentLength = 100

    let segments: [String]

    /// Parses what a person typed; `field` names the input in the error.
    init(parsing text: String, field: String) throws {
        var body = Substring(text.trimmed)
        if body.hasPrefix("/") { body = body.dropFirst() }
        if body.hasSuffix("/") { body = body.dropLast() }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmed.nfc }
        guard !body.isEmpty, parts.count <= Self.maxDepth,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= Self.maxSegmentLength && !$0.unicodeScalars.contains(where: Self.isControl) })
        else { throw CoopError.invalidPath(field, text) }
        segments = parts
    }

    init(segments: [String]) { self.segments = segments }

    var text: String { segments.joined(separator: "/") }
    var name: String { segments.last ?? "" }

    /// `A`, `A/B`, `A/B/C` for `A/B/C`: the nodes that must exist, root first.
    var prefixes: [TreePath] { (1...segments.count).map { TreePath(segments: Array(segments.prefix($0))) } }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    /// The bounds of the strict descendants of `path` for a range scan on the NOCASE path index:
    /// everything from `path/` up to (not including) `path0`, `0` being the character after `/`.
    static func descendantRange(of path: String) -> (lower: String, upper: String) {
        (path + "/", path + "0")
    }
}
