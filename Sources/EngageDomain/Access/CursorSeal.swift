import Crypto
import Foundation

/// Makes page cursors opaque and binds each to the query that produced it: a cursor is the position
/// (`PageCursor.encoded`) followed by an HMAC-SHA256 tag over the position and the query, base64url
/// encoded. A cursor edited by hand, made up, or used with other filters (or on another list) does
/// not open.
public struct CursorSeal: Sendable {
    private let key: SymmetricKey
    /// Bytes of the tag kept: 128 bits.
    private static let tagLength = 16

    /// A seal keyed by a key derived from the server secret (shared by instances of one deployment).
    public init(serverSecret: Data) {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("engage-cursor-v1".utf8), using: SymmetricKey(data: serverSecret))
        key = SymmetricKey(data: Data(derived))
    }

    /// The cursor a client receives for `position` in the list `binding` names (its path and filters).
    public func seal(_ position: PageCursor, binding: String) -> String {
        let plain = Data(position.encoded.utf8)
        return (plain + tag(plain, binding)).base64URLEncoded
    }

    /// The position in a cursor `seal` made for the same `binding`, or nil.
    public func open(_ cursor: String, binding: String) -> PageCursor? {
        guard cursor.count <= 2048, let data = Data(base64URLEncoded: cursor), data.count > Self.tagLength else { return nil }
        let plain = data.prefix(data.count - Self.tagLength), tag = data.suffix(Self.tagLength)
        guard constantTimeEqual(Data(tag), self.tag(Data(plain), binding)), let text = String(data: plain, encoding: .utf8) else { return nil }
        return PageCursor(encoded: text)
    }

    private func tag(_ plain: Data, _ binding: String) -> Data {
        var message = plain
        message.append(0x0A)
        message.append(Data(binding.utf8))
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key).prefix(Self.tagLength))
    }

    private func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
