import NIOCore
import Synchronization

/// The wait a request body races against its time limit: a timer on the connection's event loop that,
/// unlike `Task.sleep`, is taken off the loop's queue the moment the wait is cancelled.
///
/// On Linux a cancelled `Task.sleep` returns at once but leaves its timer (about 750 bytes) queued until
/// the deadline. With a 30 s limit every POST kept 30 s worth of timers alive: 26 MB more heap after 35,000
/// bad POSTs in 3 s, and no end to it under a steady stream of writes (`docs/performance.md`, 2026-12-04,
/// fourth session). NIO takes a cancelled scheduled task off its queue at once.
enum BodyDeadline {
    /// Returns once `timeout` has passed; throws `CancellationError` as soon as the calling task is cancelled.
    /// `scheduled` sees the timer once it is set (for tests: it fails with `EventLoopError.cancelled` when the wait is cancelled).
    static func wait(_ timeout: Duration, on eventLoop: any EventLoop, scheduled: (Scheduled<Void>) -> Void = { _ in }) async throws {
        try Task.checkCancellation()
        let waiter = Waiter()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) { waiter.fire() }
                scheduled(timer)
                waiter.start(timer, continuation)
            }
        } onCancel: {
            waiter.cancel()
        }
    }

    /// The wait's state, shared by the task, the timer and the cancellation handler (which may run in any order).
    private final class Waiter: Sendable {
        private enum State {
            case idle
            case waiting(Scheduled<Void>, CheckedContinuation<Void, any Error>)
            case fired
            case cancelled
        }

        private let state = Mutex(State.idle)

        /// The timer is set: wait for it, unless it already fired or the task was cancelled meanwhile.
        func start(_ scheduled: Scheduled<Void>, _ continuation: CheckedContinuation<Void, any Error>) {
            let outcome: Result<Void, any Error>? = state.withLock { state in
                switch state {
                case .idle:
                    state = .waiting(scheduled, continuation)
                    return nil
                case .fired: return .success(())
                case .cancelled, .waiting: return .failure(CancellationError())
                }
            }
            guard let outcome else { return }
            if case .failure = outcome { scheduled.cancel() }
            continuation.resume(with: outcome)
        }

        /// The deadline passed.
        func fire() {
            let continuation: CheckedContinuation<Void, any Error>? = state.withLock { state in
                defer { if case .idle = state { state = .fired } }
                guard case .waiting(_, let continuation) = state else { return nil }
                state = .fired
                return continuation
            }
            continuation?.resume()
        }

        /// The task was cancelled: the timer goes, and the wait ends now.
        func cancel() {
            let waiting: (Scheduled<Void>, CheckedContinuation<Void, any Error>)? = state.withLock { state in
                defer { state = .cancelled }
                guard case .waiting(let scheduled, let continuation) = state else { return nil }
                return (scheduled, continuation)
            }
            guard let (scheduled, continuation) = waiting else { return }
            scheduled.cancel()
            continuation.resume(throwing: CancellationError())
        }
    }
}
