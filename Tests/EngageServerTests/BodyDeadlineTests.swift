@testable import EngageServer
import NIOCore
import NIOPosix
import Synchronization
import Testing

@Suite("The request body's deadline")
struct BodyDeadlineTests {
    let loop = MultiThreadedEventLoopGroup.singleton.next()

    @Test("the wait ends, without an error, once its time is up and not before", .timeLimit(.minutes(1)))
    func ends() async throws {
        let started = ContinuousClock.now
        try await BodyDeadline.wait(.milliseconds(20), on: loop)
        #expect(ContinuousClock.now - started >= .milliseconds(20))
    }

    /// What the deadline is for: the timer of a cancelled wait leaves the event loop's queue.
    @Test("cancelling the wait cancels its timer on the event loop", .timeLimit(.minutes(1)))
    func timerCancelled() async throws {
        // Given a task waiting an hour, and its timer
        let timer = TimerBox()
        let waiting = Task { try await BodyDeadline.wait(.seconds(3_600), on: loop) { scheduled in timer.value.withLock { $0 = scheduled } } }
        while timer.value.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(5)) }

        // When the task is cancelled
        waiting.cancel()
        _ = try? await waiting.value

        // Then the timer's future fails as cancelled (it would succeed only after the hour)
        let scheduled = try #require(timer.value.withLock { $0 })
        await #expect(throws: EventLoopError.self) { try await scheduled.futureResult.get() }
    }

    /// A cancelled wait must not sit out its hour: the time limit fails the test if it does.
    @Test("a cancelled wait ends at once with CancellationError", .timeLimit(.minutes(1)))
    func cancelled() async throws {
        // Given a task waiting an hour
        let waiting = Task { try await BodyDeadline.wait(.seconds(3_600), on: loop) }
        try await Task.sleep(for: .milliseconds(20))

        // When it is cancelled
        waiting.cancel()

        // Then the wait throws CancellationError
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    @Test("a task cancelled before it waits does not wait", .timeLimit(.minutes(1)))
    func cancelledFirst() async throws {
        let waiting = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await BodyDeadline.wait(.seconds(3_600), on: loop)
        }
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }

    private final class TimerBox: Sendable {
        let value = Mutex<Scheduled<Void>?>(nil)
    }
}
