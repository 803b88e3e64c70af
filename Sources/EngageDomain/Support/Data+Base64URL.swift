import Foundation

/// RFC 4648 §5 base64url without padding: secrets, tokens and cursors that travel in URLs.
extension Data {
    /// RFC 4648 §5 base64url, without padding.
    var base64URLEncoded: String {
        // Byte by byte: Foundation's `replacingOccurrences` goes through NSString on Linux, and every page's cursor is sealed.
        String(decoding: base64EncodedString().utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }, as: UTF8.self)
    }

    /// Decodes base64url without padding; nil for anything else.
    init?(base64URLEncoded text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
