import Foundation

/// What a workshop's attendees said: per learning objective, how many rated it, the mean and the
/// count of each rating; and the comments, without names.
public struct FeedbackSummary: Sendable, Equatable {
    public struct Objective: Sendable, Equatable {
        public var text: LocalizedText
        public var responses: Int
        /// Nil when nobody rated it.
        public var mean: Double?
        /// How many gave 1, 2, 3, 4 and 5.
        public var counts: [Int]
    }

    public var workshopID: WorkshopID
    /// Confirmed enrolments whose attendance is recorded: who was asked.
    public var attendees: Int
    public var responses: Int
    public var objectives: [Objective]
    /// The mean of every rating given, all objectives together; nil when none was.
    public var mean: Double?
    /// How many ratings were given, and their sum (to sum several workshops exactly).
    public var ratingCount: Int
    public var ratingSum: Int
    /// Newest first.
    public var comments: [String]

    /// Sums `answers` to `workshop`'s form (ratings beyond its objectives are ignored).
    public init(_ workshop: Workshop, attendees: Int, answers: [WorkshopFeedback]) {
        workshopID = workshop.id
        self.attendees = attendees
        responses = answers.count
        objectives = workshop.objectives.indices.map { index in
            let given = answers.compactMap { index < $0.ratings.count ? $0.ratings[index] : nil }
            return Objective(
                text: workshop.objectives[index], responses: given.count, mean: Self.mean(given),
                counts: (1...5).map { rating in given.filter { $0 == rating }.count })
        }
        let all = answers.flatMap { $0.ratings.prefix(workshop.objectives.count).compactMap { $0 } }
        mean = Self.mean(all)
        ratingCount = all.count
        ratingSum = all.reduce(0, +)
        comments = answers.sorted { $0.updatedAt > $1.updatedAt }.compactMap(\.comment)
    }

    /// The mean to two decimals, nil for none.
    static func mean(_ ratings: [Int]) -> Double? {
        mean(sum: ratings.reduce(0, +), count: ratings.count)
    }

    /// `sum / count` to two decimals, nil when `count` is 0.
    public static func mean(sum: Int, count: Int) -> Double? {
        guard count > 0 else { return nil }
        return (Double(sum) / Double(count) * 100).rounded() / 100
    }
}
