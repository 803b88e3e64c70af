import Foundation

/// E-mail addresses as mail bookkeeping keeps them.
public enum MailAddress {
    /// The hex SHA-256 of the trimmed, lower-cased address: how suppressions (bounces, unsubscribes)
    /// name a recipient without keeping the address.
    public static func key(_ email: String) -> String {
        Secret.sha256Hex(Data(Blanks.trimmed(email).lowercased().utf8))
    }
}
