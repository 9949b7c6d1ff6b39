import CoopCore
import Foundation
import Testing
@testable import Notifications

/// The template files: one per kind and language, each rendering with the values its domain writes,
/// escaped in HTML, with no placeholder left unfilled.
@Suite struct NoticeTemplateTests {
    static let zone = TimeZone(identifier: "America/Toronto")!

    /// The values each domain writes for its kind (see LendingNotices, MembershipNotices, OrdersNotices,
    /// VotingService.issueCredentials).
    static func values(_ kind: NoticeKind) -> [String: NoticeValue] {
        let day = LocalDate(year: 2026, month: 12, day: 10)!
        let at = Instant.parse("2026-12-10T20:00:00-05:00", timeZone: zone)!
        let lines: NoticeValue = .lines([["name": .text("Pommes Cortland"), "quantity": .decimal("2.5"), "unit": .text("kg"), "amount": .money(Money(cents: 1125))]])
        switch kind {
        case .loanDueTomorrow: return ["item": .text("Perceuse"), "code": .text("OUT-0001"), "due": .date(day)]
        case .loanOverdue: return ["item": .text("Perceuse"), "code": .text("OUT-0001"), "due": .date(day), "days": .days(7), "fee": .money(Money(cents: 700))]
        case .holdReady: return ["item": .text("Perceuse"), "code": .text("OUT-0001"), "until": .date(day)]
        case .reservationTomorrow: return ["item": .text("Scie"), "code": .text("OUT-0002"), "from": .date(day), "to": .date(day.adding(days: 2))]
        case .membershipEnding, .membershipEnded: return ["ends": .date(day)]
        case .cycleOpen: return ["cycle": .text("Semaine 50"), "closes": .instant(at), "pickup": .date(day)]
        case .cycleClosing: return ["cycle": .text("Semaine 50"), "closes": .instant(at)]
        case .invoiceIssued: return ["number": .text("F-2026-00001"), "date": .date(day), "total": .money(Money(cents: 1125)), "lines": lines]
        case .creditNoteIssued:
            return ["number": .text("F-2026-00002"), "invoice": .text("F-2026-00001"), "date": .date(day), "total": .money(Money(cents: 1125)),
                    "reason": .text("Pommes abîmées"), "lines": lines]
        case .electionCredential:
            return ["election": .text("ag-2026"), "title": .text("Assemblée générale"), "opens": .instant(at), "closes": .instant(at.adding(seconds: 86_400))]
        }
    }

    static func frame(_ kind: NoticeKind) -> NoticeFrame {
        NoticeFrame(firstName: "Élise", lastName: "Roy", coop: "Outils partagés", coopAddress: ["12 rue Principale", "Montréal QC"],
                    link: "https://outils.example.org/me", optOut: kind.topic.map { _ in "https://outils.example.org/notices/opt-out?x=1" },
                    code: kind == .electionCredential ? "ABCD-EFGH-JKLM-NPQR" : nil)
    }

    @Test func everyKindHasATemplateInBothLanguages() throws {
        let templates = try NoticeTemplates()
        let expected = NoticeKind.allCases.flatMap { kind in Language.allCases.map { "\(kind.rawValue).\($0.rawValue)" } }
        #expect(templates.templateNames == expected.sorted())
    }

    @Test(arguments: NoticeKind.allCases) func everyKindRendersInBothLanguagesWithNothingLeftUnfilled(_ kind: NoticeKind) throws {
        let templates = try NoticeTemplates()
        for language in Language.allCases {
            let message = try templates.render(kind, language, values: Self.values(kind), frame: Self.frame(kind), timeZone: Self.zone)
            for part in [message.subject, message.text, message.html] {
                #expect(!part.contains("{{") && !part.contains("}}"), "\(kind) \(language): \(part)")
            }
            #expect(message.subject.hasPrefix("Outils partagés"), "\(kind) \(language)")
            #expect(message.text.contains(language == .fr ? "Bonjour Élise" : "Hello Élise"))
            #expect(message.text.contains("12 rue Principale"))
            #expect(message.html.hasPrefix("<!DOCTYPE html>") && message.html.contains("lang=\"\(language.rawValue)\""))
            if kind.topic == nil {
                #expect(message.text.contains(NoticeText.cannotDecline.render(language)))
            } else {
                #expect(message.text.contains("https://outils.example.org/notices/opt-out?x=1"))
            }
        }
    }

    @Test func valuesAreWrittenTheMemberLanguageWay() throws {
        let templates = try NoticeTemplates()
        let fr = try templates.render(.loanOverdue, .fr, values: Self.values(.loanOverdue), frame: Self.frame(.loanOverdue), timeZone: Self.zone)
        let en = try templates.render(.loanOverdue, .en, values: Self.values(.loanOverdue), frame: Self.frame(.loanOverdue), timeZone: Self.zone)
        #expect(fr.text.contains("7,00 $") && fr.text.contains("7 jours") && fr.text.contains("10 décembre 2026"))
        #expect(en.text.contains("$7.00") && en.text.contains("7 days") && en.text.contains("December 10, 2026"))
        let invoice = try templates.render(.invoiceIssued, .fr, values: Self.values(.invoiceIssued), frame: Self.frame(.invoiceIssued), timeZone: Self.zone)
        #expect(invoice.text.contains("- Pommes Cortland : 2,5 kg, 11,25 $"))
        #expect(invoice.html.contains("<li>Pommes Cortland : 2,5 kg, 11,25 $</li>"))
    }

    @Test func valuesAreEscapedInHTMLButNotInText() throws {
        var values = Self.values(.holdReady)
        values["item"] = .text("Scie <sauteuse> & \"lame\"")
        let message = try NoticeTemplates().render(.holdReady, .fr, values: values, frame: Self.frame(.holdReady), timeZone: Self.zone)
        #expect(message.html.contains("Scie &lt;sauteuse&gt; &amp; &quot;lame&quot;"))
        #expect(!message.html.contains("<sauteuse>"))
        #expect(message.text.contains("Scie <sauteuse> & \"lame\""))
    }

    @Test func aNoticeWithoutAValueItsTemplateNeedsIsRefused() throws {
        var values = Self.values(.holdReady)
        values["until"] = nil
        #expect(throws: NoticeTemplates.RenderError.missingValue(template: "hold_ready.fr", name: "until")) {
            try NoticeTemplates().render(.holdReady, .fr, values: values, frame: Self.frame(.holdReady), timeZone: Self.zone)
        }
    }

    @Test func theCredentialCodeIsInTheMessage() throws {
        let message = try NoticeTemplates().render(.electionCredential, .en, values: Self.values(.electionCredential),
                                                   frame: Self.frame(.electionCredential), timeZone: Self.zone)
        #expect(message.text.contains("ABCD-EFGH-JKLM-NPQR") && message.html.contains("ABCD-EFGH-JKLM-NPQR"))
    }
}
