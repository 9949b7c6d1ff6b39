import Coop
import CoopCore
import CoopTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real coop-api binary at start: `--help` exits 0 listing its options; a database it cannot open
/// and a port already taken each print one line in the operator's language and exit 1, never a crash.
@Suite struct StartupTests {
    /// The environment of the test minus what would steer coop-api, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["COOP_DB", "COOP_HOST", "COOP_PORT", "COOP_LANG", "LANG", "LC_ALL", "COOP_NOW", "COOP_LOG_LEVEL", "COOP_TRUSTED_PROXIES"] {
            environment[name] = nil
        }
        return environment.merging(extra) { _, new in new }
    }

    static func run(_ arguments: [String], _ extra: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try ChildProcess.run(CrashRecoveryTests.executable.path, arguments, environment: environment(extra))
        return (result.status, String(decoding: result.stdout, as: UTF8.self), String(decoding: result.stderr, as: UTF8.self))
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("coop-startup-\(UUID().uuidString)-\(name)").path
    }

    @Test func helpListsTheOptionsAndEnvironmentAndExitsZero() throws {
        let english = try Self.run(["--help"], ["LANG": "en_CA.UTF-8"])
        #expect(english.status == 0)
        #expect(english.stderr == "")
        #expect(english.stdout.hasPrefix("Usage: coop-api [--db PATH] [--host ADDRESS] [--port PORT]\n"))
        for word in ["--db PATH", "--host ADDRESS", "--port PORT", "-h, --help", "COOP_DB", "COOP_HOST", "COOP_PORT", "COOP_TZ",
                     "COOP_LANG", "COOP_TRUSTED_PROXIES", "COOP_LOG_LEVEL", "COOP_NOW"] {
            #expect(english.stdout.contains(word), "\(word) missing from --help")
        }
        // COOP_LANG wins over LANG, as for every message coop-api prints at start.
        let french = try Self.run(["-h"], ["COOP_LANG": "fr", "LANG": "en_CA.UTF-8"])
        #expect(french.status == 0)
        #expect(french.stdout.hasPrefix("Usage : coop-api [--db CHEMIN] [--host ADRESSE] [--port PORT]\n"))
        #expect(french.stdout.contains("Variables d’environnement :"))
        let unknown = try Self.run(["--verbose"], ["LANG": "en_CA.UTF-8"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "coop-api: unknown option --verbose (coop-api --help lists the options).\n")
    }

    @Test func aDatabaseItCannotOpenIsOneLocalizedLineAndExitOne() throws {
        let path = Self.temporaryPath("no-such-folder") + "/coop.sqlite"
        let french = try Self.run(["--db", path], ["LANG": "fr_CA.UTF-8"])
        #expect(french.status == 1)
        #expect(french.stderr == "coop-api : impossible d’ouvrir la base de données « \(path) » : son dossier existe-t-il, et peut-on y écrire ? (--db ou COOP_DB)\n")
        #expect(french.stdout == "")
        let english = try Self.run([], ["COOP_DB": path, "COOP_LANG": "en"])
        #expect(english.status == 1)
        #expect(english.stderr == "coop-api: cannot open the database \"\(path)\": does its folder exist, and can it be written to? (--db or COOP_DB)\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aPortAlreadyTakenIsOneLocalizedLineAndExitOne() async throws {
        // A schema already in place, so that the start logs nothing before it tries to listen.
        let path = Self.temporaryPath("coop.sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        _ = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: .gmt), as: .localOperator("test"))

        let socket = try ListeningSocket()
        defer { socket.close() }
        let english = try Self.run(["--db", path, "--host", "127.0.0.1", "--port", String(socket.port)], ["COOP_LANG": "en"])
        #expect(english.status == 1)
        #expect(english.stderr == "coop-api: port \(socket.port) is already in use on 127.0.0.1 (is another coop-api running?); pick another with --port or COOP_PORT.\n")
        let french = try Self.run(["--db", path], ["COOP_HOST": "127.0.0.1", "COOP_PORT": String(socket.port), "LANG": "fr_CA.UTF-8"])
        #expect(french.status == 1)
        #expect(french.stderr == "coop-api : le port \(socket.port) est déjà pris sur 127.0.0.1 (un autre coop-api tourne-t-il ?) ; choisissez-en un autre avec --port ou COOP_PORT.\n")
    }
}

/// A TCP socket listening on 127.0.0.1 on a port the system picked, holding it until closed.
struct ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            throw TestFailure("bind or listen failed")
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}
