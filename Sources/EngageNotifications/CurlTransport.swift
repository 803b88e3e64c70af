import CCurlShim
import Foundation
import Synchronization

/// `HTTPTransport` over libcurl's easy interface, run off the cooperative thread pool.
///
/// No redirects are followed, only http and https are allowed, and the response body is
/// read up to `maxResponseBytes`. `abortAll()` stops every transfer in flight (graceful shutdown).
/// Easy handles are reused from a small pool, and with them their open connections: consecutive
/// deliveries to one receiver share a keep-alive connection (and a TLS session) instead of
/// connecting again each time.
public final class CurlTransport: HTTPTransport {
    public let userAgent: String
    public let maxResponseBytes: Int
    private let aborting = Atomic<Bool>(false)
    private let handles = CurlHandlePool()

    public init(userAgent: String, maxResponseBytes: Int = 64 * 1024) {
        self.userAgent = userAgent
        self.maxResponseBytes = maxResponseBytes
        _ = Self.globalInit
    }

    /// libcurl's global initialisation is not thread-safe: run it once per process (both transports use this one).
    static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    public func post(_ request: OutboundRequest) async -> OutboundResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.perform(request))
            }
        }
    }

    /// Aborts the transfers in flight and refuses new ones.
    public func abortAll() {
        aborting.store(true, ordering: .relaxed)
    }

    // MARK: libcurl

    /// What the callbacks write into; passed to them as their context pointer.
    private final class Exchange {
        var body = Data()
        var headers: [String: String] = [:]
        let limit: Int
        let transport: CurlTransport
        init(limit: Int, transport: CurlTransport) {
            self.limit = limit
            self.transport = transport
        }
    }

    private func perform(_ request: OutboundRequest) -> OutboundResult {
        let started = ContinuousClock.now
        if aborting.load(ordering: .relaxed) { return OutboundResult(status: nil, error: "aborted: the server is shutting down", duration: .zero) }
        guard let pooled = handles.take() else {
            return OutboundResult(status: nil, error: "libcurl could not create a handle", duration: .zero)
        }
        defer { handles.giveBack(pooled) }
        let handle = pooled.curl
        var headerList: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        headerList = curl_slist_append(headerList, "Expect:")  // no 100-continue round trip
        defer { curl_slist_free_all(headerList) }
        var resolveList: UnsafeMutablePointer<curl_slist>?
        for entry in request.resolve { resolveList = curl_slist_append(resolveList, entry) }
        defer { curl_slist_free_all(resolveList) }

        let exchange = Exchange(limit: maxResponseBytes, transport: self)
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        let body = [UInt8](request.body)
        let code: CURLcode = withExtendedLifetime(exchange) {
            body.withUnsafeBufferPointer { bytes in
                _ = engage_curl_setopt_string(handle, CURLOPT_URL, request.url)
                _ = engage_curl_setopt_long(handle, CURLOPT_POST, 1)
                _ = engage_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                _ = engage_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
                _ = engage_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
                _ = engage_curl_setopt_slist(handle, CURLOPT_RESOLVE, resolveList)
                _ = engage_curl_setopt_string(handle, CURLOPT_USERAGENT, userAgent)
                _ = engage_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                // No proxy from the environment: a proxy would resolve the host again and defeat the pinned, checked address.
                _ = engage_curl_setopt_string(handle, CURLOPT_PROXY, "")
                _ = engage_curl_setopt_string(handle, CURLOPT_NOPROXY, "*")
                _ = engage_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
                _ = engage_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                _ = engage_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.timeout.wholeMilliseconds)
                _ = engage_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.wholeMilliseconds)
                _ = engage_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
                _ = engage_curl_setopt_write_function(handle) { data, size, count, context in
                    guard let data, let context else { return 0 }
                    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
                    let total = size * count
                    let room = max(0, exchange.limit - exchange.body.count)
                    if room > 0 { exchange.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: min(room, total)) }
                    return total  // keep reading (and discarding) past the cap so the exchange completes
                }
                _ = engage_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
                _ = engage_curl_setopt_header_function(handle) { data, size, count, context in
                    guard let data, let context else { return 0 }
                    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
                    let total = size * count
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: total), as: UTF8.self)
                    if let colon = line.firstIndex(of: ":"), exchange.headers.count < 100 {
                        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                        exchange.headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                    }
                    return total
                }
                _ = engage_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
                _ = engage_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
                _ = engage_curl_setopt_xferinfo_function(handle) { context, _, _, _, _ in
                    guard let context else { return 0 }
                    let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
                    return exchange.transport.aborting.load(ordering: .relaxed) ? 1 : 0
                }
                return curl_easy_perform(handle)
            }
        }
        let elapsed = ContinuousClock.now - started
        guard code == CURLE_OK else {
            let message = code == CURLE_ABORTED_BY_CALLBACK ? "aborted: the server is shutting down" : String(cString: curl_easy_strerror(code))
            return OutboundResult(status: nil, body: exchange.body, error: message, duration: elapsed)
        }
        var status = 0
        _ = engage_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return OutboundResult(status: status, headers: exchange.headers, body: exchange.body, duration: elapsed)
    }
}
