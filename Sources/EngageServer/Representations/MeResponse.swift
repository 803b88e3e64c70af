/// `GET /v1/me`: the organisation and the first page of each of its lists.
struct MeResponse: Encodable, Sendable {
    /// A page of one of the lists, whatever its items.
    enum AnyList: Encodable, Sendable {
        case registrations(ListResponse<EventRegistrationResponse>)
        case applications(ListResponse<SideEventApplicationResponse>)
        case enrolments(ListResponse<EnrolmentResponse>)
        case pilotInitiatives(ListResponse<PilotInitiativeResponse>)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .registrations(let list): try list.encode(to: encoder)
            case .applications(let list): try list.encode(to: encoder)
            case .enrolments(let list): try list.encode(to: encoder)
            case .pilotInitiatives(let list): try list.encode(to: encoder)
            }
        }
    }

    var stakeholder: StakeholderResponse
    var registrations: AnyList
    var sideEventApplications: AnyList
    var enrolments: AnyList
    var pilotInitiatives: AnyList

    enum CodingKeys: String, CodingKey {
        case stakeholder, registrations, enrolments
        case sideEventApplications = "side_event_applications"
        case pilotInitiatives = "pilot_initiatives"
    }
}
