import CCurlShim
import Synchronization

/// Idle libcurl easy handles, kept for the next transfer. A handle keeps its connections open
/// between transfers, so the next one to the same server reuses a connection instead of opening
/// (and, for SMTP, greeting) a new one. Shared by the transfers of one transport, one at a time each.
final class CurlHandlePool: Sendable {
    /// One easy handle; used by one transfer at a time.
    final class Handle: @unchecked Sendable {
        let curl: UnsafeMutableRawPointer
        fileprivate init?() {
            guard let curl = curl_easy_init() else { return nil }
            self.curl = curl
        }
        deinit { curl_easy_cleanup(curl) }
    }

    private let idle = Mutex<[Handle]>([])
    /// The most idle handles kept: about the number of transfers that run at once.
    private let limit: Int

    init(limit: Int = 16) {
        self.limit = limit
    }

    /// An idle handle (with its open connections), or a new one; nil if libcurl cannot make one.
    func take() -> Handle? {
        idle.withLock { $0.popLast() } ?? Handle()
    }

    /// Takes `handle` back after its transfer. Its options return to their defaults, so it points at
    /// nothing the transfer freed; its connections, DNS and TLS session caches stay.
    func giveBack(_ handle: Handle) {
        curl_easy_reset(handle.curl)
        idle.withLock { handles in
            if handles.count < limit { handles.append(handle) }
        }
    }
}
