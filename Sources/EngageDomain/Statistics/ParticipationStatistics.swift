/// Who took part in what: the figures the Secretariat reports to donors.
public struct ParticipationStatistics: Sendable, Equatable {
    /// The counts of one group (or of everything).
    ///
    /// A registration counts once it is approved, an enrolment once it is confirmed, a side event once
    /// its application is approved; nothing of a cancelled event or workshop counts.
    public struct Figures: Sendable, Equatable {
        /// Distinct organisations with an approved registration, a confirmed enrolment or an approved side event.
        public var organisations: Int
        /// Distinct people (by e-mail address, case-insensitive; an erased record as one person of its own) among the
        /// delegates of approved registrations and the confirmed enrolments.
        public var people: Int
        /// Approved registrations.
        public var registrations: Int
        /// People named on approved registrations (a person at two events counts twice).
        public var delegates: Int
        /// Confirmed enrolments.
        public var enrolments: Int
        /// Confirmed enrolments whose attendance was recorded as present.
        public var attended: Int
        /// Distinct people among those who attended.
        public var trained: Int
        /// Side events organised: approved side-event applications, counted for their organiser.
        public var sideEvents: Int

        public init(organisations: Int, people: Int, registrations: Int, delegates: Int, enrolments: Int, attended: Int, trained: Int, sideEvents: Int) {
            self.organisations = organisations
            self.people = people
            self.registrations = registrations
            self.delegates = delegates
            self.enrolments = enrolments
            self.attended = attended
            self.trained = trained
            self.sideEvents = sideEvents
        }

        /// All zero.
        public static let zero = Figures(organisations: 0, people: 0, registrations: 0, delegates: 0, enrolments: 0, attended: 0, trained: 0, sideEvents: 0)
    }

    /// One group: its value for each dimension (nil where not given, such as an undisclosed gender
    /// or an undated event's month), the title of its event or workshop, and its figures.
    public struct Group: Sendable, Equatable {
        public var keys: [ParticipationQuery.Dimension: String?]
        /// The event's or workshop's title, when grouped by it.
        public var title: String?
        public var figures: Figures

        public init(keys: [ParticipationQuery.Dimension: String?], title: String? = nil, figures: Figures) {
            self.keys = keys
            self.title = title
            self.figures = figures
        }
    }

    public var totals: Figures
    /// Events (side events included) and workshops that took place: completed, within the filters.
    public var eventsHeld: Int
    public var workshopsHeld: Int
    /// Ordered by the dimensions' values, groups without a value last.
    public var groups: [Group]

    public init(totals: Figures, eventsHeld: Int, workshopsHeld: Int, groups: [Group]) {
        self.totals = totals
        self.eventsHeld = eventsHeld
        self.workshopsHeld = workshopsHeld
        self.groups = groups
    }
}
