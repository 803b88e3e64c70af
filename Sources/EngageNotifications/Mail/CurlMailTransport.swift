import CCurlShim
import Foundation

/// `MailTransport` over libcurl's SMTP, run off the cooperative thread pool.
///
/// Easy handles are kept in a small pool and reused, so consecutive messages share the SMTP
/// connection libcurl keeps open on each handle instead of greeting the server every time.
public final class CurlMailTransport: MailTransport {
    private let settings: SMTPSettings
    private let handles = CurlHandlePool(limit: 8)

    public init(settings: SMTPSettings) {
        self.settings = settings
        _ = CurlTransport.globalInit
    }

    public func send(_ message: OutboundMail) async -> MailResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.perform(message))
            }
        }
    }

    // MARK: libcurl

    /// The message bytes and how far libcurl has read them; the read callback's context.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ data: Data) { bytes = [UInt8](data) }
    }

    private func perform(_ message: OutboundMail) -> MailResult {
        let started = ContinuousClock.now
        guard let handle = handles.take() else {
            return MailResult(replyCode: nil, error: "libcurl could not create a handle", duration: .zero)
        }
        let curl = handle.curl
        var recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(message.recipient)>")
        defer { curl_slist_free_all(recipients); recipients = nil }
        let upload = Upload(message.data)
        let context = Unmanaged.passUnretained(upload).toOpaque()
        // libcurl's own account of a failure ("RCPT failed: 550"): which step of the exchange refused.
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        let code: CURLcode = withExtendedLifetime(upload) {
            _ = engage_curl_setopt_string(curl, CURLOPT_URL, settings.url)
            _ = engage_curl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            _ = engage_curl_setopt_string(curl, CURLOPT_MAIL_FROM, "<\(message.from)>")
            _ = engage_curl_setopt_slist(curl, CURLOPT_MAIL_RCPT, recipients)
            _ = engage_curl_setopt_long(curl, CURLOPT_UPLOAD, 1)
            _ = engage_curl_setopt_long(curl, CURLOPT_INFILESIZE, upload.bytes.count)
            // Credentials never travel in clear: with them, TLS (STARTTLS or smtps) is required.
            let requireTLS = settings.requireTLS || settings.username != nil
            _ = engage_curl_setopt_long(curl, CURLOPT_USE_SSL, Int(requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
            if let username = settings.username { _ = engage_curl_setopt_string(curl, CURLOPT_USERNAME, username) }
            if let password = settings.password { _ = engage_curl_setopt_string(curl, CURLOPT_PASSWORD, password) }
            _ = engage_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
            _ = engage_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, settings.timeout.wholeMilliseconds)
            _ = engage_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.wholeMilliseconds)
            _ = engage_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer)
            _ = engage_curl_setopt_pointer(curl, CURLOPT_READDATA, context)
            _ = engage_curl_setopt_read_function(curl) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
                let room = size * count
                let remaining = upload.bytes.count - upload.offset
                let chunk = min(room, remaining)
                if chunk > 0 {
                    upload.bytes.withUnsafeBufferPointer { source in
                        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: chunk)
                    }
                    upload.offset += chunk
                }
                return chunk
            }
            return curl_easy_perform(curl)
        }
        var reply = 0
        _ = engage_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &reply)
        let detail = String(cString: errorBuffer)
        // Back to the pool with its options reset: it must not keep pointing at the recipient list and
        // the error buffer, freed below.
        handles.giveBack(handle)
        let elapsed = ContinuousClock.now - started
        guard code == CURLE_OK else {
            let step: MailResult.Step = code == CURLE_LOGIN_DENIED ? .login
                : detail.hasPrefix("RCPT failed") ? .recipient
                : detail.hasPrefix("MAIL failed") ? .sender : .other
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            return MailResult(replyCode: reply == 0 ? nil : reply, error: message, step: step, duration: elapsed)
        }
        return MailResult(replyCode: reply == 0 ? 250 : reply, duration: elapsed)
    }
}
