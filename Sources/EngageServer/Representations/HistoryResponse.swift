import EngageDomain
import Foundation
import Hummingbird

/// A history entry of an event, a workshop, a pilot initiative, a registration or a side-event
/// application, as the API shows it.
struct HistoryResponse: Encodable, Sendable {
    var id: String
    var action: String
    var fromStatus: String?
    var toStatus: String?
    var reason: String?
    var changedFields: [String]
    var previousStartsOn: String?
    var previousEndsOn: String?
    var startsOn: String?
    var endsOn: String?
    var stakeholderId: String?
    var actor: String
    var at: Date

    /// `GET …/{id}/history` of an event, a workshop or an initiative: API keys only, paged.
    static func page<ID: PrefixedIdentifier>(
        _ request: Request, _ context: EngageRequestContext, _ type: ID.Type, resource: String,
        fetch: (ID, PageRequest) async throws -> Page<HistoryEntry>
    ) async throws -> Response {
        try context.requireReader()
        let id = try context.identifier("id", as: type, resource: resource)
        return try await list(request, context) { try await fetch(id, $0) }
    }

    /// One page of a history the caller has been found to see.
    static func list(_ request: Request, _ context: EngageRequestContext, fetch: (PageRequest) async throws -> Page<HistoryEntry>) async throws -> Response {
        var query = QueryReader(request, context)
        let page = query.page()
        try query.check()
        let entries = try await fetch(page)
        return try JSONResponse.make(ListResponse(data: entries.items.map(HistoryResponse.init), next: query.next(entries.next)))
    }

    init(_ entry: HistoryEntry) {
        id = entry.id.rawValue
        action = entry.action.rawValue
        fromStatus = entry.fromStatus
        toStatus = entry.toStatus
        reason = entry.reason
        changedFields = entry.changedFields
        previousStartsOn = entry.previousDates?.startsOn.description
        previousEndsOn = entry.previousDates?.endsOn.description
        startsOn = entry.dates?.startsOn.description
        endsOn = entry.dates?.endsOn.description
        stakeholderId = entry.stakeholderID?.rawValue
        actor = entry.actor
        at = entry.at
    }
}
