import EngageDomain
import Foundation
import Hummingbird

/// A history entry of an event, a workshop or a pilot initiative, as the API shows it.
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
    var actor: String
    var at: Date

    /// `GET …/{id}/history` of an event, a workshop or an initiative: API keys only, paged.
    static func page<ID: PrefixedIdentifier>(
        _ request: Request, _ context: EngageRequestContext, _ type: ID.Type, resource: String,
        fetch: (ID, PageRequest) async throws -> Page<HistoryEntry>
    ) async throws -> Response {
        try context.requireReader()
        let id = try context.identifier("id", as: type, resource: resource)
        var query = QueryReader(request, context)
        let page = query.page()
        try query.check()
        let entries = try await fetch(id, page)
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
        actor = entry.actor
        at = entry.at
    }
}
