import Foundation

/// An opaque keyset position: the insertion sequence of the last row seen, and, for ranked
/// full-text results, its rank. Rows added while a client pages never shift what follows.
public struct PageCursor: Sendable, Equatable {
    public var sequence: Int64
    public var rank: Double?
    /// The sort date (`YYYYMMDD`) of the last row, for lists ordered by date.
    public var dateKey: String?
    /// The sort key of the last row, as the store compares it, for lists ordered by name or `updated_at`.
    public var key: String?

    public init(sequence: Int64, rank: Double? = nil, dateKey: String? = nil, key: String? = nil) {
        self.sequence = sequence
        self.rank = rank
        self.dateKey = dateKey
        self.key = key
    }

    /// The string a client receives: `s_<sequence>`, `r_<rank>_<sequence>`, `d_<YYYYMMDD>_<sequence>` or
    /// `k_<base64url key>_<sequence>`. Clients treat it as opaque;
    /// its shape is documented in openapi.yaml only so that a malformed cursor can be told from a stale one.
    public var encoded: String {
        if let key { return "k_\(Data(key.utf8).base64URLEncoded)_\(sequence)" }
        if let dateKey { return "d_\(dateKey)_\(sequence)" }
        return rank.map { "r_\($0)_\(sequence)" } ?? "s_\(sequence)"
    }

    /// Decodes a client's cursor; nil when it was not made by `encoded`.
    public init?(encoded: String) {
        if encoded.hasPrefix("k_"), let last = encoded.lastIndex(of: "_"), last > encoded.index(encoded.startIndex, offsetBy: 1),
           let sequence = Self.sequence(encoded[encoded.index(after: last)...]),
           let data = Data(base64URLEncoded: String(encoded[encoded.index(encoded.startIndex, offsetBy: 2)..<last])),
           let key = String(data: data, encoding: .utf8) {
            self.init(sequence: sequence, key: key)
            return
        }
        guard encoded.count <= 80 else { return nil }
        let parts = encoded.split(separator: "_", omittingEmptySubsequences: false)
        switch (parts.first, parts.count) {
        case ("s", 2):
            guard let sequence = Self.sequence(parts[1]) else { return nil }
            self.init(sequence: sequence)
        case ("r", 3):
            let rankText = parts[1]
            guard rankText.allSatisfy({ $0.isASCII && ($0.isNumber || "-.e".contains($0)) }),
                  let rank = Double(rankText), rank.isFinite, let sequence = Self.sequence(parts[2]) else { return nil }
            self.init(sequence: sequence, rank: rank)
        case ("d", 3):
            let key = parts[1]
            guard key.count == 8, key.allSatisfy({ $0.isASCII && $0.isNumber }), let sequence = Self.sequence(parts[2]) else { return nil }
            self.init(sequence: sequence, dateKey: String(key))
        default:
            return nil
        }
    }

    /// 1 to 18 ASCII digits.
    private static func sequence(_ text: Substring) -> Int64? {
        guard (1...18).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text)
    }
}
