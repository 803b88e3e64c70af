import EngageDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where webhooks may go: https to public addresses only, unless private targets are allowed
/// (development and tests), which also allows plain http.
///
/// The host is resolved at delivery time and curl is pinned (CURLOPT_RESOLVE) to the address
/// that was checked, so a DNS answer that changes between check and connect cannot slip through.
public struct TargetPolicy: Sendable {
    public let allowPrivateTargets: Bool

    public init(allowPrivateTargets: Bool) {
        self.allowPrivateTargets = allowPrivateTargets
    }

    /// A target that passed: the address pins to give curl.
    public struct Target: Sendable, Equatable {
        public var pins: [String]
    }

    /// What can be told from the URL alone, when an endpoint is created or changed.
    public func subscriptionRefusal(_ url: String) -> String? {
        guard let (scheme, host, _) = Self.parts(url) else { return "must be an absolute http or https URL" }
        if allowPrivateTargets { return nil }
        if scheme != "https" { return "must use https" }
        let lower = host.lowercased()
        if lower == "localhost" || lower.hasSuffix(".localhost") || lower == "localhost." || lower == "localhost.localdomain" {
            return "must not name this machine (localhost)"
        }
        if host.contains("%") { return "must not carry an IPv6 zone (a link-local address)" }
        if let refusal = Self.literalRefusal(host) { return "must not be \(refusal)" }
        // 2130706433, 0x7f000001, 017700000001, 127.1 and 0 are IPv4 addresses to curl and the resolver,
        // though not in the dotted form: refused as spelled, whatever they point to.
        if Self.literal(host) == nil, Self.legacyIPv4(host) != nil {
            return "must write an IPv4 address as four decimal numbers (a.b.c.d), if at all"
        }
        // The machine's own names resolve to itself (or a private address): refused when they do.
        if lower == ProcessInfo.processInfo.hostName.lowercased() || lower.hasSuffix(".localdomain"),
           let refusal = Self.resolve(host).lazy.compactMap(Self.refusal(of:)).first {
            return "must not name this machine (\(host) is \(refusal))"
        }
        return nil
    }

    /// The address of a host written in one of the older IPv4 spellings `inet_aton` reads (a single
    /// number, hexadecimal or octal parts, fewer than four parts), or nil.
    static func legacyIPv4(_ host: String) -> [UInt8]? {
        guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == "x" || $0 == "X" }),
              host.split(separator: ".").last.map({ $0.first?.isNumber ?? false }) == true else { return nil }
        var address = in_addr()
        guard inet_aton(host, &address) != 0 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// Checks a URL at delivery time: scheme, then every address the host resolves to.
    public func check(_ url: String) -> Result<Target, TargetRefusal> {
        guard let (scheme, host, port) = Self.parts(url) else { return .failure(TargetRefusal("not an absolute http or https URL")) }
        if allowPrivateTargets { return .success(Target(pins: [])) }
        if scheme != "https" { return .failure(TargetRefusal("refused: only https targets are allowed")) }
        if Self.isLiteral(host) {
            if let refusal = Self.literalRefusal(host) { return .failure(TargetRefusal("refused: \(host) is \(refusal)")) }
            return .success(Target(pins: []))
        }
        let addresses = Self.resolve(host)
        guard !addresses.isEmpty else { return .failure(TargetRefusal("could not resolve \(host)")) }
        var firstRefusal: String?
        for address in addresses {
            if let refusal = Self.refusal(of: address) {
                firstRefusal = firstRefusal ?? "refused: \(host) resolves to \(address.text), \(refusal)"
                continue
            }
            let pinned = address.bytes.count == 16 ? "[\(address.text)]" : address.text
            return .success(Target(pins: ["\(host):\(port):\(pinned)"]))
        }
        return .failure(TargetRefusal(firstRefusal ?? "refused"))
    }

    // MARK: Addresses

    struct Address {
        var bytes: [UInt8]
        var text: String
    }

    static func refusal(of address: Address) -> String? {
        address.bytes.count == 4 ? AddressPolicy.refusal(ipv4: address.bytes) : AddressPolicy.refusal(ipv6: address.bytes)
    }

    /// Why an IP literal host is refused; nil for public literals and for host names.
    static func literalRefusal(_ host: String) -> String? {
        guard let address = literal(host) else { return nil }
        return refusal(of: address)
    }

    static func isLiteral(_ host: String) -> Bool { literal(host) != nil }

    static func literal(_ host: String) -> Address? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return Address(bytes: withUnsafeBytes(of: &v4) { Array($0) }, text: bare)
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return Address(bytes: withUnsafeBytes(of: &v6) { Array($0) }, text: bare)
        }
        return nil
    }

    /// Every address `host` resolves to (IPv4 and IPv6), in the resolver's order.
    static func resolve(_ host: String) -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [Address] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let socket = entry.pointee.ai_addr {
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                if entry.pointee.ai_family == AF_INET {
                    var address = socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
                    addresses.append(Address(bytes: withUnsafeBytes(of: &address) { Array($0) }, text: String(cString: text)))
                } else if entry.pointee.ai_family == AF_INET6 {
                    var address = socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                    addresses.append(Address(bytes: withUnsafeBytes(of: &address) { Array($0) }, text: String(cString: text)))
                }
            }
            cursor = entry.pointee.ai_next
        }
        var seen = Set<String>()
        return addresses.filter { seen.insert($0.text).inserted }
    }

    /// Scheme, host (without IPv6 brackets) and port.
    static func parts(_ url: String) -> (String, String, Int)? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", var host = components.host, !host.isEmpty else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (scheme, host, components.port ?? (scheme == "https" ? 443 : 80))
    }
}

/// Why a target is refused.
public struct TargetRefusal: Error, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
