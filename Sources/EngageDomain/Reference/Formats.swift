import Foundation

/// Format checks for values that arrive as strings.
public enum Formats {
    /// A pragmatic e-mail check: one `@`, a non-empty local part, a dotted domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        // The dot as a UTF-8 byte: `contains(".")` went through Foundation's string search.
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(UInt8(ascii: ".")),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              text.count <= 254, !text.contains(where: \.isWhitespace) else { return false }
        return true
    }

    /// An absolute http or https URL with a host.
    public static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else { return false }
        return true
    }

    /// A telephone number: digits with optional leading `+` and common separators.
    public static func isPhone(_ text: String) -> Bool {
        let allowed = Set("+0123456789 ()-./")
        let digits = text.filter(\.isNumber).count
        return text.allSatisfy { allowed.contains($0) } && (5...20).contains(digits)
    }
}
