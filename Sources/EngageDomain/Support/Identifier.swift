import Foundation

/// An opaque, type-prefixed string identifier such as `stk_0f3k…`.
public protocol PrefixedIdentifier: Sendable, Hashable, Codable, CustomStringConvertible, RawRepresentable where RawValue == String {
    /// The type prefix, without the underscore.
    static var prefix: String { get }
    init(unchecked rawValue: String)
}

extension PrefixedIdentifier {
    /// Parses an identifier, returning nil when the prefix or the random part is malformed.
    ///
    /// Reads the UTF-8 bytes: every valid identifier is ASCII, and a byte outside the alphabet
    /// (any byte of a non-ASCII character among them) refuses it. Comparing `Character`s did the same
    /// in about 20 string comparisons per character, on every ID a request names.
    public init?(rawValue: String) {
        guard IdentifierAlphabet.isIdentifier(rawValue.utf8, prefix: Self.prefix.utf8) else { return nil }
        self.init(unchecked: rawValue)
    }

    /// A new identifier: the time, then random characters (`IdentifierAlphabet.timeOrdered`).
    public static func generate() -> Self {
        Self(unchecked: prefix + "_" + IdentifierAlphabet.timeOrdered())
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a \(Self.prefix) identifier"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The part of identifiers after the prefix: 20 characters of lower-case Crockford base32 (100 bits).
public enum IdentifierAlphabet {
    /// Crockford's base 32 in lower case: no i, l, o or u.
    static let alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    static let characters = Array(alphabet)
    static let length = 20

    private static let bytes = Array(alphabet.utf8)
    /// For each ASCII byte: whether it is one of the alphabet's.
    private static let isAlphabetByte: [Bool] = (0..<128).map { bytes.contains(UInt8($0)) }

    /// Whether `text` is `prefix`, an underscore and `length` characters of the alphabet.
    static func isIdentifier(_ text: String.UTF8View, prefix: String.UTF8View) -> Bool {
        guard text.count == prefix.count + 1 + length, text.starts(with: prefix) else { return false }
        var bytes = text.dropFirst(prefix.count).makeIterator()
        guard bytes.next() == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            guard byte < 128, isAlphabetByte[Int(byte)] else { return false }
        }
        return true
    }

    /// Characters of a time-ordered identifier that carry the time: 45 bits of milliseconds since
    /// 1970, enough until the year 3084.
    static let timeLength = 9

    /// A new identifier's characters: the current millisecond in the first nine, most significant first,
    /// then eleven random ones (55 bits). Identifiers made later sort after earlier ones, as UUIDv7 and
    /// ULID do, so each new row's unique index entry lands beside the last one's instead of on a random
    /// page of the index: the random layout dirtied a page per row in every table's index on `id`.
    static func timeOrdered() -> String {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(milliseconds: UInt64(max(0, Date().timeIntervalSince1970 * 1000)), using: &generator)
    }

    /// The characters for `milliseconds` since 1970, then 11 characters from one draw of `generator`, each
    /// the next 5 bits of it, low bits first (32 characters: no bias; one draw, one system call).
    static func timeOrdered(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(length)
        for index in (0..<timeLength).reversed() {
            text.append(bytes[Int((milliseconds >> (5 * UInt64(index))) & 31)])
        }
        var word = generator.next()
        for _ in timeLength..<length {
            text.append(bytes[Int(word & 31)])
            word >>= 5
        }
        return String(decoding: text, as: UTF8.self)
    }
}

// MARK: Identifier types

public struct StakeholderID: PrefixedIdentifier {
    public static let prefix = "stk"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct APIKeyID: PrefixedIdentifier {
    public static let prefix = "key"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct HistoryEntryID: PrefixedIdentifier {
    public static let prefix = "hst"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct EventID: PrefixedIdentifier {
    public static let prefix = "evt"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct EventRegistrationID: PrefixedIdentifier {
    public static let prefix = "reg"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct SideEventApplicationID: PrefixedIdentifier {
    public static let prefix = "sea"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct WebhookEndpointID: PrefixedIdentifier {
    public static let prefix = "whe"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

/// A notification message: the `webhook-id` receivers dedupe on.
public struct MessageID: PrefixedIdentifier {
    public static let prefix = "msg"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct WebhookDeliveryID: PrefixedIdentifier {
    public static let prefix = "whd"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct ProjectID: PrefixedIdentifier {
    public static let prefix = "prj"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct ResourceID: PrefixedIdentifier {
    public static let prefix = "res"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct WorkshopID: PrefixedIdentifier {
    public static let prefix = "wks"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct EnrolmentID: PrefixedIdentifier {
    public static let prefix = "enr"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct PilotInitiativeID: PrefixedIdentifier {
    public static let prefix = "pil"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct ActivityID: PrefixedIdentifier {
    public static let prefix = "act"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct AnnouncementID: PrefixedIdentifier {
    public static let prefix = "ann"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}

public struct ContactPointID: PrefixedIdentifier {
    public static let prefix = "cpt"
    public let rawValue: String
    public init(unchecked rawValue: String) { self.rawValue = rawValue }
}
