import Foundation

/// Finds English, raw codes and unagreed plurals in a French message.
///
/// What a message shows deliberately is taken out first: `{placeholders}`, anything in backticks (the
/// codes a person types or a file holds: `` `staff` ``, `` `"now": true` ``), CLI options (`--db`),
/// commands (`coopctl election show`, `coop-api`), environment variables (`COOP_DB`), paths and file
/// names (`/openapi.yaml`, `M-0001.json`). What is left must be French.
enum FrenchText {
    /// English words that are not also French words (`active`, `cycle`, `date`, `note`, `type`, `instant`,
    /// `code`, `article`, `question` are both, and so are left out).
    static let englishWords: Set<String> = [
        "the", "and", "of", "not", "is", "are", "was", "were", "be", "been", "to", "for", "in", "at", "by", "with",
        "from", "into", "this", "that", "these", "those", "it", "its", "they", "their", "them", "you", "your", "we",
        "our", "has", "have", "had", "yes", "can", "cannot", "must", "should", "will", "would", "any", "all",
        "every", "each", "only", "more", "than", "then", "when", "where", "which", "what", "who", "how", "there",
        "here", "again", "already", "before", "after", "until", "while", "also", "other", "another", "new", "old",
        "first", "last", "next", "please", "use", "used", "get", "got", "given", "found", "missing", "unknown",
        "invalid", "required", "expected", "error", "failed", "folder", "field", "fields", "value", "values",
        "number", "amount", "name", "names", "time", "day", "days", "week", "month", "year", "today", "now",
        "open", "opened", "opens", "closed", "closes", "close", "cancelled", "canceled", "confirmed", "draft",
        "tallied", "issued", "credential", "credentials", "waiting", "ready", "fulfilled", "expired", "lost",
        "retired", "late", "damage", "damaged", "due", "waived", "kind", "state", "status", "item", "items",
        "member", "members", "loan", "loans", "order", "orders", "hold", "holds", "payment", "payments", "cash",
        "card", "transfer", "cheque", "unit", "units", "true", "false", "overdue", "popular", "never", "borrowed",
        "returned", "returns", "prepare", "single", "approval", "ranked", "booked", "collected", "planned",
        "delivered", "suspended", "anonymized", "off", "hash", "count", "staff", "admin", "board", "ballot",
        "ballots", "tracker", "election", "elections", "choice", "choices", "threshold", "cutoff", "renewal",
        "renewals", "credit", "fee", "fees", "invoice", "invoices", "worker", "user", "users", "supporting",
        "pickup", "producer", "products", "reservation", "reservations", "category", "categories", "location",
        "locations", "price", "tax", "available", "free", "empty", "full", "cursor", "quantity", "weekday",
        "weekdays", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "report",
        "reports", "setting", "settings", "role", "token", "tokens", "label", "line", "lines", "row", "rows",
        "event", "events", "none", "start", "end", "seconds", "hours", "maintenance", "firstname", "lastname",
    ]

    /// Words that look like code but are names: products and standards.
    static let properNouns: Set<String> = ["OpenAPI", "JavaScript"]

    /// The text as it is checked: with what a message shows deliberately taken out.
    static func checked(_ text: String) -> String {
        var t = text
        for (pattern, replacement) in [
            (#"`[^`]*`"#, " "),                                   // codes in backticks
            (#"\{[A-Za-z0-9_]+\}"#, " "),                         // placeholders
            (#"https?://\S+"#, " "),                              // addresses
            (#"coopctl(?: (?:[a-z][a-z-]*|\{[A-Za-z]+\}))*"#, " "), // commands
            (#"coop-api"#, " "),
            (#"--[a-z][a-z0-9-]*"#, " "),                         // CLI options
            (#"\bCOOP_[A-Z_]+\b"#, " "),                          // environment variables
            (#"[\w.{}-]*/[\w./{}-]*"#, " "),                      // paths
            (#"[\w-]+\.(?:json|csv|yaml|sqlite)\b"#, " "),        // file names
        ] {
            t = t.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return t
    }

    /// What is not French in `text`: English words, camelCase or snake_case codes, `(s)` plurals.
    static func problems(in text: String, allowing allowed: [String] = []) -> [String] {
        var t = checked(text)
        for phrase in allowed { t = t.replacingOccurrences(of: phrase, with: " ") }
        var problems: [String] = []
        for word in words(t) {
            if properNouns.contains(word) { continue }
            let hasLetter = word.contains(where: \.isLetter)
            if englishWords.contains(word.lowercased()) {
                problems.append("English word “\(word)”")
            } else if hasLetter, word.contains("_") {
                problems.append("code “\(word)”")
            } else if zip(word, word.dropFirst()).contains(where: { $0.isLowercase && $1.isUppercase }) {
                problems.append("camelCase “\(word)”")
            }
        }
        for plural in ["(s)", "(e)", "(es)"] where t.contains(plural) {
            problems.append("“\(plural)” instead of an agreed plural")
        }
        return problems
    }

    /// Runs of letters, digits and `_`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in text {
            if c.isLetter || c.isNumber || c == "_" {
                current.append(c)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { $0.contains(where: \.isLetter) }
    }
}
