import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Voting

/// `GET /board/{election}`: an election's public board as a page: its title and state, the credential
/// count and fingerprint, the board to download and recount, a tracker look-up, and the result once
/// tallied. Everything on it is public on the board anyway; Voting decides so (`VotingVerb`).
struct BoardPage: Sendable {
    let voting: VotingService
    let timeZone: TimeZone
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("board/:election", use: show)
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let language = context.language
        do {
            let voting = context.anyone(self.voting)
            let election = try await voting.election(try context.parameters.require("election"))
            let board = try await voting.board(election.id)
            let credentials = board.events.first { $0.type == .credentials }?.payload
            let tracker = request.formQuery.get("tracker").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            var verdict: [String]?
            if let tracker, !tracker.isEmpty {
                verdict = tracker.utf8.count == 64 && tracker.allSatisfy(\.isHexDigit)
                    ? BoardVerifier.check(tracker: tracker, in: board).sentences.map { $0.render(language) }
                    : [WebText.trackerMalformed.render(language)]
            }
            let result = election.status == .tallied ? try await voting.result(election.id) : nil
            let values = present([
                "title": election.title, "idPath": WebRoutes.pathEscaped(election.id),
                "stateLine": WebText.state.render(language, ["state": .localized(election.status.label, code: election.status.rawValue)]),
                "opensLabel": WebText.opens.render(language), "opens": MessageArgument.instant(election.opens, timeZone).formatted(language),
                "closesLabel": WebText.closes.render(language), "closes": MessageArgument.instant(election.closes, timeZone).formatted(language),
                "credentialsLabel": WebText.credentials.render(language), "credentials": credentials?["count"]?.integerValue.map(String.init),
                "fingerprintLabel": WebText.fingerprint.render(language), "fingerprint": credentials?["sha256"]?.stringValue,
                "ballotsLabel": WebText.ballots.render(language), "ballots": String(board.events.filter { $0.type == .ballot }.count),
                "downloadLabel": WebText.download.render(language),
                "trackerHeading": WebText.trackerHeading.render(language), "trackerLabel": WebText.trackerLabel.render(language),
                "trackerButton": WebText.trackerButton.render(language), "tracker": tracker ?? "",
                "verdict": verdict.map { ["lines": $0] },
                "hasResult": result != nil, "resultHeading": WebText.result.render(language),
                "turnout": result.map { WebText.turnout.render(language, ["voted": .integer(Int64($0.voted)), "eligible": .integer(Int64($0.eligible))]) },
                "questions": result.map { Self.questions($0, election, language) },
                "choiceColumn": WebText.choice.render(language), "countColumn": WebText.votes.render(language),
            ])
            return pages.page("board", title: election.title, values: values, visit: WebVisit(request: request, context: context))
        } catch let error as CoopError {
            return pages.refusal(error, visit: WebVisit(request: request, context: context))
        }
    }

    /// Each question's counts by choice, the chosen ones marked, and the outcome in words.
    static func questions(_ result: ElectionResult, _ election: Election, _ language: Language) -> [[String: Any]] {
        zip(result.questions, election.questions).map { counted, question in
            let chosen = Set(counted.winners ?? counted.winner.map { [$0] } ?? [])
            let choices: [[String: Any]] = question.choices.enumerated().map { index, name in
                ["name": name, "count": index < counted.counts.count ? counted.counts[index] : 0, "won": chosen.contains(index),
                 "wonLabel": WebText.won.render(language)]
            }
            var outcome: String?
            if let adopted = counted.adopted { outcome = (adopted ? WebText.adopted : WebText.rejected).render(language) }
            if let tied = counted.tied, !tied.isEmpty { outcome = WebText.tied.render(language) }
            return present(["text": question.text, "choices": choices, "outcome": outcome])
        }
    }
}
