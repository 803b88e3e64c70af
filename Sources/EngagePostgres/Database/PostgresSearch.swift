import EngageDomain
import Foundation
import PostgresKit

/// Full text on PostgreSQL, matching the SQLite search: texts and queries folded alike by `SearchText`
/// (stored in the `search_*` columns), every term required, the last word as a prefix, ranked by
/// weighted columns (the `search` tsvector of each table, generated from the `search_*` columns).
enum PostgresSearch {
    /// The ranking weights of each searchable table, as `ts_rank` takes them: `{D, C, B, A}`. They
    /// keep the ratios of the SQLite bm25 weights (stakeholder name 10 : acronym 5 : description 1,
    /// event title 10 : description 1, resource title 10 : summary 2 : publisher 1).
    static let stakeholderWeights = "{0.1, 0.1, 0.5, 1.0}"
    static let eventWeights = "{0.1, 0.1, 0.1, 1.0}"
    static let resourceWeights = "{0.1, 0.1, 0.2, 1.0}"

    /// A safe `tsquery` from free text, folded as the indexed `search_*` columns are (`SearchText`):
    /// the terms ANDed, a CJK run as a phrase of its characters (`腐 <-> 败`), the last word as a
    /// prefix (`traff:*`). Folded words hold only letters, digits and marks, so no operator of the
    /// query language can be injected. Nil without a searchable word.
    static func tsquery(_ text: String) -> String? {
        let terms = SearchText.query(text)
        guard !terms.isEmpty else { return nil }
        return terms.map { term in
            term.words.joined(separator: " <-> ") + (term.isPrefix ? ":*" : "")
        }.joined(separator: " & ")
    }

    /// `search @@ query`, for a table alias.
    static func matches(_ alias: String, _ tsquery: String) -> SQLQueryString {
        "\(ident: alias).search @@ to_tsquery('simple', engage_unaccent(\(bind: tsquery)))"
    }

    /// The score of a row (lower is better, as FTS5's rank, so cursors order the same way on both stores).
    /// Normalisation 1 divides by 1 + the logarithm of the row's length: like bm25, a match in a short text
    /// counts for more than one in a long text.
    static func score(_ alias: String, _ tsquery: String, weights: String) -> SQLQueryString {
        "(-ts_rank(\(bind: weights)::float4[], \(ident: alias).search, to_tsquery('simple', engage_unaccent(\(bind: tsquery))), 1))::float8"
    }
}
