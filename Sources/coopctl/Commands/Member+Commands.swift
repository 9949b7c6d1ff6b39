import ArgumentParser
import CoopCore
import Foundation
import Membership

/// `coopctl member …`: the member register.
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Members. / Membres.",
        subcommands: [Add.self, List.self, Find.self, Show.self, Update.self, Renew.self, Suspend.self, Reinstate.self,
                      Import.self, Export.self, ExportData.self, Anonymize.self, SignInCode.self, WebRole.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Numéro", en: "Number"), .init(fr: "Nom", en: "Name"), .init(fr: "Courriel", en: "Email"),
        .init(fr: "Catégorie", en: "Category"), .init(fr: "Formule", en: "Plan"), .init(fr: "Statut", en: "Status"),
        .init(fr: "Fin d’adhésion", en: "Membership ends"),
    ]

    static func row(_ m: Member, _ out: Output) -> [String] {
        [m.number, "\(m.firstName) \(m.lastName)", m.email ?? "", m.category.label.render(out.language), m.plan ?? "",
         m.status.label.render(out.language), m.membershipEnds?.iso8601 ?? ""]
    }

    /// Prints one member: JSON object, or a short card for people.
    static func show(_ m: Member, _ out: Output) throws {
        if out.json { return try out.printJSON(m) }
        out.table(headers, [row(m, out)])
        if let reason = m.suspensionReason {
            out.say(out.text(.init(fr: "Motif de suspension : {reason}", en: "Suspension reason: {reason}"), ["reason": .text(reason)]))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a member. / Inscrire un membre.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("first-name")) var firstName: String
        @Option(name: .customLong("last-name")) var lastName: String
        @Option var email: String
        @Option var phone: String?
        @Option(help: "fr or en.") var language: String?
        @Option(help: "user, worker or supporting (membre utilisateur, membre travailleur, membre de soutien); default user.")
        var category: String?
        @Option(help: "Name of the membership plan.") var plan: String?
        @Option(name: .customLong("share-capital"), help: "Share capital paid, e.g. 10.00.") var shareCapital: String?

        func run() async throws {
            try await global.run { session in
                let input = NewMember(
                    firstName: firstName, lastName: lastName, email: email, phone: phone,
                    language: try language.map(Language.init(memberLanguage:)), category: try category.map(MemberCategory.init(parsing:)),
                    plan: plan, shareCapital: try shareCapital.map { try Money(parsing: $0, field: "shareCapital") })
                let member = try await session.coop.membership.addMember(input)
                if session.output.json { return try session.output.printJSON(member) }
                session.output.say(session.output.text(.init(fr: "Membre {number} inscrit.", en: "Member {number} registered."), ["number": .text(member.number)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List members. / Lister les membres.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only members with this status: active, expired or suspended (actif, échu, suspendu).") var status: String?

        func run() async throws {
            try await global.run { session in
                var members = try await session.coop.membership.allMembers()
                if let status {
                    let wanted = try MemberStatus(words: status, field: "status")
                    members = members.filter { $0.status == wanted }
                }
                if session.output.json { return try session.output.printJSON(members) }
                session.output.table(MemberCommand.headers, members.map { MemberCommand.row($0, session.output) })
            }
        }
    }

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find members by name, e-mail or phone. / Trouver des membres par nom, courriel ou téléphone.",
            discussion: "Accents and case are ignored: helene finds Hélène Côté; 514 555 finds (514) 555-0150.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Part of a name, an e-mail or a phone number; several words are one search.") var text: [String]

        func run() async throws {
            try await global.run { session in
                let query = text.joined(separator: " ")
                var members: [Member] = []
                var page = PageRequest(limit: PageRequest.maxLimit)
                while true {
                    let found = try await session.coop.membership.findMembers(query, page: page)
                    members += found.items
                    guard let next = found.next else { break }
                    page = try PageRequest(limit: String(PageRequest.maxLimit), cursor: next)
                }
                if session.output.json { return try session.output.printJSON(members) }
                if members.isEmpty {
                    return session.output.say(session.output.text(.init(fr: "Aucun membre ne correspond à « {text} ».",
                                                                        en: "No member matches \"{text}\"."), ["text": .text(query)]))
                }
                session.output.table(MemberCommand.headers, members.map { MemberCommand.row($0, session.output) })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a member. / Afficher un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member number, e.g. M-0001.") var number: String

        func run() async throws {
            try await global.run { session in
                try MemberCommand.show(try await session.coop.membership.member(number), session.output)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a member's details. / Modifier un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option(name: .customLong("first-name")) var firstName: String?
        @Option(name: .customLong("last-name")) var lastName: String?
        @Option var email: String?
        @Option var phone: String?
        @Option(help: "fr or en.") var language: String?
        @Option(help: "user, worker or supporting (membre utilisateur, membre travailleur, membre de soutien).") var category: String?
        @Option(help: "Plan name; an empty string removes the plan.") var plan: String?
        @Option(name: .customLong("share-capital")) var shareCapital: String?

        func run() async throws {
            try await global.run { session in
                let changes = MemberChanges(
                    firstName: firstName, lastName: lastName, email: email, phone: phone,
                    language: try language.map(Language.init(memberLanguage:)), category: try category.map(MemberCategory.init(parsing:)),
                    plan: plan, shareCapital: try shareCapital.map { try Money(parsing: $0, field: "shareCapital") })
                try MemberCommand.show(try await session.coop.membership.updateMember(number, changes), session.output)
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the plan fee and extend the membership. / Renouveler.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String

        func run() async throws {
            try await global.run { session in
                let member = try await session.coop.membership.renew(number)
                if session.output.json { return try session.output.printJSON(member) }
                session.output.say(session.output.text(.init(fr: "Adhésion de {number} renouvelée jusqu’au {date}.", en: "Membership of {number} renewed until {date}."),
                                                       ["number": .text(member.number), "date": .text(member.membershipEnds?.iso8601 ?? "")]))
            }
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend a member. / Suspendre un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option var reason: String

        func run() async throws {
            try await global.run { session in
                try MemberCommand.show(try await session.coop.membership.suspend(number, reason: reason), session.output)
            }
        }
    }

    struct Reinstate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a suspension. / Lever une suspension.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option var reason: String?

        func run() async throws {
            try await global.run { session in
                try MemberCommand.show(try await session.coop.membership.reinstate(number, reason: reason), session.output)
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import members from CSV, all or nothing. / Importer des membres (tout ou rien).",
            discussion: "Columns: first_name,last_name,email[,phone,language,category,plan]")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "CSV file.") var file: String

        func run() async throws {
            try await global.run { session in
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let members = try await session.coop.membership.importMembers(csv: data, source: (file as NSString).lastPathComponent)
                if session.output.json { return try session.output.printJSON(members) }
                session.output.say(session.output.text(.init(fr: "{count}.", en: "{count}."),
                                                       ["count": .count(.integer(Int64(members.count)), Plural(fr: "membre importé", "membres importés",
                                                                                                      en: "member imported", "members imported"))]))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export all members as CSV. / Exporter les membres en CSV.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await global.run { session in
                let csv = try await session.coop.membership.exportMembersCSV()
                if let output {
                    try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(Data(csv.utf8))
                }
            }
        }
    }

    struct ExportData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-data", abstract: "Everything Coop holds about a member, as JSON. / Données personnelles d’un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String

        func run() async throws {
            try await global.run { session in
                try session.output.printJSON(try await session.coop.membership.personalData(number))
            }
        }
    }

    struct Anonymize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a member's name, email and phone, keeping the accounts. / Anonymiser un membre.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String

        func run() async throws {
            try await global.run { session in
                let member = try await session.coop.membership.anonymize(number)
                if session.output.json { return try session.output.printJSON(member) }
                session.output.say(session.output.text(.init(fr: "Membre {number} anonymisé.", en: "Member {number} anonymized."), ["number": .text(member.number)]))
            }
        }
    }
}
