import EngageDomain

/// Figures computed by the database (one grouped query each), never by loading rows.
public protocol StatisticsRepository: Sendable {
    /// The public directory's counts: approved organisations only.
    func directory() async throws -> DirectoryStatistics
}
