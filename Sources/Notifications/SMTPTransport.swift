import CCurl
import CoopCore
import Foundation
import Synchronization

/// How one delivery attempt ended.
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    /// Worth trying again later: the server said 4xx, or could not be reached, or timed out.
    case temporary(String)
    /// Will never work as is: the server said 5xx (no such mailbox, refused), or the address is bad.
    case permanent(String)
}

/// Sends a message through the co-op's SMTP server: what the delivery needs, so tests can also
/// count what it was asked to do.
public protocol MailTransport: Sendable {
    func send(_ message: [UInt8], from: String, to: String) async -> DeliveryOutcome
}

/// libcurl's SMTP client (STARTTLS or implicit TLS, AUTH PLAIN/LOGIN), one connection kept open
/// between messages, on a thread of its own so a slow server never blocks the HTTP server's threads.
///
/// `smtp://` to another machine requires STARTTLS (a server that does not offer it is refused, so a
/// password never travels in clear); to this machine (a local relay, the tests' server) it uses
/// STARTTLS if offered. `smtps://` is TLS from the first byte.
public final class SMTPTransport: MailTransport, @unchecked Sendable {
    private let url: String
    private let requireTLS: Bool
    private let queue = DispatchQueue(label: "coop.smtp")
    /// Touched only on `queue`.
    private var handle: UnsafeMutableRawPointer?

    private static let initialized: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    public init(url: String) {
        _ = Self.initialized
        self.url = url
        let host = URLComponents(string: url)?.host ?? ""
        requireTLS = url.hasPrefix("smtps://") || !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
    }

    deinit { if let handle { curl_easy_cleanup(handle) } }

    public func send(_ message: [UInt8], from: String, to: String) async -> DeliveryOutcome {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.perform(message, from: from, to: to)) }
        }
    }

    /// What one transfer reads and what it heard, reached from curl's C callbacks.
    private final class Transfer {
        let bytes: [UInt8]
        var offset = 0
        /// The server's first 4xx or 5xx reply.
        var lastReply = ""
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private func perform(_ message: [UInt8], from: String, to: String) -> DeliveryOutcome {
        if handle == nil { handle = curl_easy_init() }
        guard let curl = handle else { return .temporary("libcurl could not start") }
        let transfer = Transfer(message)
        let box = Unmanaged.passRetained(transfer)
        defer { box.release() }
        let recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(to)>")
        defer { curl_slist_free_all(recipients) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let result: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            coop_curl_set_string(curl, CURLOPT_URL, url)
            coop_curl_set_string(curl, CURLOPT_MAIL_FROM, "<\(from)>")
            coop_curl_set_pointer(curl, CURLOPT_MAIL_RCPT, recipients)
            coop_curl_set_long(curl, CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
            coop_curl_set_long(curl, CURLOPT_UPLOAD, 1)
            coop_curl_set_long(curl, CURLOPT_INFILESIZE, message.count)
            coop_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, 10)
            coop_curl_set_long(curl, CURLOPT_TIMEOUT, 60)
            coop_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
            coop_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, errors.baseAddress)
            coop_curl_set_pointer(curl, CURLOPT_READDATA, box.toOpaque())
            coop_curl_set_read_function(curl) { buffer, size, count, userdata in
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata!).takeUnretainedValue()
                let n = min(size * count, transfer.bytes.count - transfer.offset)
                guard n > 0, let buffer else { return 0 }
                transfer.bytes.withUnsafeBufferPointer { source in
                    UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + transfer.offset, byteCount: n)
                }
                transfer.offset += n
                return n
            }
            // The server's replies, to name its reason when it refuses (`550 5.1.1 No such user`).
            coop_curl_set_long(curl, CURLOPT_VERBOSE, 1)
            coop_curl_set_pointer(curl, CURLOPT_DEBUGDATA, box.toOpaque())
            coop_curl_set_debug_function(curl) { _, type, data, size, userdata in
                guard type == CURLINFO_HEADER_IN, let data, let userdata else { return 0 }
                let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                // The first refusal (4xx/5xx) is the reason; what follows it is the goodbye (`221 Bye`).
                let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
                if transfer.lastReply.isEmpty, line.first == "4" || line.first == "5" { transfer.lastReply = line }
                return 0
            }
            return curl_easy_perform(curl)
        }
        var reply = 0
        coop_curl_response_code(curl, &reply)
        if result == CURLE_OK { return .sent }
        let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The server's own words when it answered 4xx/5xx; otherwise what libcurl saw (refused, timed out…).
        let reason = (400..<600).contains(reply) && !transfer.lastReply.isEmpty
            ? transfer.lastReply
            : (detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail)
        // The connection may be half-closed after a failure: start the next message on a new one.
        curl_easy_cleanup(curl)
        handle = nil
        switch reply {
        case 400..<500: return .temporary(reason)
        case 500..<600: return .permanent(reason)
        default: break
        }
        switch result {
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_LOGIN_DENIED, CURLE_USE_SSL_FAILED:
            return .permanent(reason)
        default:
            // Cannot connect, name not found, timed out, connection dropped: the server may be back later.
            return .temporary(reason)
        }
    }
}
