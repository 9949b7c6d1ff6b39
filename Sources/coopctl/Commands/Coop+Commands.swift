import ArgumentParser
import CoopCore
import Foundation
import Membership

/// `coopctl coop show|set`: the co-op's profile, printed on its invoices and statements (its name,
/// postal address, GST and QST registration numbers).
struct CoopProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coop", abstract: "The co-op's name, address and tax numbers. / Nom, adresse et numéros de taxes de la coopérative.",
        subcommands: [Show.self, Change.self])

    static func print(_ profile: CoopProfile, _ out: Output) throws {
        if out.json { return try out.printJSON(profile) }
        let none = out.text(.init(fr: "(aucun)", en: "(none)"))
        out.say(out.text(.init(fr: "Nom : {name}", en: "Name: {name}"), ["name": .text(profile.name)]))
        if profile.addressLines.isEmpty {
            out.say(out.text(.init(fr: "Adresse : {address}", en: "Address: {address}"), ["address": .text(none)]))
        } else {
            out.say(out.text(.init(fr: "Adresse :", en: "Address:")))
            for line in profile.addressLines { out.say("  " + line) }
        }
        out.say(out.text(.init(fr: "Numéro de TPS/TVH : {number}", en: "GST/HST number: {number}"), ["number": .text(profile.gstNumber ?? none)]))
        out.say(out.text(.init(fr: "Numéro de TVQ : {number}", en: "QST number: {number}"), ["number": .text(profile.qstNumber ?? none)]))
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the co-op's profile. / Afficher le profil de la coopérative.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.run { session in try CoopProfileCommand.print(try await session.coop.membership.coopProfile(), session.output) }
        }
    }

    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change the co-op's profile; the options left out stay, an empty value removes the address or a number. / Changer le profil.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The co-op's name as printed (at most 100 characters).") var name: String?
        @Option(help: "The postal address, one line per line (in a shell: $'12 rue X\\nMontréal QC'); at most 300 characters.")
        var address: String?
        @Option(name: .customLong("gst-number"), help: "GST/HST registration number, 123456789RT0001.") var gstNumber: String?
        @Option(name: .customLong("qst-number"), help: "QST registration number, 1234567890TQ0001.") var qstNumber: String?

        func validate() throws {
            guard name != nil || address != nil || gstNumber != nil || qstNumber != nil else {
                throw UsageError.invalid(.init(fr: "Donnez au moins une option : --name, --address, --gst-number ou --qst-number.",
                                               en: "Give at least one option: --name, --address, --gst-number or --qst-number."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let changes = CoopProfileChanges(name: name, address: address, gstNumber: gstNumber, qstNumber: qstNumber)
                try CoopProfileCommand.print(try await session.coop.membership.updateCoopProfile(changes), session.output)
            }
        }
    }
}
