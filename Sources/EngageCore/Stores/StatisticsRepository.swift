import EngageDomain

/// Figures computed by the database (one grouped query each), never by loading rows.
public protocol StatisticsRepository: Sendable {
    /// The public directory's counts: approved organisations only.
    func directory() async throws -> DirectoryStatistics

    /// Who took part in what, within the query's filters, as totals and in its groups.
    func participation(_ query: ParticipationQuery) async throws -> ParticipationStatistics
}
