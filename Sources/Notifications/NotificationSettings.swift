import CoopCore
import Foundation
import Membership

/// How notices leave: the co-op's SMTP server, the sender, where links point, how hard to retry.
/// Read from the environment (`COOP_SMTP_URL`, `COOP_MAIL_FROM`, `COOP_PUBLIC_URL`,
/// `COOP_MAIL_MAX_ATTEMPTS`, `COOP_MAIL_RETRY_SECONDS`, `COOP_NOTICE_SCHEDULE_SECONDS`).
public struct NotificationSettings: Sendable, Equatable {
    /// `smtp://user:pass@host:587` (STARTTLS, required unless the host is this machine) or
    /// `smtps://user:pass@host:465` (TLS from the start); nil: notices stay queued.
    public var smtpURL: String?
    /// The sender address (`outils@example.org`); the co-op's name is its display name.
    public var from: String
    /// The address the web face answers at, for the links in messages (`https://outils.example.org`).
    public var publicURL: String
    /// Attempts before a notice that keeps failing temporarily is marked failed.
    public var maxAttempts: Int
    /// The wait after the first temporary failure; it doubles with each further one, up to 6 hours.
    public var retrySeconds: Int64
    /// How often the scheduler looks for time-based notices (due tomorrow, overdue…).
    public var scheduleSeconds: Int64

    public init(smtpURL: String? = nil, from: String = "coop@localhost", publicURL: String = "http://127.0.0.1:8080",
                maxAttempts: Int = 10, retrySeconds: Int64 = 60, scheduleSeconds: Int64 = 300) {
        self.smtpURL = smtpURL
        self.from = from
        self.publicURL = publicURL
        self.maxAttempts = maxAttempts
        self.retrySeconds = retrySeconds
        self.scheduleSeconds = scheduleSeconds
    }

    /// The settings from the environment; `defaultPublicURL` is the API's own address.
    public static func from(environment: [String: String], defaultPublicURL: String) throws -> NotificationSettings {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var settings = NotificationSettings(publicURL: defaultPublicURL)
        if let url = value("COOP_SMTP_URL") {
            guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://"), URLComponents(string: url)?.host?.isEmpty == false else {
                throw CoopError.invalidSMTPURL(url)
            }
            settings.smtpURL = url
        }
        if let from = value("COOP_MAIL_FROM") {
            guard EmailAddress.isValid(from) else { throw CoopError.invalidMailFrom(from) }
            settings.from = from
        }
        if let url = value("COOP_PUBLIC_URL") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw CoopError.invalidPublicURL(url) }
            settings.publicURL = String(url.reversed().drop { $0 == "/" }.reversed())
        }
        if let text = value("COOP_MAIL_MAX_ATTEMPTS") {
            guard let n = Int(text), (1...100).contains(n) else { throw CoopError.invalidSetting("COOP_MAIL_MAX_ATTEMPTS", text) }
            settings.maxAttempts = n
        }
        if let text = value("COOP_MAIL_RETRY_SECONDS") {
            guard let n = Int64(text), (1...86_400).contains(n) else { throw CoopError.invalidSetting("COOP_MAIL_RETRY_SECONDS", text) }
            settings.retrySeconds = n
        }
        if let text = value("COOP_NOTICE_SCHEDULE_SECONDS") {
            guard let n = Int64(text), (1...86_400).contains(n) else { throw CoopError.invalidSetting("COOP_NOTICE_SCHEDULE_SECONDS", text) }
            settings.scheduleSeconds = n
        }
        return settings
    }

    /// The wait before attempt `attempts + 1`, after `attempts` temporary failures.
    func backoff(afterAttempts attempts: Int) -> Int64 {
        min(retrySeconds << Int64(min(max(attempts - 1, 0), 20)), 6 * 3600)
    }

    /// The SMTP URL without its password, for logs and `make run`'s line.
    public var smtpURLForDisplay: String? {
        guard let smtpURL, var parts = URLComponents(string: smtpURL) else { return nil }
        if parts.password != nil { parts.password = "***" }
        return parts.string ?? smtpURL
    }
}

/// What Message-IDs need of the sender's address.
enum MailAddress {
    /// The part after the `@`, for Message-IDs.
    static func domain(_ address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
