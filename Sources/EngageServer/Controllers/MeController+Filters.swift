import EngageCore
import EngageDomain
import Foundation

extension MeController {
    /// The query of one `/v1/me/<list>`: `status` (any of the list's own statuses), `sort` and `updated_since`; the
    /// other lists keep their defaults. The organisation is the token's, set by the store call.
    struct Filters {
        var registrations = ParticipationFilter<RegistrationStatus>()
        var applications = ParticipationFilter<SideEventApplicationStatus>()
        var enrolments = ParticipationFilter<EnrolmentStatus>()
        var pilotInitiatives = PilotInitiativeFilter()

        /// No filter: every item of every list, oldest first (`GET /v1/me`).
        init() {}

        /// Reads `list`'s filters from `query`; bad values stay in `query`'s errors for its one 400.
        init(_ list: List, _ query: inout QueryReader) {
            switch list {
            case .registrations: registrations = Self.participation(&query)
            case .sideEventApplications: applications = Self.participation(&query)
            case .enrolments: enrolments = Self.participation(&query)
            case .pilotInitiatives:
                pilotInitiatives.statuses = query.enumerations("status", PilotStatus.self)
                pilotInitiatives.order = query.order(PilotInitiativeFilter.orders)
                pilotInitiatives.updatedSince = query.updatedSince()
            }
        }

        private static func participation<Status: RawRepresentable & CaseIterable & Equatable & Sendable>(
            _ query: inout QueryReader
        ) -> ParticipationFilter<Status> where Status.RawValue == String {
            var filter = ParticipationFilter<Status>(statuses: query.enumerations("status", Status.self))
            filter.order = query.order(ParticipationFilter<Status>.orders)
            filter.updatedSince = query.updatedSince()
            return filter
        }
    }
}
