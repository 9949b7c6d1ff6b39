import ArgumentParser
import CoopCore
import Foundation
import Notifications

/// `coopctl notify list|retry|run|preferences`: the outbox of notices by e-mail.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Notices by e-mail: the outbox and its delivery. / Avis par courriel : la file d’envoi.",
        subcommands: [List.self, Retry.self, Run.self, Preferences.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Avis", en: "Notice"), .init(fr: "Genre", en: "Kind"), .init(fr: "Membre", en: "Member"),
        .init(fr: "État", en: "Status"), .init(fr: "Essais", en: "Attempts"), .init(fr: "Créé", en: "Created"),
        .init(fr: "Raison", en: "Reason"),
    ]

    static func row(_ notice: NoticeRecord, _ out: Output, timeZone: TimeZone) -> [String] {
        [String(notice.id), notice.kind.label.render(out.language), notice.member, notice.status.label.render(out.language), String(notice.attempts),
         notice.createdAt.localText(in: timeZone), notice.error ?? ""]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The latest notices, newest first. / Les derniers avis, du plus récent au plus ancien.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only notices in this state: queued, sending, sent or failed.") var status: String?
        @Option(help: "Only this member's notices, e.g. M-0001.") var member: String?
        @Option(help: "At most this many (default 100).") var limit = 100

        func run() async throws {
            try await global.run { session in
                let status = try self.status.map(NoticeStatus.init(parsing:))
                let notices = try await session.coop.notifications.list(status: status, member: member, limit: limit)
                if session.output.json { return try session.output.printJSON(notices) }
                session.output.table(NotifyCommand.headers, notices.map { NotifyCommand.row($0, session.output, timeZone: session.configuration.timeZone) })
                let counts = try await session.coop.notifications.counts()
                session.output.say(session.output.text(
                    .init(fr: "En attente : {queued} · envoyés : {sent} · en échec : {failed}", en: "Queued: {queued} · sent: {sent} · failed: {failed}"),
                    ["queued": .integer(Int64(counts.queued + counts.sending)), "sent": .integer(Int64(counts.sent)),
                     "failed": .integer(Int64(counts.failed))]))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a failed notice back in the queue. / Remettre un avis en échec dans la file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Notice id (coopctl notify list --status failed).") var id: Int64

        func run() async throws {
            try await global.run { session in
                let notice = try await session.coop.notifications.retry(id)
                if session.output.json { return try session.output.printJSON(notice) }
                session.output.say(session.output.text(
                    .init(fr: "Avis {id} remis dans la file : il partira au prochain envoi.", en: "Notice {id} is queued again: it leaves with the next delivery."),
                    ["id": .integer(notice.id)]))
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the reminders that are due and send the queued notices. / Trouver les rappels dus et envoyer les avis en attente.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "One pass, then exit (for cron). Without it, a pass every few seconds until stopped.") var once = false

        func run() async throws {
            try await global.run { session in
                let service = session.coop.notifications
                if !service.canDeliver {
                    FileHandle.standardError.write(Data((session.output.text(Words.notConfigured) + "\n").utf8))
                }
                repeat {
                    let run = try await service.runOnce(progress: Output.progress(label: session.output.text(Words.sending)))
                    if session.output.json { try session.output.printJSON(run) } else { session.output.say(Words.summary(run, session.output)) }
                    if once { break }
                    try await Task.sleep(for: .seconds(5))
                } while true
            }
        }
    }

    struct Preferences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which reminders a member receives; --off or --on a kind. / Les rappels qu’un membre reçoit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member number, e.g. M-0001.") var member: String
        @Option(help: "Turn off a kind of reminders: loans, cycles or membership.") var off: String?
        @Option(help: "Turn a kind of reminders back on.") var on: String?

        func run() async throws {
            try await global.run { session in
                let service = session.coop.notifications
                var preferences = try await service.preferences(member: member)
                if let off { preferences = try await service.setPreference(member: member, topic: try NoticeTopic(parsing: off), enabled: false) }
                if let on { preferences = try await service.setPreference(member: member, topic: try NoticeTopic(parsing: on), enabled: true) }
                if session.output.json { return try session.output.printJSON(preferences) }
                session.output.table([.init(fr: "Rappels", en: "Reminders"), .init(fr: "Reçus", en: "Received")], preferences.map {
                    [$0.topic.label.render(session.output.language),
                     session.output.text($0.enabled ? .init(fr: "oui", en: "yes") : .init(fr: "non", en: "no"))]
                })
            }
        }
    }

    enum Words {
        static let notConfigured = LocalizedText(
            fr: "Aucun serveur de courriel (COOP_SMTP_URL) : les avis restent en attente.",
            en: "No mail server (COOP_SMTP_URL): notices stay queued.")
        static let sending = LocalizedText(fr: "Envoi", en: "Sending")

        static func summary(_ run: NotifyRun, _ out: Output) -> String {
            let scheduled = out.text(.init(fr: "Rappels ajoutés à la file : {n}.", en: "Reminders added to the queue: {n}."),
                                     ["n": .integer(Int64(run.scheduled))])
            guard let d = run.delivery else { return scheduled }
            return scheduled + " " + out.text(
                .init(fr: "Envoyés : {sent} · à réessayer : {retrying} · en échec : {failed}.",
                      en: "Sent: {sent} · to retry: {retrying} · failed: {failed}."),
                ["sent": .integer(Int64(d.sent)), "retrying": .integer(Int64(d.retrying)), "failed": .integer(Int64(d.failed))])
        }
    }
}
