import EngageDomain
import Testing

@Suite("Lifecycle of scheduled things (events and workshops)")
struct LifecycleTests {
    private let dates = DateRange(startsOn: LocalDate(iso: "2027-05-17")!, endsOn: LocalDate(iso: "2027-05-21")!)
    private let today = LocalDate(iso: "2027-06-01")!

    @Test("every allowed move, with its status, dates, reason and history action")
    func allowed() throws {
        let later = DateRange(startsOn: LocalDate(iso: "2028-01-10")!, endsOn: LocalDate(iso: "2028-01-12")!)
        let postponed = try EventTransition.postpone(reason: "COVID-19", dates: nil).apply(to: .scheduled, dates: dates, subject: "event", today: today)
        #expect(postponed == ScheduleChange(status: .postponed, dates: nil, reason: "COVID-19", historyAction: .postponed))
        let rescheduled = try EventTransition.reschedule(later).apply(to: .postponed, dates: nil, subject: "event", today: today)
        #expect(rescheduled == ScheduleChange(status: .scheduled, dates: later, reason: nil, historyAction: .rescheduled))
        let cancelled = try EventTransition.cancel(reason: "Funding").apply(to: .postponed, dates: later, subject: "event", today: today)
        #expect(cancelled == ScheduleChange(status: .cancelled, dates: later, reason: "Funding", historyAction: .cancelled))
        let completed = try EventTransition.complete.apply(to: .scheduled, dates: dates, subject: "event", today: today)
        #expect(completed.status == .completed && completed.dates == dates)
    }

    @Test("illegal moves and early completion are conflicts", arguments: [
        (EventStatus.cancelled, EventTransition.reschedule(DateRange(startsOn: LocalDate(iso: "2028-01-01")!, endsOn: LocalDate(iso: "2028-01-01")!))),
        (.completed, .postpone(reason: "x", dates: nil)),
        (.postponed, .complete),
        (.cancelled, .cancel(reason: "again")),
    ])
    func illegal(status: EventStatus, transition: EventTransition) {
        #expect(throws: DomainError.self) { try transition.apply(to: status, dates: dates, subject: "event", today: today) }
    }

    @Test("completion waits for the first day, and needs dates")
    func completion() throws {
        let before = LocalDate(iso: "2027-05-16")!
        #expect(throws: DomainError.self) { try EventTransition.complete.apply(to: .scheduled, dates: dates, subject: "event", today: before) }
        #expect(throws: DomainError.self) { try EventTransition.complete.apply(to: .scheduled, dates: nil, subject: "event", today: today) }
        #expect(try EventTransition.complete.apply(to: .scheduled, dates: dates, subject: "event", today: dates.startsOn).status == .completed)
    }
}
