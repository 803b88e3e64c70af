import Foundation

/// E-mail addresses as mail bookkeeping keeps them.
public enum MailAddress {
    /// The hex SHA-256 of the trimmed, lower-cased address: how suppressions (bounces, unsubscribes)
    /// name a recipient without keeping the address.
    public static func key(_ email: String) -> String {
        Secret.sha256Hex(Data(trimmed(email).lowercased().utf8))
    }

    /// The address without leading and trailing blanks, exactly as `trimmingCharacters(in: .whitespaces)`
    /// (tabs and Foundation's space separators; line breaks stay) but without its bridge to `NSString`,
    /// which was 3 % of a registration's time on the writer (each mail asks for its key three times).
    static func trimmed(_ email: String) -> Substring {
        let scalars = email.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return Substring(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }
}
