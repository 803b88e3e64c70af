import EngageDomain
import Foundation

/// The `translations` column of a row with texts in several languages: every such text whole, as
/// JSON (`{"texts": {"title": {"en": …, "fr": …}}, "lists": {"objectives": [{"en": …}]}}`).
///
/// The plain columns (`title`, `description` …) keep each text's English, or its first language,
/// for sorting and for readers of the database that know nothing of languages; rows written before
/// the column existed have `{}` here and read their plain columns as English.
public struct TranslationsColumn: Codable, Sendable, Equatable {
    var texts: [String: LocalizedText] = [:]
    var lists: [String: [LocalizedText]] = [:]

    public init() {}

    /// Reads the column; a value that is not ours reads as empty (the plain columns then speak).
    public init(json: String) {
        // Most rows have no translations: skip the decoder (a list reads tens of rows per request).
        self = json == "{}" ? Self() : JSONText.decode(Self.self, json) ?? Self()
    }

    /// The column's value.
    public var json: String { JSONText.encode(self) }

    // MARK: Texts

    /// Keeps `text` (nothing when nil) under `key`.
    public mutating func set(_ key: String, _ text: LocalizedText?) {
        texts[key] = text
    }

    /// Keeps a list of texts under `key`.
    public mutating func set(_ key: String, _ list: [LocalizedText]) {
        lists[key] = list
    }

    /// The text under `key`, or the plain column's value as English for an older row.
    public func text(_ key: String, plain: String?) -> LocalizedText? {
        texts[key] ?? plain.map { LocalizedText($0) }
    }

    /// The list under `key`, or the plain column's list as English for an older row.
    public func list(_ key: String, plain: [String]) -> [LocalizedText] {
        lists[key] ?? plain.map { LocalizedText($0) }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey { case texts, lists }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        texts = try container.decodeIfPresent([String: LocalizedText].self, forKey: .texts) ?? [:]
        lists = try container.decodeIfPresent([String: [LocalizedText]].self, forKey: .lists) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !texts.isEmpty { try container.encode(texts, forKey: .texts) }
        if !lists.isEmpty { try container.encode(lists, forKey: .lists) }
    }
}
