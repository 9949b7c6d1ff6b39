/// The few flags coop-api takes; everything else is configured by environment variables.
struct CommandLineFlags {
    struct UsageError: Error {
        let message: String
    }

    var db: String?
    var host: String?
    var port: String?

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            let (name, inlineValue) = flag.split(separator: "=", maxSplits: 1).map(String.init).splitPair
            if name == "--help" || name == "-h" {
                throw UsageError(message: "usage: coop-api [--db PATH] [--host HOST] [--port PORT]")
            }
            guard ["--db", "--host", "--port"].contains(name) else {
                throw UsageError(message: "coop-api: unknown option \(flag)\nusage: coop-api [--db PATH] [--host HOST] [--port PORT]")
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError(message: "coop-api: \(name) needs a value")
            }
            switch name {
            case "--db": db = value
            case "--host": host = value
            default: port = value
            }
        }
    }
}

extension Array where Element == String {
    fileprivate var splitPair: (String, String?) { (self[0], count > 1 ? self[1] : nil) }
}
