import CoopCore
import Foundation
import Hummingbird
import Membership

/// hummingbird-auth's session storage over Coop's own database (`WebSessionRecords`, table
/// `web_sessions`), so that sessions survive a restart and need nothing beside the SQLite file.
/// Values are JSON; keys are stored only as their SHA-256.
struct WebSessionStore: PersistDriver {
    let records: WebSessionRecords

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        guard try await records.save(key: key, value: Array(try JSONEncoder().encode(value)), expiresIn: expires.map(Self.seconds),
                                     onlyIfNew: true)
        else { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await records.save(key: key, value: Array(try JSONEncoder().encode(value)), expiresIn: expires.map(Self.seconds))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        guard let (value, secondsLeft) = try await records.load(key: key) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: Data(value)) else { throw PersistError.invalidConversion }
        return (object, secondsLeft.map { .seconds($0) })
    }

    func remove(key: String) async throws {
        try await records.remove(key: key)
    }

    static func seconds(_ duration: Duration) -> Int64 { duration.components.seconds }
}
