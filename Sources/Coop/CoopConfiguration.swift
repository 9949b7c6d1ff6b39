import CoopCore
import Foundation
import Notifications

/// Settings read from the environment (`COOP_DB`, `COOP_TZ`, `COOP_LANG`, `COOP_HOST`, `COOP_PORT`,
/// `COOP_NOW`, and the notices' `COOP_SMTP_URL`, `COOP_MAIL_FROM`, `COOP_PUBLIC_URL`…), each of which a
/// command-line flag may override.
public struct CoopConfiguration: Sendable {
    public var databasePath: String
    public var timeZone: TimeZone
    public var host: String
    public var port: Int
    /// Where the services read the time: the system clock, or the instant `COOP_NOW` names, which
    /// stands still. That is for tests that drive the real `coopctl` through a voting window or a
    /// cycle's closing without waiting for the wall clock; a live co-op never sets it.
    public var clock: any CoopClock = SystemClock()
    /// The mail server, sender and links of notices (`COOP_SMTP_URL`, `COOP_MAIL_FROM`, `COOP_PUBLIC_URL`…).
    public var notifications = NotificationSettings()

    public static let defaultDatabasePath = "./coop.sqlite"
    public static let defaultTimeZone = "America/Toronto"

    public init(databasePath: String = defaultDatabasePath, timeZone: TimeZone, host: String = "127.0.0.1", port: Int = 8080) {
        self.databasePath = databasePath
        self.timeZone = timeZone
        self.host = host
        self.port = port
    }

    /// Reads the environment; flags passed here win over it.
    public static func from(
        environment: [String: String], database: String? = nil, host: String? = nil, port: String? = nil
    ) throws -> CoopConfiguration {
        let zoneName = environment["COOP_TZ"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultTimeZone
        guard let zone = TimeZone(identifier: zoneName) else { throw CoopError.unknownTimeZone(zoneName) }
        var configuration = CoopConfiguration(timeZone: zone)
        if let path = database ?? environment["COOP_DB"], !path.isEmpty { configuration.databasePath = path }
        if let h = host ?? environment["COOP_HOST"], !h.isEmpty { configuration.host = h }
        if let p = port ?? environment["COOP_PORT"], !p.isEmpty {
            guard let n = Int(p), (1...65535).contains(n) else { throw CoopError.invalidPort(p) }
            configuration.port = n
        }
        configuration.notifications = try NotificationSettings.from(
            environment: environment, defaultPublicURL: "http://\(configuration.host):\(configuration.port)")
        if let text = environment["COOP_NOW"], !text.isEmpty {
            guard let now = Instant.parse(text, timeZone: zone) else { throw CoopError.invalidNow(text) }
            configuration.clock = FixedClock(now)
        }
        return configuration
    }
}

extension CoopError {
    static func unknownTimeZone(_ name: String) -> CoopError {
        CoopError(.invalid, "config.unknown_time_zone", field: "COOP_TZ", ["zone": .text(name)],
                  fr: "Fuseau horaire inconnu : « {zone} » (ex. America/Toronto).",
                  en: "Unknown time zone: \"{zone}\" (e.g. America/Toronto).")
    }

    static func invalidNow(_ value: String) -> CoopError {
        CoopError(.invalid, "config.invalid_now", field: "COOP_NOW", ["value": .text(value)],
                  fr: "COOP_NOW : « {value} » n’est pas un instant (ex. 2026-12-03T14:30:00-05:00).",
                  en: "COOP_NOW: \"{value}\" is not an instant (e.g. 2026-12-03T14:30:00-05:00).")
    }

    static func invalidPort(_ value: String) -> CoopError {
        CoopError(.invalid, "config.invalid_port", field: "COOP_PORT", ["value": .text(value)],
                  fr: "Port invalide : « {value} » (1 à 65535).", en: "Invalid port: \"{value}\" (1 to 65535).")
    }
}
