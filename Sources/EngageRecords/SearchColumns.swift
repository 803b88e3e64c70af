import EngageDomain
import Foundation

/// A record whose table carries `search_*` columns: the texts its full-text index reads, folded by
/// `SearchText`, one column per weight class. Both stores add `searchColumns` to every INSERT and
/// UPDATE of such a record (EngageSQLite `SearchIndexedRecords`, EngagePostgres `RecordTable`), so
/// they always follow the row's texts; a column the record already encodes itself is left as encoded.
public protocol SearchIndexed {
    /// Column name → `SearchText.index` of the texts behind it.
    var searchColumns: [String: String] { get }
}

/// The `search_*` column values of each searchable table, from every language variant of each
/// text. The weights are the stores' (FTS5 bm25 in the SQLite migrations, `ts_rank` labels A/B/C on
/// PostgreSQL): stakeholder name 10 : acronym 5 : description 1, event title 10 : description 1,
/// resource title 10 : summary 2 : publisher 1.
public enum SearchColumns {
    /// `stakeholder.search_name`, `search_acronym`, `search_description`.
    public struct Stakeholder: Sendable, Equatable {
        public var name: String
        public var acronym: String
        public var description: String

        public var columns: [String: String] {
            ["search_name": name, "search_acronym": acronym, "search_description": description]
        }
    }

    /// `event.search_title`, `search_description`.
    public struct Event: Sendable, Equatable {
        public var title: String
        public var description: String

        public var columns: [String: String] {
            ["search_title": title, "search_description": description]
        }
    }

    /// `resource.search_title`, `search_summary`, `search_publisher`.
    public struct Resource: Sendable, Equatable {
        public var title: String
        public var summary: String
        public var publisher: String

        public var columns: [String: String] {
            ["search_title": title, "search_summary": summary, "search_publisher": publisher]
        }
    }

    /// A stakeholder's search columns (its texts have one language: the one it wrote them in).
    public static func stakeholder(name: String, acronym: String?, description: String?) -> Stakeholder {
        Stakeholder(name: SearchText.index([name]), acronym: SearchText.index(acronym.map { [$0] } ?? []),
                    description: SearchText.index(description.map { [$0] } ?? []))
    }

    /// An event's search columns: every language variant of its title and of its description.
    public static func event(title: [String], description: [String]) -> Event {
        Event(title: SearchText.index(title), description: SearchText.index(description))
    }

    /// A resource's search columns: every language variant of its title, summary and publisher.
    public static func resource(title: [String], summary: [String], publisher: [String]) -> Resource {
        Resource(title: SearchText.index(title), summary: SearchText.index(summary), publisher: SearchText.index(publisher))
    }
}
