import CoopCore
import Foundation
import Voting

/// What `election` and `vote` share: running without a database, and showing elections and results
/// to people. Nothing here decides anything; it only prints what the Voting library returned.
enum VotingOutput {
    static func kindText(_ question: Question) -> LocalizedText {
        switch question.kind {
        case .single:
            switch question.threshold ?? .majority {
            case .majority: .init(fr: "choix unique, majorité absolue", en: "single choice, absolute majority")
            case .twoThirds: .init(fr: "choix unique, deux tiers", en: "single choice, two-thirds")
            case .plurality: .init(fr: "choix unique, majorité relative", en: "single choice, plurality")
            }
        case .approval:
            .init(fr: "approbation, de \(question.min ?? 0) à \(question.max ?? question.choices.count) choix",
                  en: "approval, \(question.min ?? 0) to \(question.max ?? question.choices.count) choices")
        case .ranked: .init(fr: "classement, vote alternatif", en: "ranked, instant-runoff")
        }
    }

    /// The questions with their choice numbers, which is what `vote cast --answer` takes.
    static func printQuestions(_ questions: [Question], _ out: Output) {
        for (i, question) in questions.enumerated() {
            out.say("")
            out.say("\(i + 1). \(question.text) (\(kindText(question).render(out.language)))")
            for (n, choice) in question.choices.enumerated() { out.say("   \(n)  \(choice)") }
        }
    }

    /// An election as a card for people.
    static func printElection(_ e: Election, _ out: Output, timeZone: TimeZone) {
        out.table(
            [.init(fr: "Scrutin", en: "Election"), .init(fr: "Titre", en: "Title"), .init(fr: "Statut", en: "Status"),
             .init(fr: "Ouverture", en: "Opens"), .init(fr: "Fermeture", en: "Closes")],
            [[e.id, e.title, e.status.label.render(out.language), e.opens.localText(in: timeZone), e.closes.localText(in: timeZone)]])
        if let cutoff = e.cutoff {
            out.say(out.text(.init(fr: "Admissibilité : membres actifs le {cutoff}", en: "Eligibility: members active on {cutoff}"),
                             ["cutoff": .instant(cutoff, timeZone)]))
        } else {
            out.say(out.text(.init(fr: "Admissibilité : membres actifs à l’émission des codes",
                                   en: "Eligibility: members active when credentials are issued")))
        }
        out.say(e.quorumPercent.map { out.text(.init(fr: "Quorum : {q} % des membres admissibles", en: "Quorum: {q} % of eligible members"),
                                               ["q": .integer(Int64($0))]) }
                ?? out.text(.init(fr: "Quorum : aucun", en: "Quorum: none")))
        if let eligible = e.eligibleCount {
            out.say(out.text(.init(fr: "Codes émis : {n} (révoqués et remplacés : {r}) · bulletins reçus : {b}",
                                   en: "Credentials issued: {n} (revoked and replaced: {r}) · ballots received: {b}"),
                             ["n": .integer(Int64(eligible)), "r": .integer(Int64(e.revokedCount)), "b": .integer(Int64(e.ballotCount))]))
        }
        if e.secret {
            out.say(out.text(e.tellers.isEmpty
                             ? .init(fr: "Scrutin secret (coop-voting-2) · aucun scrutateur inscrit : coopctl teller register {id} FICHIER.pub",
                                     en: "Secret election (coop-voting-2) · no teller registered yet: coopctl teller register {id} FILE.pub")
                             : .init(fr: "Scrutin secret (coop-voting-2) · scrutateurs inscrits : {n}", en: "Secret election (coop-voting-2) · tellers registered: {n}"),
                             ["id": .text(e.id), "n": .integer(Int64(e.tellers.count))]))
        }
        if let hash = e.electionHash {
            out.say(out.text(.init(fr: "Empreinte du scrutin (`electionHash`) : {hash}", en: "Election hash (`electionHash`): {hash}"),
                             ["hash": .text(hash)]))
        }
        if let booth = e.booth {
            out.say(out.text(.init(fr: "Empreinte du bureau de vote web (p256.js puis booth.js, inscrite au tableau) : {hash}",
                                   en: "Web booth fingerprint (p256.js then booth.js, on the board): {hash}"),
                             ["hash": .text(booth)]))
        }
        printQuestions(e.questions, out)
    }

    /// A result (`election tally`, the recount of `election verify`), choices named after `questions`.
    static func printResult(_ result: ElectionResult, questions: [Question], _ out: Output) {
        let turnout = result.eligible > 0 ? result.voted * 100 / result.eligible : 0
        out.say(out.text(.init(fr: "Votants : {voted} sur {eligible} ({turnout} %) · bulletins déposés : {ballots}",
                               en: "Voted: {voted} of {eligible} ({turnout} %) · ballots cast: {ballots}"),
                         ["voted": .integer(Int64(result.voted)), "eligible": .integer(Int64(result.eligible)),
                          "turnout": .integer(Int64(turnout)), "ballots": .integer(Int64(result.ballotEvents))]))
        if let percent = result.quorumPercent, let required = result.quorumRequired {
            out.say(out.text(result.quorumMet
                             ? .init(fr: "Quorum atteint ({p} %, {r}).", en: "Quorum reached ({p} %, {r}).")
                             : .init(fr: "Quorum non atteint ({p} %, {r}) : rien n’est décidé.",
                                     en: "Quorum not reached ({p} %, {r}): nothing is decided."),
                             ["p": .integer(Int64(percent)),
                              "r": .count(.integer(Int64(required)), Plural(fr: "votant requis", "votants requis",
                                                                    en: "voter needed", "voters needed"))]))
        }
        for (i, q) in result.questions.enumerated() {
            let question = i < questions.count ? questions[i] : nil
            func name(_ index: Int) -> String {
                guard let question, index < question.choices.count else { return "#\(index)" }
                return question.choices[index]
            }
            func names(_ indexes: [Int]) -> String { indexes.map(name).joined(separator: ", ") }
            out.say("")
            out.say("\(i + 1). \(question?.text ?? "")")
            out.table([.init(fr: "Choix", en: "Choice"), .init(fr: "Voix", en: "Votes")],
                      q.counts.enumerated().map { ["\($0.offset)  \(name($0.offset))", String($0.element)] })
            switch q.kind {
            case .single:
                if let expressed = q.expressed {
                    let required = q.required.map {
                        out.text(.init(fr: ", {r}", en: ", {r}"),
                                 ["r": .count(.integer(Int64($0)), Plural(fr: "requise", "requises", en: "needed", "needed"))])
                    } ?? ""
                    out.say(out.text(.init(fr: "Exprimées : {e} (abstentions : {a}){required}", en: "Expressed: {e} (abstentions: {a}){required}"),
                                     ["e": .integer(Int64(expressed)), "a": .integer(Int64(q.abstentions ?? 0)), "required": .text(required)]))
                }
                if let winner = q.winner {
                    out.say(out.text(.init(fr: "Choix retenu : {c}", en: "Winning choice: {c}"), ["c": .text(name(winner))]))
                } else if let tied = q.tied, !tied.isEmpty {
                    out.say(out.text(.init(fr: "Égalité, rien n’est décidé : {c}", en: "Tie, nothing is decided: {c}"), ["c": .text(names(tied))]))
                } else {
                    out.say(out.text(.init(fr: "Aucun choix retenu.", en: "No choice wins.")))
                }
                if let adopted = q.adopted {
                    out.say(out.text(adopted ? .init(fr: "Résolution adoptée.", en: "Resolution adopted.")
                                             : .init(fr: "Résolution non adoptée.", en: "Resolution not adopted.")))
                }
            case .approval:
                out.say(out.text(.init(fr: "Élus ({seats}) : {w}", en: "Elected ({seats}): {w}"),
                                 ["seats": .count(.integer(Int64(q.seats ?? 0)), Plural(fr: "siège", "sièges", en: "seat", "seats")),
                                  "w": .text(names(q.winners ?? []))]))
                if let tied = q.tied, !tied.isEmpty {
                    out.say(out.text(.init(fr: "Égalité pour les derniers sièges, à départager : {c}", en: "Tied for the last seats, to be settled: {c}"),
                                     ["c": .text(names(tied))]))
                }
            case .ranked:
                for (r, round) in (q.rounds ?? []).enumerated() {
                    let counts = round.counts.enumerated().map { "\(name($0.offset)) \($0.element)" }.joined(separator: ", ")
                    var line = out.text(.init(fr: "Tour {n} : {counts} ; épuisés {x}", en: "Round {n}: {counts}; exhausted {x}"),
                                        ["n": .integer(Int64(r + 1)), "counts": .text(counts), "x": .integer(Int64(round.exhausted))])
                    if let eliminated = round.eliminated {
                        line += out.text(.init(fr: " — éliminé : {c}", en: " — eliminated: {c}"), ["c": .text(name(eliminated))])
                        if let tieBreak = round.tieBreak {
                            line += " (" + out.text(tieBreak == .firstPreferences
                                                    ? .init(fr: "départage aux premières préférences", en: "tie broken on first preferences")
                                                    : .init(fr: "départage à l’ordre de la liste", en: "tie broken on list order")) + ")"
                        }
                    }
                    out.say(line)
                }
                out.say(q.winner.map { out.text(.init(fr: "Élu : {c}", en: "Winner: {c}"), ["c": .text(name($0))]) }
                        ?? out.text(.init(fr: "Aucun gagnant.", en: "No winner.")))
            }
        }
    }

    /// Reads a file named on the command line; a missing or unreadable one is a refusal, not a crash.
    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CoopError.votingFileUnreadable(path)
        }
    }
}

extension GlobalOptions {
    /// Runs `body` without opening any database (`election verify`, `vote check`, `vote cast --server`);
    /// a refusal prints one localized line on stderr and exits 1, as `run` does.
    func runWithoutDatabase(_ body: (Output) async throws -> Void) async throws {
        let output = self.output
        do {
            try await body(output)
        } catch let error as CoopError {
            output.fail(error.message(language))
        } catch let failure as VerificationFailure {
            output.fail(failure.message(language))
        }
    }
}

extension CoopError {
    static func votingFileUnreadable(_ path: String) -> CoopError {
        CoopError(.notFound, "file.unreadable", ["file": .text(path)],
                  fr: "Impossible de lire le fichier {file}.", en: "Cannot read the file {file}.")
    }
}
