import Foundation

/// The six official languages of the United Nations: what Engage writes its messages in.
public enum UNLanguage: String, Sendable, CaseIterable, Codable {
    case ar, zh, en, fr, ru, es

    /// The language messages fall back to when a translation is missing.
    public static let fallback = UNLanguage.en

    /// Whether the language is written right to left.
    public var isRightToLeft: Bool { self == .ar }

    /// The one-line list for error messages.
    public static let list = allCases.map(\.rawValue).joined(separator: ", ")
}
