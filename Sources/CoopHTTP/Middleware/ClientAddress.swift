import CoopCore
import Foundation
import HTTPTypes
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who a request comes from, for per-client limits.
///
/// Behind a reverse proxy every connection comes from the proxy, so one client's failed logins would
/// lock every member out. When the connection comes from an address the operator trusts as a proxy
/// (`COOP_TRUSTED_PROXIES`), the client is the right-most `X-Forwarded-For` entry that is not itself a
/// trusted proxy: that entry was written by a proxy we trust, where the entries to its left are
/// whatever the client sent and may be forged. Without trusted proxies the header is ignored.
public enum ClientAddress {
    public static func resolve(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
        let peer = canonical(peer)
        guard trusted.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { canonical(String($0)) }
            .filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? hops.first ?? peer
    }

    /// An IP address in its one standard spelling (`::FFFF:10.0.0.1` → `::ffff:10.0.0.1`,
    /// `0:0::1` → `::1`), so that lists and headers compare; other text trimmed as it is.
    public static func canonical(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var v4 = in_addr()
        if inet_pton(AF_INET, trimmed, &v4) == 1 { return spell(AF_INET, &v4, length: INET_ADDRSTRLEN) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, trimmed, &v6) == 1 { return spell(AF_INET6, &v6, length: INET6_ADDRSTRLEN) }
        return trimmed
    }

    public static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// `T` is `in_addr` or `in6_addr`: plain C structs, so their bytes are the address.
    private static func spell<T>(_ family: Int32, _ address: inout T, length: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(length))
        let spelt = withUnsafeBytes(of: &address) { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(length)) }
        guard spelt != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// `COOP_TRUSTED_PROXIES`: the addresses of the reverse proxies in front of coop-api, separated by
/// commas (`127.0.0.1,::1`). Each must be an IP address: a misspelt one would silently trust nothing.
public enum TrustedProxies {
    public static func parse(_ text: String?) throws -> Set<String> {
        guard let text else { return [] }
        var addresses: Set<String> = []
        for entry in text.split(separator: ",") {
            let entry = entry.trimmingCharacters(in: .whitespaces)
            guard ClientAddress.isAddress(entry) else { throw CoopError.invalidProxyAddress(entry) }
            addresses.insert(ClientAddress.canonical(entry))
        }
        return addresses
    }
}

extension CoopError {
    public static func invalidProxyAddress(_ text: String) -> CoopError {
        CoopError(.invalid, "config.invalid_proxy_address", field: "COOP_TRUSTED_PROXIES", ["value": .text(text)],
                  fr: "COOP_TRUSTED_PROXIES : « {value} » n’est pas une adresse IP.",
                  en: "COOP_TRUSTED_PROXIES: \"{value}\" is not an IP address.")
    }
}

extension HTTPField.Name {
    public static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
