/// The order of a list (`sort=name`, `sort=-updated_at`): a field, ascending or descending, with the
/// record's sequence as the tie-break in the same direction, so keyset paging stays stable.
public struct ListOrder: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable {
        /// Creation order (the record's sequence).
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        /// The name or title, folded as search folds it (case and accents ignored), byte-wise: the same on both stores.
        case name
        /// Start date, undated (postponed) records after every dated one.
        case startsOn = "starts_on"
        /// Best match first: only with a full-text query, and only ascending.
        case relevance
    }

    public var field: Field
    public var descending: Bool

    public init(_ field: Field, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }

    /// `field` or `-field`, as the `sort` parameter spells it.
    public var parameter: String { (descending ? "-" : "") + field.rawValue }

    /// The order a list is read in, the one rule of every store: relevance when searching and no other order
    /// is asked for; the list's `default` when relevance is asked for without a search (nothing to rank).
    public static func effective(_ requested: ListOrder?, searching: Bool, default fallback: ListOrder) -> ListOrder {
        guard let requested, requested.field != .relevance else { return searching ? ListOrder(.relevance) : fallback }
        return requested
    }

    /// The order a `sort` value names among `allowed`; nil for anything else (`-relevance` included).
    public static func parse(_ text: String, allowed: [Field]) -> ListOrder? {
        let descending = text.hasPrefix("-")
        guard let field = Field(rawValue: descending ? String(text.dropFirst()) : text), allowed.contains(field),
              !(descending && field == .relevance) else { return nil }
        return ListOrder(field, descending: descending)
    }
}
