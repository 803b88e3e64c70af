import EngageDomain
import Foundation

/// Which announcements a list shows.
public struct AnnouncementFilter: Sendable, Equatable {
    /// Only these statuses (the public sees `published` only); empty does not filter.
    public var statuses: [AnnouncementStatus]
    public var eventID: EventID?
    /// Only those written (at least) in any of these languages.
    public var languages: [UNLanguage]
    /// Only those published at or after this instant.
    public var from: Date?
    /// The order (`sort`); nil for creation order.
    public var order: ListOrder?
    /// Only announcements changed at or after this instant (`updated_since`).
    public var updatedSince: Date?

    /// The orders the announcement list offers.
    public static let orders: [ListOrder.Field] = [.createdAt, .updatedAt]

    public init(statuses: [AnnouncementStatus] = [], eventID: EventID? = nil, languages: [UNLanguage] = [], from: Date? = nil) {
        self.statuses = statuses
        self.eventID = eventID
        self.languages = languages
        self.from = from
    }
}

/// Announcements, and their publication: each goes to its audience through the outbox, in the
/// transaction that publishes it (at once, or when its `publish_at` comes, by `publishDue`).
public protocol AnnouncementRepository: Sendable {
    /// Stores a new announcement; one due now is published in the same transaction. The event, workshop,
    /// resource and pilot initiative it names must exist (422 naming the field).
    func create(_ announcement: Announcement, now: Date) async throws -> Announcement
    func find(_ id: AnnouncementID) async throws -> Announcement?
    func list(_ filter: AnnouncementFilter, page: PageRequest) async throws -> Page<Announcement>
    /// The newest published announcements, newest first (the Atom feed).
    func latest(limit: Int) async throws -> [Announcement]
    /// Changes a scheduled announcement, or corrects a published one (which tells its audience again).
    func update(_ id: AnnouncementID, with input: AnnouncementInput, expectedVersion: Int?, actor: String, now: Date) async throws -> Announcement
    /// Withdraws a scheduled announcement (409 once published).
    func withdraw(_ id: AnnouncementID, expectedVersion: Int?, now: Date) async throws -> Announcement
    /// Publishes up to `limit` announcements whose time has come, each in its own transaction with its
    /// notifications; returns them. Safe to run from several instances at once.
    func publishDue(now: Date, limit: Int) async throws -> [Announcement]
}
