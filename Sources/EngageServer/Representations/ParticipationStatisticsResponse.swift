import EngageDomain

/// `GET /v1/statistics/participation`: the totals and one object per group, each naming its value of
/// every dimension grouped by (null where not given) beside the figures.
struct ParticipationStatisticsResponse: Encodable, Sendable {
    /// The counts of one group or of everything.
    struct Figures: Encodable, Sendable {
        var organisations: Int
        var people: Int
        var registrations: Int
        var delegates: Int
        var enrolments: Int
        var attended: Int
        var trained: Int
        var sideEvents: Int

        init(_ figures: ParticipationStatistics.Figures) {
            organisations = figures.organisations
            people = figures.people
            registrations = figures.registrations
            delegates = figures.delegates
            enrolments = figures.enrolments
            attended = figures.attended
            trained = figures.trained
            sideEvents = figures.sideEvents
        }

        /// The CSV header of the figures.
        static let names = ["organisations", "people", "registrations", "delegates", "enrolments", "attended", "trained", "side_events"]

        /// The CSV cells, in `names` order.
        var cells: [String?] {
            [organisations, people, registrations, delegates, enrolments, attended, trained, sideEvents].map(String.init)
        }
    }

    /// The totals, with what was held.
    struct Totals: Encodable, Sendable {
        var figures: Figures
        var eventsHeld: Int
        var workshopsHeld: Int

        enum CodingKeys: String, CodingKey { case eventsHeld, workshopsHeld }

        func encode(to encoder: any Encoder) throws {
            try figures.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(eventsHeld, forKey: .eventsHeld)
            try container.encode(workshopsHeld, forKey: .workshopsHeld)
        }
    }

    /// One group: its keys (`event_id` and `event_title` for an event, likewise for a workshop) and figures.
    struct Group: Encodable, Sendable {
        var keys: [(name: String, value: String?)]
        var figures: Figures

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: NamedKey.self)
            for (name, value) in keys { try container.encode(value, forKey: NamedKey(name)) }
            try figures.encode(to: encoder)
        }
    }

    var groupBy: [String]
    var totals: Totals
    var groups: [Group]

    init(_ statistics: ParticipationStatistics, groupBy: [ParticipationQuery.Dimension]) {
        self.groupBy = groupBy.map(\.rawValue)
        totals = Totals(figures: Figures(statistics.totals), eventsHeld: statistics.eventsHeld, workshopsHeld: statistics.workshopsHeld)
        groups = statistics.groups.map { group in
            var keys: [(name: String, value: String?)] = []
            for dimension in groupBy {
                let value = group.keys[dimension] ?? nil
                switch dimension {
                case .event, .workshop:
                    keys.append(("\(dimension.rawValue)_id", value))
                    keys.append(("\(dimension.rawValue)_title", value == nil ? nil : group.title))
                default:
                    keys.append((dimension.rawValue, value))
                }
            }
            return Group(keys: keys, figures: Figures(group.figures))
        }
    }

    /// One row per group (the totals alone when not grouped), keys first.
    var csv: String {
        let keyNames = groups.first?.keys.map(\.name) ?? groupBy.flatMap { ["event", "workshop"].contains($0) ? ["\($0)_id", "\($0)_title"] : [$0] }
        var writer = CSVWriter(header: keyNames + Figures.names)
        if groupBy.isEmpty {
            writer.append(totals.figures.cells)
        } else {
            for group in groups { writer.append(group.keys.map(\.value) + group.figures.cells) }
        }
        return writer.text
    }
}
