import Coop
import CoopCore
import CoopHTTP
import Foundation
import Logging

// coop-api [--db PATH] [--host H] [--port P]: flags win over COOP_DB, COOP_HOST, COOP_PORT.
// Exit 0 after --help or a clean stop, 1 when it cannot start (one line on stderr), 2 on a usage error.
let language = Language.resolve(flag: nil, environment: ProcessInfo.processInfo.environment)
let flags: CommandLineFlags
do {
    flags = try CommandLineFlags(Array(CommandLine.arguments.dropFirst()))
} catch let error as CommandLineFlags.UsageError {
    FileHandle.standardError.write(Data((error.message(language) + "\n").utf8))
    exit(2)
}
if flags.help {
    FileHandle.standardOutput.write(Data((CommandLineFlags.helpText.render(language) + "\n").utf8))
    exit(0)
}
// Where it was told to open and listen, for the message when it cannot (the defaults until read).
var target = CoopConfiguration(timeZone: .gmt)
do {
    let configuration = try CoopConfiguration.from(
        environment: ProcessInfo.processInfo.environment, database: flags.db, host: flags.host, port: flags.port)
    target = configuration
    let trustedProxies = try TrustedProxies.parse(ProcessInfo.processInfo.environment["COOP_TRUSTED_PROXIES"])
    // Opened for nobody: each request re-binds the services to its token's caller.
    let (coop, migrated) = try await Coop.open(configuration, as: .anonymous)
    var logger = Logger(label: "coop-api")
    // COOP_LOG_LEVEL=warning silences the per-request lines (busy servers, benchmarks).
    logger.logLevel = ProcessInfo.processInfo.environment["COOP_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    if configuration.clock is FixedClock {
        logger.warning("clock frozen by COOP_NOW: for tests only", metadata: ["clock.now": "\(configuration.clock.now().iso8601)"])
    }
    if !migrated.isEmpty { logger.info("schema migrated", metadata: ["db.migrations": "\(migrated.joined(separator: ","))"]) }
    // The first start is the machine's operator at work, as `coopctl` is.
    if let issued = try await coop.acting(as: .localOperator("coop-api")).tokens.bootstrapAdminToken() {
        let notice = LocalizedText(fr: "Premier démarrage : jeton administrateur (affiché une seule fois) :",
                                   en: "First start: administrator token (shown once):").render(language)
        // Written straight to the file descriptor: stdout may be a pipe that a script is reading.
        FileHandle.standardOutput.write(Data("\(notice)\n\(issued.token)\n".utf8))
    }
    // Both faces on one port: say where each one is, in words, once, when the port takes connections
    // (a script or a test waiting for this line may connect at once).
    let base = "http://\(configuration.host == "0.0.0.0" ? "localhost" : configuration.host):\(configuration.port)"
    let faces = LocalizedText(fr: "Catalogue en ligne : {base}/   API JSON : {base}/api/v1 (OpenAPI : {base}/openapi.yaml)",
                              en: "Web catalogue: {base}/   JSON API: {base}/api/v1 (OpenAPI: {base}/openapi.yaml)")
    var words = faces.render(language, ["base": .text(base)])
    // Said once at start: without a mail server, notices wait in the outbox (nothing is lost).
    if let smtp = configuration.notifications.smtpURLForDisplay {
        words += "\n" + LocalizedText(fr: "Courriels : {smtp}, de {from}", en: "E-mail: {smtp}, from {from}")
            .render(language, ["smtp": .text(smtp), "from": .text(configuration.notifications.from)])
    } else {
        words += "\n" + LocalizedText(
            fr: "Courriels : aucun serveur (COOP_SMTP_URL) ; les avis restent en attente (coopctl notify list).",
            en: "E-mail: no server (COOP_SMTP_URL); notices stay queued (coopctl notify list).").render(language)
    }
    let line = words
    let app = try buildApplication(coop: coop, configuration: configuration, trustedProxies: trustedProxies, logger: logger) {
        FileHandle.standardOutput.write(Data("\(line)\n".utf8))
    }
    // runService stops on SIGTERM or SIGINT after in-flight requests finish; then fold the WAL back
    // into the database file so that a stopped server is one self-contained file.
    try await app.runService()
    try await coop.context.database.writeWithoutTransaction { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    logger.info("stopped", metadata: ["db.path": "\(configuration.databasePath)"])
} catch {
    // A database it cannot open, a port already taken, a setting it cannot read: one line, exit 1.
    let refusal = StartupFailure.refusal(error, databasePath: target.databasePath, host: target.host, port: target.port)
    FileHandle.standardError.write(Data((refusal.message(language) + "\n").utf8))
    exit(1)
}
