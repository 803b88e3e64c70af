import EngageCore
import EngageDomain
import Foundation

/// The attendee's feedback form: what it asks, whether it is open, and the answer given so far.
struct FeedbackFormResponse: Encodable, Sendable {
    struct WorkshopFacts: Encodable, Sendable {
        var id: String
        var title: String
        var startsOn: String?
        var endsOn: String?
        var objectives: [String]
    }
    struct Answer: Encodable, Sendable {
        var ratings: [Int?]
        var comment: String?
        var submittedAt: Date
        var updatedAt: Date
    }

    var workshop: WorkshopFacts
    var participant: String
    /// Whether an answer is taken now; `reason` says why not.
    var open: Bool
    var reason: String?
    var answer: Answer?

    init(_ enrolment: Enrolment, _ workshop: Workshop, answer: WorkshopFeedback?, language: UNLanguage) {
        self.workshop = WorkshopFacts(
            id: workshop.id.rawValue, title: workshop.title.best(for: language)?.text ?? "", startsOn: workshop.dates?.startsOn.description,
            endsOn: workshop.dates?.endsOn.description, objectives: workshop.objectives.map { $0.best(for: language)?.text ?? "" })
        participant = enrolment.participant.name
        reason = Feedback.refusal(enrolment, of: workshop)
        open = reason == nil
        self.answer = answer.map { Answer(ratings: $0.ratings, comment: $0.comment, submittedAt: $0.submittedAt, updatedAt: $0.updatedAt) }
    }
}

/// One workshop's feedback summed per objective, with the comments.
struct FeedbackSummaryResponse: Encodable, Sendable {
    struct Objective: Encodable, Sendable {
        var objective: String
        var responses: Int
        var mean: Double?
        /// How many gave 1, 2, 3, 4 and 5.
        var counts: [Int]
    }

    var workshopId: String
    var attendees: Int
    var responses: Int
    var mean: Double?
    var objectives: [Objective]
    var comments: [String]

    init(_ summary: FeedbackSummary, language: UNLanguage) {
        workshopId = summary.workshopID.rawValue
        attendees = summary.attendees
        responses = summary.responses
        mean = summary.mean
        objectives = summary.objectives.map {
            Objective(objective: $0.text.best(for: language)?.text ?? "", responses: $0.responses, mean: $0.mean, counts: $0.counts)
        }
        comments = summary.comments
    }
}

/// A series' feedback: each workshop's totals, and the series'.
struct SeriesFeedbackResponse: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var workshopId: String
        var title: String
        var startsOn: String?
        var attendees: Int
        var responses: Int
        var mean: Double?
    }

    var series: String
    var attendees: Int
    var responses: Int
    /// The mean of every rating given in the series.
    var mean: Double?
    var workshops: [Item]

    init(series: String, summaries: [FeedbackSummary], titles: [WorkshopID: (String, DateRange?)]) {
        self.series = series
        attendees = summaries.reduce(0) { $0 + $1.attendees }
        responses = summaries.reduce(0) { $0 + $1.responses }
        mean = FeedbackSummary.mean(sum: summaries.reduce(0) { $0 + $1.ratingSum }, count: summaries.reduce(0) { $0 + $1.ratingCount })
        workshops = summaries.map {
            Item(workshopId: $0.workshopID.rawValue, title: titles[$0.workshopID]?.0 ?? "", startsOn: titles[$0.workshopID]?.1?.startsOn.description,
                 attendees: $0.attendees, responses: $0.responses, mean: $0.mean)
        }
    }
}
