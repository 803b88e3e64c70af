import CCurlShim
import Foundation

/// `HTTPTransport` over libcurl's easy interface, run off the cooperative thread pool.
///
/// No redirects are followed, only http and https are allowed, and the response body is
/// read up to `maxResponseBytes`.
public struct CurlTransport: HTTPTransport {
    public let userAgent: String
    public let maxResponseBytes: Int

    public init(userAgent: String, maxResponseBytes: Int = 64 * 1024) {
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
        _ = Self.globalInit
    }

    /// libcurl's global initialisation is not thread-safe: run it once per process.
    private static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    public func post(_ request: OutboundRequest) async -> OutboundResult {
        let limit = maxResponseBytes
        let agent = userAgent
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.perform(request, userAgent: agent, limit: limit))
            }
        }
    }

    // MARK: libcurl

    private final class Sink {
        var data = Data()
        let limit: Int
        init(limit: Int) { self.limit = limit }
    }

    private static func perform(_ request: OutboundRequest, userAgent: String, limit: Int) -> OutboundResult {
        let started = ContinuousClock.now
        guard let handle = curl_easy_init() else {
            return OutboundResult(status: nil, error: "libcurl could not create a handle", duration: .zero)
        }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        defer { curl_slist_free_all(headerList) }
        var resolveList: UnsafeMutablePointer<curl_slist>?
        for entry in request.resolve { resolveList = curl_slist_append(resolveList, entry) }
        defer { curl_slist_free_all(resolveList) }

        let sink = Sink(limit: limit)
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        let body = [UInt8](request.body)
        let code: CURLcode = body.withUnsafeBufferPointer { bytes in
            _ = engage_curl_setopt_string(handle, CURLOPT_URL, request.url)
            _ = engage_curl_setopt_long(handle, CURLOPT_POST, 1)
            _ = engage_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            _ = engage_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
            _ = engage_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
            _ = engage_curl_setopt_slist(handle, CURLOPT_RESOLVE, resolveList)
            _ = engage_curl_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
            _ = engage_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            _ = engage_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = engage_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = engage_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(request.timeout.components.seconds * 1000))
            _ = engage_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout.components.seconds * 1000))
            _ = engage_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
            _ = engage_curl_setopt_write_function(handle) { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                let total = size * count
                let room = max(0, sink.limit - sink.data.count)
                if room > 0 { sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: min(room, total)) }
                return total  // keep reading (and discarding) past the cap so the exchange completes
            }
            return curl_easy_perform(handle)
        }
        let elapsed = ContinuousClock.now - started
        guard code == CURLE_OK else {
            return OutboundResult(status: nil, body: sink.data, error: String(cString: curl_easy_strerror(code)), duration: elapsed)
        }
        var status = 0
        _ = engage_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return OutboundResult(status: status, body: sink.data, duration: elapsed)
    }
}
