import CoopCore
import Foundation
import Logging
import Notifications
import ServiceLifecycle

/// Inside coop-api, beside the HTTP server: every second, the queued notices that are due are sent;
/// every few minutes (`COOP_NOTICE_SCHEDULE_SECONDS`) the scheduler first looks for reminders. It stops
/// with the server (SIGTERM): the message being sent is finished and recorded first.
struct NoticeDeliveryService: Service {
    let notifications: NotificationService
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        let interval = Duration.seconds(notifications.settings.scheduleSeconds)
        var lastSchedule: ContinuousClock.Instant?
        do {
            while !Task.isCancelled {
                let schedule = lastSchedule.map { ContinuousClock.now - $0 >= interval } ?? true
                do {
                    let run = try await notifications.runOnce(schedule: schedule)
                    if schedule { lastSchedule = .now }
                    if let delivery = run.delivery, delivery.attempted > 0 || run.scheduled > 0 {
                        logger.info("notices", metadata: [
                            "notices.scheduled": "\(run.scheduled)", "notices.sent": "\(delivery.sent)",
                            "notices.retrying": "\(delivery.retrying)", "notices.failed": "\(delivery.failed)",
                        ])
                    }
                } catch {
                    // A busy database or a template problem: said, then tried again at the next turn.
                    logger.error("notices: \(error)")
                }
                try await Task.sleep(for: .seconds(1))
            }
        } catch is CancellationError {}
    }
}
