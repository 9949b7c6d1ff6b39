import ArgumentParser
import CoopCore
import Foundation
import Voting
#if canImport(Glibc)
import Glibc
#endif

/// `coopctl teller …`: a secret election's tellers. Each makes its key on its own machine (the private
/// part never leaves it), the secretary registers the public part on the draft, and after close each
/// teller verifies the board and posts its decryption of the encrypted sums.
struct TellerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teller", abstract: "Tellers of a secret election: key, registration, decryption. / Scrutateurs d’un scrutin secret.",
        subcommands: [Keygen.self, Register.self, Decrypt.self])

    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make your teller key for a secret election, on your own machine. / Créer sa clé de scrutateur.",
            discussion: """
                Writes FILE (your private key, sealed with your passphrase: keep it, and a copy on a USB key in a safe place; \
                without it the election cannot be counted) and FILE.pub (the public part: give it to the secretary, who runs \
                `coopctl teller register`). The passphrase is read from COOP_TELLER_PASSPHRASE when set, else asked twice.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The secret election's id, e.g. E-0001.") var election: String
        @Option(help: "The key file to write; FILE.pub is written beside it.") var out: String
        @Option(help: "Read the election from this coop-api (http://host:port) instead of the local database.") var server: String?

        func run() async throws {
            let id = VotingService.normalizedID(election)
            let write = { (election: Election, output: Output) throws in
                guard !FileManager.default.fileExists(atPath: out), !FileManager.default.fileExists(atPath: out + ".pub") else {
                    throw CoopError.tellerFileExists(out)
                }
                try TellerKey.requireSecret(election)
                let passphrase = try TellerCommand.passphrase(output, confirm: true)
                let key = try TellerKey.generate(election: election.id, salt: election.salt)
                try TellerCommand.write(key.fileJSON(passphrase: passphrase), to: out, private: true)
                try TellerCommand.write(key.publicJSON, to: out + ".pub", private: false)
                if output.json { return try output.printJSON(["election": election.id, "key": out, "public": out + ".pub", "share": key.share.hex]) }
                output.say(output.text(.init(fr: "Clé de scrutateur du scrutin {id} écrite dans {file} (gardez-la, avec une copie en lieu sûr).",
                                       en: "Teller key for election {id} written to {file} (keep it, with a copy in a safe place)."),
                                 ["id": .text(election.id), "file": .text(out)]))
                output.say(output.text(.init(fr: "Donnez {pub} au secrétariat, qui l’inscrit avec : coopctl teller register {id} {pub}",
                                       en: "Give {pub} to the secretary, who registers it with: coopctl teller register {id} {pub}"),
                                 ["id": .text(election.id), "pub": .text(out + ".pub")]))
            }
            if let server {
                let url = try VotingClient.serverURL(server)
                return try await global.runWithoutDatabase { output in
                    try write(try await VotingClient(server: url, language: output.language).election(id), output)
                }
            }
            try await global.run { session in try write(try await session.coop.voting.election(id), session.output) }
        }

    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a teller's public key to a secret draft election. / Inscrire un scrutateur.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var election: String
        @Argument(help: "The teller's FILE.pub.") var file: String

        func run() async throws {
            try await global.run { session in
                let json = try CanonicalJSON.parse(try VotingOutput.read(file))
                let tellers = try await session.coop.voting.registerTeller(election, publicKey: json)
                let out = session.output
                if out.json { return try out.printJSON(tellers) }
                out.say(out.text(.init(fr: "Scrutateur n° {n} inscrit au scrutin {id}.", en: "Teller {n} registered in election {id}."),
                                 ["n": .integer(Int64(tellers.count)), "id": .text(VotingService.normalizedID(election))]))
                out.table([.init(fr: "N°", en: "No."), .init(fr: "Clé publique", en: "Public key")],
                          tellers.enumerated().map { [String($0.offset + 1), $0.element.key] })
            }
        }
    }

    struct Decrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a closed secret election's board and post your decryption of its sums. / Déchiffrer les sommes.",
            discussion: """
                Downloads the board (from --server, else the local database), verifies all of it (every signature and proof, \
                and that the published encrypted sums are those of the counted ballots), and only then decrypts those sums \
                with your key and posts the factors with their proofs. Nothing is decrypted if the board does not verify. \
                With --server, the token in COOP_TOKEN (any member's) is sent. The last teller's decryption publishes the result.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Election id, e.g. E-0001.") var election: String
        @Option(help: "Your teller key file (from `teller keygen`).") var key: String
        @Option(help: "Work against this coop-api (http://host:port) instead of the local database.") var server: String?

        func run() async throws {
            let id = VotingService.normalizedID(election)
            let decrypt = { (board: Data, out: Output) throws -> DecryptionEvent in
                let file = try CanonicalJSON.parse(try VotingOutput.read(key))
                let teller = try TellerKey(file: file, passphrase: try TellerCommand.passphrase(out, confirm: false))
                let progress = Output.progress(label: out.text(.init(fr: "Bulletins vérifiés", en: "Ballots verified")))
                return try teller.decryption(of: board, progress: progress)
            }
            if let server {
                let url = try VotingClient.serverURL(server)
                return try await global.runWithoutDatabase { out in
                    let client = VotingClient(server: url, language: out.language)
                    let decryption = try decrypt(try await client.board(id), out)
                    let token = ProcessInfo.processInfo.environment["COOP_TOKEN"] ?? ""
                    try TellerCommand.printReceipt(try await client.postDecryption(decryption, election: id, token: token), out)
                }
            }
            try await global.run { session in
                let decryption = try decrypt(try await session.coop.voting.boardJSON(id), session.output)
                try TellerCommand.printReceipt(try await session.coop.voting.postDecryption(id, decryption.json), session.output)
            }
        }
    }

    static func printReceipt(_ receipt: DecryptionReceipt, _ out: Output) throws {
        if out.json { return try out.printJSON(receipt) }
        out.say(out.text(.init(fr: "Déchiffrement du scrutateur n° {n} publié au registre (événement {seq}).",
                               en: "Teller {n}'s decryption published on the board (event {seq})."),
                         ["n": .integer(Int64(receipt.teller)), "seq": .integer(Int64(receipt.seq))]))
        if receipt.remaining.isEmpty {
            out.say(out.text(.init(fr: "C’était le dernier : le résultat est publié (coopctl election tally {id} l’affiche).",
                                   en: "That was the last one: the result is published (coopctl election tally {id} shows it)."),
                             ["id": .text(receipt.election)]))
        } else {
            out.say(out.text(.init(fr: "Il reste à déchiffrer : scrutateurs n° {list}.", en: "Still to decrypt: tellers {list}."),
                             ["list": .text(receipt.remaining.map(String.init).joined(separator: ", "))]))
        }
    }

    /// The teller's passphrase: COOP_TELLER_PASSPHRASE, else asked on the terminal without echo
    /// (twice when making a key).
    static func passphrase(_ out: Output, confirm: Bool) throws -> String {
        if let value = ProcessInfo.processInfo.environment["COOP_TELLER_PASSPHRASE"] { return value }
        guard isatty(0) == 1 || FileManager.default.isReadableFile(atPath: "/dev/tty") else { throw CoopError.noPassphrase() }
        func ask(_ prompt: LocalizedText) -> String {
            guard let typed = getpass(out.text(prompt)) else { return "" }
            return String(cString: typed)
        }
        let first = ask(.init(fr: "Phrase de passe de la clé (au moins 12 caractères) : ", en: "Key passphrase (at least 12 characters): "))
        if confirm, ask(.init(fr: "La même, encore une fois : ", en: "The same again: ")) != first { throw CoopError.passphrasesDiffer() }
        return first
    }

    static func write(_ json: JSONValue, to path: String, private: Bool) throws {
        let created = FileManager.default.createFile(atPath: path, contents: CanonicalJSON.data(json),
                                                     attributes: [.posixPermissions: `private` ? 0o600 : 0o644])
        guard created else { throw CoopError.tellerFileExists(path) }
    }
}

extension CoopError {
    static func tellerFileExists(_ path: String) -> CoopError {
        CoopError(.conflict, "teller.file_exists", ["path": .text(path)],
                  fr: "{path} (ou {path}.pub) existe déjà, ou ne peut pas être écrit : choisissez un autre nom, rien n’a été écrasé.",
                  en: "{path} (or {path}.pub) already exists or cannot be written: choose another name, nothing was overwritten.")
    }

    static func noPassphrase() -> CoopError {
        CoopError(.invalid, "teller.no_passphrase",
                  fr: "Aucune phrase de passe : lancez la commande dans un terminal, ou donnez-la dans COOP_TELLER_PASSPHRASE.",
                  en: "No passphrase: run the command in a terminal, or give it in COOP_TELLER_PASSPHRASE.")
    }

    static func passphrasesDiffer() -> CoopError {
        CoopError(.invalid, "teller.passphrases_differ",
                  fr: "Les deux phrases de passe diffèrent : rien n’a été écrit.", en: "The two passphrases differ: nothing was written.")
    }
}
