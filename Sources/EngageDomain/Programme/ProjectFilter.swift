import Foundation

/// The filters of the project list. Projects are few (tens), so `q` and `donor` are decided here, in one
/// place for both stores, on folded text (`SearchText.fold`: case and accents ignored, every language).
public struct ProjectFilter: Sendable, Equatable {
    /// Words that must all occur in the title (any language), code, summary or donors, read as the other
    /// searches read them (`SearchText.query`: a Chinese or Japanese run as a phrase, the last word a prefix);
    /// a query without a letter or digit does not filter.
    public var query: String?
    /// A donor the project must name (case and accents ignored).
    public var donor: String?
    /// Only projects changed at or after this instant (`updated_since`).
    public var updatedSince: Date?
    /// The order (`sort`); nil for creation order.
    public var order: ListOrder?

    /// The orders the project list offers.
    public static let orders: [ListOrder.Field] = [.createdAt, .updatedAt]

    public init(query: String? = nil, donor: String? = nil, updatedSince: Date? = nil) {
        self.query = query
        self.donor = donor
        self.updatedSince = updatedSince
    }

    /// Whether a store must read the projects to decide (`q` or `donor`); `updated_since` is SQL.
    public var needsText: Bool { query != nil || donor != nil }

    /// Whether `project` passes `q` and `donor` (`updated_since` is the store's).
    public func matches(_ project: Project) -> Bool {
        if let donor {
            let wanted = SearchText.fold(donor)
            guard project.donors.contains(where: { SearchText.fold($0) == wanted }) else { return false }
        }
        if let query {
            let texts = project.title.allTexts + (project.summary?.allTexts ?? []) + project.donors + [project.code].compactMap { $0 }
            // Folded words separated by single spaces, with a space at each end: " w1 w2 … ".
            let haystack = " " + texts.map(SearchText.fold).filter { !$0.isEmpty }.joined(separator: " ") + " "
            let terms = SearchText.query(query)
            guard terms.allSatisfy({ haystack.contains(" " + $0.words.joined(separator: " ") + ($0.isPrefix ? "" : " ")) }) else { return false }
        }
        return true
    }
}

extension ProjectFilter {
    /// One page of `rows` (each project with the cursor that resumes after it, in the list's order,
    /// after the cursor asked for) that pass `matches`.
    public static func page(_ rows: [(project: Project, cursor: PageCursor)], _ filter: ProjectFilter, limit: Int) -> Page<Project> {
        let passing = rows.filter { filter.matches($0.project) }
        let visible = passing.prefix(limit)
        let next = passing.count > limit ? visible.last?.cursor : nil
        return Page(items: visible.map(\.project), next: next)
    }
}
