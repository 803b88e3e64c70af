import Crypto
import Foundation

/// Signed references to one workshop enrolment, for links given to its attendee: the code of a
/// certificate of attendance (printed, so short and in the alphabet of IDs) and the token of a
/// feedback form. Each is the enrolment ID, a dot and an HMAC-SHA256 tag (80 bits, base32) keyed by a
/// key derived from the server secret for its purpose: a certificate code does not open the form.
public struct EnrolmentSeal: Sendable {
    /// What a seal is for; each purpose has its own key.
    public enum Purpose: String, Sendable {
        case certificate, feedback
    }

    private let key: SymmetricKey
    /// Bytes of the tag kept: 80 bits, 16 base32 characters.
    private static let tagLength = 10

    public init(_ purpose: Purpose, serverSecret: Data) {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("engage-\(purpose.rawValue)-v1".utf8), using: SymmetricKey(data: serverSecret))
        key = SymmetricKey(data: Data(derived))
    }

    /// Where a code or token is used: `/v1/certificates/{code}` or `/v1/feedback/{token}` under `publicURL`.
    public static func url(_ purpose: Purpose, _ publicURL: String, _ code: String) -> String {
        publicURL + (purpose == .certificate ? "/v1/certificates/" : "/v1/feedback/") + code
    }

    /// `enr_….<tag>`: the code or token for `enrolment`.
    public func seal(_ enrolment: EnrolmentID) -> String {
        "\(enrolment.rawValue).\(tag(enrolment))"
    }

    /// The enrolment a code names, when its tag holds; nil for anything else (edited, made up, another purpose).
    public func open(_ code: String) -> EnrolmentID? {
        let parts = code.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard code.count <= 64, parts.count == 2, let enrolment = EnrolmentID(rawValue: String(parts[0])) else { return nil }
        let expected = Array(tag(enrolment).utf8), given = Array(parts[1].utf8)
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return enrolment
    }

    /// The first `tagLength` bytes of the MAC, as base32 in the alphabet of IDs.
    private func tag(_ enrolment: EnrolmentID) -> String {
        let mac = Data(HMAC<SHA256>.authenticationCode(for: Data(enrolment.rawValue.utf8), using: key).prefix(Self.tagLength))
        var bits = 0, value = 0, text = ""
        for byte in mac {
            value = ((value << 8) | Int(byte)) & 0xFFF  // at most 12 bits are pending
            bits += 8
            while bits >= 5 {
                bits -= 5
                text.append(IdentifierAlphabet.characters[(value >> bits) & 31])
            }
        }
        return text
    }
}
