import Foundation

/// An opaque keyset position: the insertion sequence of the last row seen, and, for ranked
/// full-text results, its rank. Rows added while a client pages never shift what follows.
public struct PageCursor: Sendable, Equatable {
    public var sequence: Int64
    public var rank: Double?

    public init(sequence: Int64, rank: Double? = nil) {
        self.sequence = sequence
        self.rank = rank
    }

    /// The opaque string a client receives (base64url).
    public var encoded: String {
        let plain = rank.map { "r:\($0):\(sequence)" } ?? "s:\(sequence)"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a client's cursor; nil when it was not made by `encoded`.
    public init?(encoded: String) {
        guard encoded.count <= 200 else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: ":", omittingEmptySubsequences: false)
        switch (parts.first, parts.count) {
        case ("s", 2):
            guard let sequence = Int64(parts[1]), sequence >= 0 else { return nil }
            self.init(sequence: sequence)
        case ("r", 3):
            guard let rank = Double(parts[1]), rank.isFinite, let sequence = Int64(parts[2]), sequence >= 0 else { return nil }
            self.init(sequence: sequence, rank: rank)
        default:
            return nil
        }
    }
}
