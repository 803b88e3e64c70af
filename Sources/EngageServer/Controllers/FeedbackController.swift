import EngageCore
import EngageDomain
import Foundation
import Hummingbird

/// Workshop feedback: `/v1/feedback/{token}` is the attendee's form (the token, sent by mail, is the
/// only key), `/v1/workshops/{id}/feedback` and `/v1/statistics/feedback?series=` what staff read.
struct FeedbackController: Sendable {
    let feedback: any FeedbackRepository
    let workshops: any WorkshopRepository
    /// Opens the forms' tokens.
    let forms: EnrolmentLink
    let clock: TimeSource

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/v1/feedback/:token", use: form)
        router.put("/v1/feedback/:token", use: answer)
        router.get("/v1/workshops/:id/feedback", use: summary)
        router.get("/v1/statistics/feedback", use: series)
    }

    // MARK: The attendee's form

    /// The form: the workshop, its objectives in the reader's language, whether it is open, and the answer given so far.
    @Sendable func form(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        try query.check()
        let (enrolment, workshop) = try await opened(context)
        let given = try await feedback.find(enrolment.id)
        return try JSONResponse.make(FeedbackFormResponse(enrolment, workshop, answer: given, language: language.first),
                                     headers: [.cacheControl: "private, no-store"])
    }

    /// Gives or replaces the answer: `{ratings: [1–5 or null per objective], comment}`.
    @Sendable func answer(_ request: Request, context: EngageRequestContext) async throws -> Response {
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        try query.check()
        let (enrolment, workshop) = try await opened(context)
        let input = try WorkshopFeedbackInput.parse(try await RequestBody.json(request, context: context), objectives: workshop.objectives.count)
        let stored = try await feedback.answer(enrolment.id, input, now: clock.now())
        return try JSONResponse.make(FeedbackFormResponse(enrolment, workshop, answer: stored, language: language.first),
                                     headers: [.cacheControl: "private, no-store"])
    }

    // MARK: What staff read

    /// One workshop's answers summed per objective, with the comments (API keys).
    @Sendable func summary(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        let id = try context.identifier("id", as: WorkshopID.self, resource: "workshop")
        var query = QueryReader(request, context)
        let language = LanguagePreference.of(request, query: &query)
        try query.check()
        guard let workshop = try await workshops.find(id)?.workshop else { throw DomainError.notFound(resource: "workshop", id: id.rawValue) }
        let (answers, attendees) = try await feedback.answers(to: id)
        return try JSONResponse.make(FeedbackSummaryResponse(FeedbackSummary(workshop, attendees: attendees, answers: answers), language: language.first))
    }

    /// Every workshop of a series, each summed, and the series as a whole (API keys).
    @Sendable func series(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try context.requireReader()
        var query = QueryReader(request, context)
        let series = query.searchText("series")
        if series == nil { query.fail("series", "is required: the series whose workshops to sum (SE4U, say)") }
        try query.check()
        var summaries: [FeedbackSummary] = []
        var titles: [WorkshopID: (String, DateRange?)] = [:]
        var page = PageRequest(limit: PageRequest.maximumLimit)
        repeat {
            let found = try await workshops.list(WorkshopFilter(series: series), page: page)
            for item in found.items {
                let (answers, attendees) = try await feedback.answers(to: item.workshop.id)
                summaries.append(FeedbackSummary(item.workshop, attendees: attendees, answers: answers))
                titles[item.workshop.id] = (item.workshop.title.best(for: .fallback)?.text ?? "", item.workshop.dates)
            }
            page.after = found.next
        } while page.after != nil
        return try JSONResponse.make(SeriesFeedbackResponse(series: series ?? "", summaries: summaries, titles: titles))
    }

    // MARK: Helpers

    /// The enrolment and workshop a form token names; 404 for a token that does not verify.
    private func opened(_ context: EngageRequestContext) async throws -> (Enrolment, Workshop) {
        let token = try context.parameters.require("token")
        guard let found = try await forms.resolve(token) else { throw DomainError.notFound(resource: "feedback form", id: token) }
        return found
    }
}
