/// The WhatsOn hub's public figures: approved organisations counted by kind, region, country and topic,
/// and by the month they registered.
public struct DirectoryStatistics: Sendable, Equatable {
    /// One group and how many organisations are in it.
    public struct Count: Sendable, Equatable {
        public var key: String
        public var count: Int

        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    public var total: Int
    public var byKind: [Count]
    public var byRegion: [Count]
    public var byCountry: [Count]
    public var byTopic: [Count]
    /// `YYYY-MM` of registration.
    public var byMonth: [Count]

    public init(total: Int, byKind: [Count], byRegion: [Count], byCountry: [Count], byTopic: [Count], byMonth: [Count]) {
        self.total = total
        self.byKind = byKind
        self.byRegion = byRegion
        self.byCountry = byCountry
        self.byTopic = byTopic
        self.byMonth = byMonth
    }
}
