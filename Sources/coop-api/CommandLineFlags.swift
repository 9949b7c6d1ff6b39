import CoopCore
import CoopHTTP

/// The few flags coop-api takes; everything else is configured by environment variables.
struct CommandLineFlags {
    /// A command line coop-api cannot read: one line for stderr, then exit 2.
    struct UsageError: Error {
        let text: LocalizedText
        var arguments: [String: MessageArgument] = [:]

        func message(_ language: Language) -> String { text.render(language, arguments) }
    }

    var db: String?
    var host: String?
    var port: String?
    /// `--help` or `-h`: print `help` and exit 0, whatever else the line holds.
    var help = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            let (name, inlineValue) = flag.split(separator: "=", maxSplits: 1).map(String.init).splitPair
            if name == "--help" || name == "-h" {
                help = true
                return
            }
            guard ["--db", "--host", "--port"].contains(name) else {
                throw UsageError(text: LocalizedText(
                    fr: "coop-api : option inconnue {flag} (coop-api --help liste les options).",
                    en: "coop-api: unknown option {flag} (coop-api --help lists the options)."), arguments: ["flag": .text(flag)])
            }
            guard let value = inlineValue ?? rest.popFirst() else {
                throw UsageError(text: LocalizedText(
                    fr: "coop-api : {flag} demande une valeur (coop-api --help liste les options).",
                    en: "coop-api: {flag} needs a value (coop-api --help lists the options)."), arguments: ["flag": .text(name)])
            }
            switch name {
            case "--db": db = value
            case "--host": host = value
            default: port = value
            }
        }
    }

    /// What `coop-api --help` prints: the options, then the environment variables it reads.
    static let helpText = LocalizedText(
        fr: """
        Usage : coop-api [--db CHEMIN] [--host ADRESSE] [--port PORT]

        Sert l’API REST de Coop : JSON sous /api/v1, le contrat OpenAPI à /openapi.yaml.
        Au premier démarrage sur une base vide, crée le schéma et affiche un jeton administrateur.

        Options (elles l’emportent sur les variables d’environnement) :
          --db CHEMIN        fichier de la base de données (défaut : COOP_DB, puis ./coop.sqlite)
          --host ADRESSE     adresse d’écoute (défaut : COOP_HOST, puis 127.0.0.1)
          --port PORT        port d’écoute, de 1 à 65535 (défaut : COOP_PORT, puis 8080)
          -h, --help         affiche cette aide

        Variables d’environnement :
          COOP_DB, COOP_HOST, COOP_PORT   comme --db, --host et --port
          COOP_TZ                         fuseau horaire de la coopérative (défaut : America/Toronto)
          COOP_LANG, puis LANG            langue de ces messages, fr ou en (défaut : fr) ; l’API suit Accept-Language
          COOP_TRUSTED_PROXIES            adresses des mandataires inverses, séparées par des virgules
          COOP_LOG_LEVEL                  niveau du journal : `info` (défaut, une ligne par requête), `warning`, `error`
          COOP_NOW                        pour les tests seulement : un instant où l’horloge reste arrêtée
        """,
        en: """
        Usage: coop-api [--db PATH] [--host ADDRESS] [--port PORT]

        Serves Coop's REST API: JSON under /api/v1, the OpenAPI contract at /openapi.yaml.
        On first start with an empty database it creates the schema and prints an administrator token.

        Options (they win over the environment variables):
          --db PATH          database file (default: COOP_DB, then ./coop.sqlite)
          --host ADDRESS     address to listen on (default: COOP_HOST, then 127.0.0.1)
          --port PORT        port to listen on, 1 to 65535 (default: COOP_PORT, then 8080)
          -h, --help         print this help

        Environment variables:
          COOP_DB, COOP_HOST, COOP_PORT   as --db, --host and --port
          COOP_TZ                         the co-op's time zone (default: America/Toronto)
          COOP_LANG, then LANG            language of these messages, fr or en (default: fr); the API follows Accept-Language
          COOP_TRUSTED_PROXIES            addresses of the reverse proxies in front, comma-separated
          COOP_LOG_LEVEL                  log level: `info` (default, one line per request), `warning`, `error`
          COOP_NOW                        for tests only: an instant at which the clock stands still
        """)
}

extension Array where Element == String {
    fileprivate var splitPair: (String, String?) { (self[0], count > 1 ? self[1] : nil) }
}
