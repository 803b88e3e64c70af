import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// `/v1/statistics`: figures computed by the database.
struct StatisticsController: Sendable {
    let repository: any StatisticsRepository

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/statistics/directory", use: directory)
        router.get("/v1/statistics/participation", use: participation)
    }

    /// The WhatsOn hub's counts (public): approved organisations only.
    @Sendable func directory(_ request: Request, context: EngageRequestContext) async throws -> Response {
        let query = QueryReader(request, context)
        try query.check()
        return try JSONResponse.make(DirectoryStatisticsResponse(try await repository.directory()))
    }

    /// Who took part in what (API keys): JSON, or CSV with `Accept: text/csv`.
    @Sendable func participation(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        var reader = QueryReader(request, context)
        let query = Self.participationQuery(&reader)
        try reader.check()
        let statistics = try await repository.participation(query)
        let response = ParticipationStatisticsResponse(statistics, groupBy: query.groupBy)
        guard MediaTypePreference(request).prefersCSV else { return try JSONResponse.make(response, headers: [.vary: "Accept"]) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"participation.csv\"", .vary: "Accept"],
            body: .init(byteBuffer: ByteBuffer(string: response.csv)))
    }

    /// The filters and `group_by` (comma-separated, one or two dimensions), naming every bad one.
    private static func participationQuery(_ reader: inout QueryReader) -> ParticipationQuery {
        var query = ParticipationQuery(
            projectID: reader.identifier("project_id", ProjectID.self), eventID: reader.identifier("event_id", EventID.self),
            workshopID: reader.identifier("workshop_id", WorkshopID.self), from: reader.date("from"), to: reader.date("to"))
        guard let text = reader.string("group_by") else { return query }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let dimensions = names.compactMap(ParticipationQuery.Dimension.init(rawValue:))
        if dimensions.count != names.count {
            let allowed = ParticipationQuery.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
            reader.fail("group_by", "must be one or two of \(allowed), separated by a comma")
        } else if let grouping = ParticipationQuery.grouping(dimensions) {
            query.groupBy = grouping
        } else {
            reader.fail("group_by", "takes at most two dimensions")
        }
        return query
    }
}
