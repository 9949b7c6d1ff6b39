import CoopCore
import Foundation

/// A notice as an Internet message (RFC 5322, MIME): plain text and HTML alternatives in UTF-8.
struct MailMessage: Sendable {
    let from: String
    let fromName: String
    let to: String
    let subject: String
    let text: String
    let html: String
    /// Stable per notice (`<coop.…@domain>`): a second delivery of the same notice after a crash carries
    /// the same id, so the receiving server or the member can tell it is a duplicate.
    let messageID: String
    let date: Instant
    /// The opt-out link, also given as `List-Unsubscribe` for mail programs that show a button.
    let unsubscribe: String?

    /// The id of the notice with this outbox key, for mail sent from `from`.
    static func messageID(key: String, from: String) -> String {
        "<coop.\(SHA256.hex(key).prefix(32))@\(MailAddress.domain(from))>"
    }

    /// The message's bytes, with CRLF line ends.
    var bytes: [UInt8] {
        let boundary = "coop-alt-\(SHA256.hex(messageID).prefix(24))"
        var headers = [
            "From: \(Self.encodedWord(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        if let unsubscribe {
            // RFC 8058: a mail program's "unsubscribe" button posts to the link, no page needed.
            headers += ["List-Unsubscribe: <\(unsubscribe)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        var lines = headers + [""]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(Array(body.utf8))
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A header text as an RFC 2047 encoded word when it is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// Base64 in lines of 76 characters, as MIME wants.
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let encoded = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// `Thu, 03 Dec 2026 14:30:00 +0000`.
    static func rfc5322Date(_ instant: Instant) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: instant.date)
    }
}
