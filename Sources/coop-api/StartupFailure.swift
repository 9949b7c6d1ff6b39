import Coop
import CoopCore
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why coop-api could not start, as the one line an operator reads on stderr, in their language
/// (COOP_LANG, then LANG): a database it cannot open, an address it cannot listen on, a setting it
/// cannot read. Never a crash and a backtrace.
enum StartupFailure {
    /// The refusal for `error`, thrown while opening `databasePath` or listening on `host`:`port`.
    static func refusal(_ error: any Error, databasePath: String, host: String, port: Int) -> CoopError {
        switch error {
        case let error as CoopError:
            return error
        case let error as DatabaseError:
            return database(error, path: databasePath)
        case let error as IOError:
            return listening(errno: error.errnoCode, host: host, port: port, detail: "\(error)")
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            return CoopError(.invalid, "startup.unknown_host", field: "COOP_HOST", ["host": .text(host)],
                             fr: "coop-api : l’adresse d’écoute « {host} » est introuvable (--host ou COOP_HOST, ex. 127.0.0.1).",
                             en: "coop-api: the listening address \"{host}\" cannot be resolved (--host or COOP_HOST, e.g. 127.0.0.1).")
        default:
            return CoopError(.invalid, "startup.failed", ["detail": .text("\(error)")],
                             fr: "coop-api n’a pas pu démarrer : {detail}", en: "coop-api could not start: {detail}")
        }
    }

    static func database(_ error: DatabaseError, path: String) -> CoopError {
        if error.isCannotOpen {
            return CoopError(.invalid, "startup.database_unopenable", field: "COOP_DB", ["path": .text(path)],
                             fr: "coop-api : impossible d’ouvrir la base de données « {path} » : son dossier existe-t-il, et peut-on y écrire ? (--db ou COOP_DB)",
                             en: "coop-api: cannot open the database \"{path}\": does its folder exist, and can it be written to? (--db or COOP_DB)")
        }
        if error.isNotADatabase {
            return CoopError(.invalid, "startup.not_a_database", field: "COOP_DB", ["path": .text(path)],
                             fr: "coop-api : « {path} » n’est pas une base de données Coop (--db ou COOP_DB).",
                             en: "coop-api: \"{path}\" is not a Coop database (--db or COOP_DB).")
        }
        if error.isReadOnly {
            return CoopError(.invalid, "startup.database_read_only", field: "COOP_DB", ["path": .text(path)],
                             fr: "coop-api : la base de données « {path} » ne peut pas être modifiée (droits du fichier ou de son dossier).",
                             en: "coop-api: the database \"{path}\" cannot be written to (permissions of the file or its folder).")
        }
        return CoopError(.invalid, "startup.database_error", field: "COOP_DB", ["path": .text(path), "detail": .text(error.message)],
                         fr: "coop-api : erreur de la base de données « {path} » : {detail}",
                         en: "coop-api: database error on \"{path}\": {detail}")
    }

    static func listening(errno code: Int32, host: String, port: Int, detail: String) -> CoopError {
        let arguments: [String: MessageArgument] = ["host": .text(host), "port": .integer(Int64(port))]
        switch code {
        case EADDRINUSE:
            return CoopError(.conflict, "startup.port_in_use", field: "COOP_PORT", arguments,
                             fr: "coop-api : le port {port} est déjà pris sur {host} (un autre coop-api tourne-t-il ?) ; choisissez-en un autre avec --port ou COOP_PORT.",
                             en: "coop-api: port {port} is already in use on {host} (is another coop-api running?); pick another with --port or COOP_PORT.")
        case EACCES:
            return CoopError(.forbidden, "startup.port_forbidden", field: "COOP_PORT", arguments,
                             fr: "coop-api : pas le droit d’écouter sur le port {port} de {host} (les ports sous 1024 sont réservés) ; choisissez-en un autre avec --port ou COOP_PORT.",
                             en: "coop-api: not allowed to listen on port {port} of {host} (ports below 1024 are reserved); pick another with --port or COOP_PORT.")
        case EADDRNOTAVAIL:
            return CoopError(.invalid, "startup.address_unavailable", field: "COOP_HOST", arguments,
                             fr: "coop-api : {host} n’est pas une adresse de cette machine (--host ou COOP_HOST, ex. 127.0.0.1).",
                             en: "coop-api: {host} is not an address of this machine (--host or COOP_HOST, e.g. 127.0.0.1).")
        default:
            return CoopError(.invalid, "startup.cannot_listen", field: "COOP_PORT", arguments.merging(["detail": .text(detail)]) { a, _ in a },
                             fr: "coop-api : impossible d’écouter sur {host}:{port} : {detail}",
                             en: "coop-api: cannot listen on {host}:{port}: {detail}")
        }
    }
}
