/// Which network addresses webhooks may be delivered to: a guard against server-side request
/// forgery. Loopback, private, link-local, shared (CGNAT), multicast, reserved and cloud-metadata
/// addresses are refused, in IPv4 and IPv6, including IPv4-mapped, NAT64 and 6to4 forms.
public enum AddressPolicy {
    /// Why an address is refused, or nil when it is a public unicast address.
    public static func refusal(ipv4 bytes: [UInt8]) -> String? {
        guard bytes.count == 4 else { return "not an IPv4 address" }
        let (a, b) = (bytes[0], bytes[1])
        switch true {
        case a == 0: return "a 'this network' address (0.0.0.0/8)"
        case a == 127: return "a loopback address"
        case a == 10, a == 172 && (16...31).contains(b), a == 192 && b == 168: return "a private address"
        case a == 169 && b == 254: return "a link-local address (cloud metadata lives here)"
        case a == 100 && (64...127).contains(b): return "a shared (carrier-grade NAT) address"
        case a == 192 && b == 0 && bytes[2] == 0: return "an IETF protocol assignment address"
        case a == 192 && b == 0 && bytes[2] == 2, a == 198 && b == 51 && bytes[2] == 100, a == 203 && b == 0 && bytes[2] == 113:
            return "a documentation address"
        case a == 198 && (b == 18 || b == 19): return "a benchmarking address"
        case a >= 224 && a <= 239: return "a multicast address"
        case a >= 240: return "a reserved or broadcast address"
        default: return nil
        }
    }

    /// Why an IPv6 address (16 bytes) is refused, or nil.
    public static func refusal(ipv6 bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return "not an IPv6 address" }
        let embedded = Array(bytes[12..<16])
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] == 1 ? "a loopback address" : "the unspecified address" }
        // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated)
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && ((bytes[10] == 0xff && bytes[11] == 0xff) || (bytes[10] == 0 && bytes[11] == 0)) {
            return refusal(ipv4: embedded).map { "an IPv4-mapped form of \($0)" }
        }
        // 64:ff9b::/96 (NAT64) carries an IPv4 address in its last four bytes.
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..<12].allSatisfy({ $0 == 0 }) {
            return refusal(ipv4: embedded).map { "a NAT64 form of \($0)" }
        }
        // 2002::/16 (6to4) carries an IPv4 address in bytes 2–5.
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            return refusal(ipv4: Array(bytes[2..<6])).map { "a 6to4 form of \($0)" }
        }
        if bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80 { return "a link-local address" }
        if bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0 { return "a site-local address" }
        if (bytes[0] & 0xfe) == 0xfc { return "a unique local (private) address" }
        if bytes[0] == 0xff { return "a multicast address" }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 { return "a documentation address" }
        if bytes[0] == 0x01 && bytes[1..<8].allSatisfy({ $0 == 0 }) { return "a discard-only address" }
        return nil
    }
}
