import CoopCore
import CoopHTTP
import Foundation
import Hummingbird
import Voting

/// `GET /vote/{election}`: the voting booth. While the election accepts ballots, a form for the
/// member's code and one fieldset per question; `BoothScripts/Static/booth.js` checks the answers, shows them for
/// review, derives the credential from the code, in a secret election (coop-voting-2) encrypts and
/// proves every answer with `BoothScripts/Static/p256.js`, signs the ballot in the browser (WebCrypto), posts it to
/// `POST /api/v1/elections/{id}/ballots` and shows the tracker. The code never reaches the server, nor
/// does a secret election's answer in the clear.
///
/// The page holds no rule: Voting says whether ballots are accepted now (`Election.acceptsBallots`),
/// the definition the ballot signs (`Election.definition`), and refuses what it refuses through the API.
/// What the script says, it says in the page's language: the page renders every message into `data-`
/// attributes (escaped by Mustache), so the script has no words of its own.
struct BoothPage: Sendable {
    let voting: VotingService
    let clock: any CoopClock
    let timeZone: TimeZone
    let pages: WebPages

    func addRoutes(to group: RouterGroup<CoopRequestContext>) {
        group.get("vote/:election", use: show)
    }

    @Sendable func show(_ request: Request, context: CoopRequestContext) async throws -> Response {
        let language = context.language
        do {
            let election = try await context.anyone(voting).election(try context.parameters.require("election"))
            let now = clock.now()
            var values: [String: Any] = [
                "title": election.title, "kicker": WebText.boothKicker.render(language),
                "boardHref": WebLinks.href("/board/\(WebRoutes.pathEscaped(election.id))", [("lang", language.rawValue)]),
                "boardLink": WebText.boothBoardLink.render(language),
            ]
            if election.acceptsBallots(at: now), let definition = election.definition {
                values.merge(Self.booth(election, definition, now: now, timeZone: timeZone, scriptHash: pages.boothScriptHash, language)) { $1 }
            } else {
                values["notice"] = Self.notice(election, now: now, timeZone: timeZone, language)
            }
            return pages.page("booth", title: WebText.boothTitle.render(language, ["title": .text(election.title)]),
                              values: values, visit: WebVisit(request: request, context: context))
        } catch let error as CoopError {
            return pages.refusal(error, visit: WebVisit(request: request, context: context))
        }
    }

    /// Why there is no booth: not open yet (with the opening time), due but not opened by the
    /// administrator, or closed.
    static func notice(_ election: Election, now: Instant, timeZone: TimeZone, _ language: Language) -> String {
        let opens = MessageArgument.instantAt(election.opens, timeZone, now: now)
        let closes = MessageArgument.instantAt(election.closes, timeZone, now: now)
        if now >= election.closes || [.closed, .tallied].contains(election.status) {
            return WebText.boothClosed.render(language, ["closes": closes])
        }
        if now < election.opens { return WebText.boothNotYetOpen.render(language, ["opens": opens]) }
        return WebText.boothDueToOpen.render(language, ["opens": opens])
    }

    /// The booth's values: what the ballot signs (election, its hash, the derivation's salt), the API's
    /// address, the questions as fields (with what `p256.js` needs to make their slots: kind, number of
    /// choices, min and max), the election key of a secret election (coop-voting-2: the script encrypts
    /// and proves every answer under it before signing), every message the script may show, and the
    /// scripts' hash (`WebPages.boothScriptHash`) beside, in a secret election, the one its setup holds.
    static func booth(
        _ election: Election, _ definition: ElectionDefinition, now: Instant, timeZone: TimeZone, scriptHash: String, _ language: Language
    ) -> [String: Any] {
        let count = definition.questions.count
        let questions: [[String: Any]] = definition.questions.enumerated().map { offset, question in
            let number = offset + 1
            let numbered: [String: MessageArgument] = ["number": .integer(Int64(number))]
            var values: [String: Any] = [
                "number": number, "kind": question.kind.rawValue, "choiceCount": question.choices.count,
                "legend": WebText.boothQuestionLegend.render(language, ["number": .integer(Int64(number)), "count": .integer(Int64(count)),
                                                                         "text": .text(question.text)]),
            ]
            switch question.kind {
            case .single:
                values["single"] = true
                values["hint"] = WebText.boothSingleHint.render(language)
                values["errorMissing"] = WebText.boothSingleMissing.render(language, numbered)
            case .approval:
                let (low, high) = (question.min ?? 0, question.max ?? question.choices.count)
                let rule = low == 0 ? WebText.boothApprovalUpTo.render(language, ["max": .count(.integer(Int64(high)), .choices)])
                    : low == high ? WebText.boothApprovalExactly.render(language, ["max": .count(.integer(Int64(high)), .choices)])
                    : WebText.boothApprovalBetween.render(language, ["min": .integer(Int64(low)), "max": .integer(Int64(high))])
                values.merge(["approval": true, "min": low, "max": high, "hint": rule,
                              // {count} is left for the script, which knows how many are ticked.
                              "errorCount": WebText.boothApprovalWrongCount.render(language, numbered.merging(["rule": .text(rule)]) { $1 })]) { $1 }
            case .ranked:
                values["ranked"] = true
                values["hint"] = WebText.boothRankedHint.render(language)
                values["ranks"] = question.choices.indices.map { rank in
                    ["rank": rank + 1, "label": WebText.boothRank.render(language, ["rank": .text(WebText.ordinal(rank + 1, language))])] as [String: Any]
                }
                values["noneLabel"] = WebText.boothRankNone.render(language)
                values["errorMissing"] = WebText.boothRankedMissing.render(language, numbered)
                values["errorGap"] = WebText.boothRankedGap.render(language, numbered)
                values["errorTwice"] = WebText.boothRankedTwice.render(language, numbered)
            }
            values["choices"] = question.choices.enumerated().map { ["index": $0.offset, "name": $0.element] as [String: Any] }
            return values
        }
        let messages: [String: LocalizedText] = [
            "insecure": WebText.boothInsecure, "oldBrowser": WebText.boothOldBrowser,
            "codeMissing": WebText.boothCodeMissing, "codeLength": WebText.boothCodeLength,
            "codeCharacter": WebText.boothCodeCharacter, "codeCheck": WebText.boothCodeCheck,
            "noneTicked": WebText.boothNoneTicked, "sending": WebText.boothSending, "refused": WebText.boothRefused,
            "network": WebText.boothNetwork, "unexpected": WebText.boothUnexpected, "trackerMismatch": WebText.boothTrackerMismatch,
            "encrypting": WebText.boothEncrypting, "encryptFailed": WebText.boothEncryptFailed,
        ]
        var secret: [String: Any] = [:]
        if let publicKey = definition.publicKey {
            secret = ["secret": true, "publicKey": publicKey, "secretPrivacy": WebText.boothSecretPrivacy.render(language)]
            // The fingerprint the setup committed to, beside the one of the scripts this page runs: they
            // differ only if the server's booth changed after credentials were issued (an upgrade, or worse).
            if let committed = definition.booth {
                secret["boardHashLabel"] = WebText.boothBoardScriptHash.render(language)
                secret["boardHash"] = committed
                if committed != scriptHash { secret["boardHashDiffers"] = WebText.boothScriptChanged.render(language) }
            }
        }
        return secret.merging([
            "open": true,
            "closesLine": WebText.boothCloses.render(language, ["closes": .instantAt(election.closes, timeZone, now: now)]),
            "privacy": WebText.boothPrivacy.render(language), "noScript": WebText.boothNoScript.render(language),
            "election": definition.id, "electionHash": definition.electionHash, "salt": definition.salt,
            "ballotsPath": "/api/v1/elections/\(WebRoutes.pathEscaped(definition.id))/ballots",
            "boardPath": "/board/\(WebRoutes.pathEscaped(definition.id))",
            "errorsHeading": WebText.boothErrorsHeading.render(language),
            "codeLegend": WebText.boothCodeLegend.render(language), "codeLabel": WebText.boothCodeLabel.render(language),
            "codeHint": WebText.boothCodeHint.render(language),
            "questions": questions,
            "reviewButton": WebText.boothReviewButton.render(language), "reviewHeading": WebText.boothReviewHeading.render(language),
            "reviewIntro": WebText.boothReviewIntro.render(language), "confirm": WebText.boothConfirm.render(language),
            "edit": WebText.boothEdit.render(language), "doneHeading": WebText.boothDoneHeading.render(language),
            "doneTracker": WebText.boothDoneTracker.render(language), "doneBoard": WebText.boothDoneBoard.render(language),
            "doneAgain": WebText.boothDoneAgain.render(language),
            "messages": messages.sorted { $0.key < $1.key }.map { ["name": Self.attributeName($0.key), "text": $0.value.render(language)] },
            "scriptHashLabel": WebText.boothScriptHash.render(language), "scriptHash": scriptHash,
        ]) { $1 }
    }

    /// `codeMissing` → `code-missing`, so that the script reads it back as `dataset.codeMissing`.
    static func attributeName(_ key: String) -> String {
        key.map { $0.isUppercase ? "-\($0.lowercased())" : String($0) }.joined()
    }
}
