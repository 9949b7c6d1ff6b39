import CoopCore
import Foundation

/// The kinds of event on an election's board, in the order they may appear.
public enum BoardEventType: String, Sendable, Codable, CaseIterable {
    /// The frozen election definition (`ElectionDefinition`); always seq 1.
    case setup
    /// The shuffled public credential list and its SHA-256; always seq 2.
    case credentials
    case open
    case ballot
    /// A lost credential revoked and its replacement added.
    case revoke
    case close
    /// A secret election's slot-wise sums of the counted ballots, right after `close`.
    case tally
    /// One secret-election teller's decryption factors of the `tally`, with their proofs.
    case decryption
    /// The result (`ElectionResult`); always last.
    case result
}

/// One link of the board's hash chain: `{"hash","payload","prev","seq","type"}`.
///
/// `hash` is the hex SHA-256 of the canonical JSON of `{"payload","prev","seq","type"}`; `prev` is the
/// previous event's hash, 64 zeros for the first; `seq` counts from 1.
public struct BoardEvent: Sendable, Equatable {
    /// Position on the board, from 1.
    public let seq: Int
    public let type: BoardEventType
    /// What the event says; its shape depends on `type`.
    public let payload: JSONValue
    /// The previous event's hash; `firstPrev` for seq 1.
    public let prev: String
    /// Hex SHA-256 of the canonical `{"payload","prev","seq","type"}`.
    public let hash: String

    /// The `prev` of the first event: 64 zeros.
    public static let firstPrev = String(repeating: "0", count: 64)

    /// A new event linked after `prev`, with its hash computed.
    init(seq: Int, type: BoardEventType, payload: JSONValue, prev: String) {
        self.seq = seq
        self.type = type
        self.payload = payload
        self.prev = prev
        hash = Self.hash(seq: seq, type: type.rawValue, payload: payload, prev: prev)
    }

    /// An event as stored or read, hash as given.
    init(seq: Int, type: BoardEventType, payload: JSONValue, prev: String, hash: String) {
        self.seq = seq
        self.type = type
        self.payload = payload
        self.prev = prev
        self.hash = hash
    }

    static func hash(seq: Int, type: String, payload: JSONValue, prev: String) -> String {
        hash(seq: seq, type: type, payloadBytes: CanonicalJSON.encode(payload), prev: prev)
    }

    /// The same hash around a payload already encoded: the canonical JSON of
    /// `{"payload","prev","seq","type"}` (keys already in sorted order) written by hand, so that a
    /// ballot is encoded once for both its tracker and its event's hash.
    static func hash(seq: Int, type: String, payloadBytes: [UInt8], prev: String) -> String {
        var covered: [UInt8] = []
        covered.reserveCapacity(payloadBytes.count + 160)
        covered.append(contentsOf: #"{"payload":"#.utf8)
        covered.append(contentsOf: payloadBytes)
        covered.append(contentsOf: #","prev":"#.utf8)
        CanonicalJSON.encodeString(prev, into: &covered)
        covered.append(contentsOf: #","seq":"#.utf8)
        covered.append(contentsOf: String(seq).utf8)
        covered.append(contentsOf: #","type":"#.utf8)
        CanonicalJSON.encodeString(type, into: &covered)
        covered.append(UInt8(ascii: "}"))
        return SHA256.hex(covered)
    }

    /// The event as exported: `{"hash","payload","prev","seq","type"}`.
    public var json: JSONValue {
        ["hash": .string(hash), "payload": payload, "prev": .string(prev), "seq": .integer(Int64(seq)), "type": .string(type.rawValue)]
    }

    /// The event as the public sees it while voting is open: a ballot shows only its tracker. Its hash
    /// cannot be recomputed from that view; it is checked once the full board is published after close.
    var redacted: BoardEvent {
        guard type == .ballot, payload["signature"] != nil else { return self }
        return BoardEvent(seq: seq, type: type, payload: ["tracker": .string(CanonicalJSON.sha256Hex(payload))], prev: prev, hash: hash)
    }
}

/// An election's board as exported: `{"events": [...]}`.
public struct Board: Sendable, Equatable {
    /// In seq order.
    public let events: [BoardEvent]

    /// A board made of these events, in order.
    public init(events: [BoardEvent]) { self.events = events }

    /// `{"events": [...]}`.
    public var json: JSONValue { ["events": .array(events.map(\.json))] }

    /// The canonical JSON text, for `coopctl election board --output` and `GET /elections/{id}/board`.
    public var jsonData: Data { CanonicalJSON.data(json) }

    /// The hash of the last event: a fingerprint of the whole history so far.
    public var head: String { events.last?.hash ?? BoardEvent.firstPrev }
}
