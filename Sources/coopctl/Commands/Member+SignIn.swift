import ArgumentParser
import CoopCore
import Membership

extension MemberCommand {
    /// `coopctl member sign-in-code M-0001`: the one-time code a member signs in to the web pages with
    /// the first time (then they choose a password on their page).
    struct SignInCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in-code",
            abstract: "A one-time code to sign in to the web pages. / Un code à usage unique pour se connecter aux pages web.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String

        func run() async throws {
            try await global.run { session in
                let issued = try await session.coop.signIn.issueCode(member: number)
                let out = session.output
                if out.json { return try out.printJSON(issued) }
                out.say(out.text(.init(fr: "Code de connexion de {member} : {code}", en: "Sign-in code for {member}: {code}"),
                                 ["member": .text(issued.member), "code": .text(issued.code)]))
                out.say(out.text(.init(fr: "Valable une fois, jusqu’au {until}, avec l’adresse courriel du membre sur la page /login.",
                                       en: "Good once, until {until}, with the member's e-mail address on the /login page."),
                                 ["until": .instant(issued.expiresAt, session.coop.context.timeZone)]))
            }
        }
    }

    /// `coopctl member web-role M-0001 staff`: what a member may do once signed in to the web pages
    /// (`staff` opens the desk screens).
    struct WebRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "web-role",
            abstract: "Set a member's role on the web pages (member, staff, admin). / Rôle d’un membre sur les pages web.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Argument(help: "member | staff | admin (membre, personnel, administrateur)") var role: String

        func run() async throws {
            try await global.run { session in
                let role = try Role(parsing: role)
                try await session.coop.signIn.setRole(member: number, role: role)
                let out = session.output
                if out.json { return try out.printJSON(["member": MembershipService.normalizedNumber(number), "role": role.rawValue]) }
                out.say(out.text(.init(fr: "{member} se connecte désormais comme « {role} ».", en: "{member} now signs in as {role}."),
                                 ["member": .text(MembershipService.normalizedNumber(number)), "role": .localized(role.label, code: role.rawValue)]))
            }
        }
    }
}
