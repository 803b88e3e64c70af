import EngageDomain
import Foundation
import Mustache

/// A message in one language, ready to be wrapped in MIME.
public struct RenderedMail: Sendable, Equatable {
    public var subject: String
    public var text: String
    public var html: String
    /// The language it is written in.
    public var language: UNLanguage
}

/// Writes messages from the Mustache templates in `Resources/mail`: one catalogue per UN language
/// (subject, lead and action per notification type, plus the common lines) and one layout each for
/// plain text and HTML. A string missing from a language falls back to English.
public struct MailRenderer: Sendable {
    private struct Catalog: Decodable, Sendable {
        var common: [String: String]
        var types: [String: [String: String]]
    }

    private let catalogs: [UNLanguage: Catalog]
    private let textLayout: MustacheTemplate
    private let htmlLayout: MustacheTemplate
    private let certificateLayout: MustacheTemplate

    /// The renderer over the templates built into the binary. They are checked by the tests; a
    /// malformed one is a build defect, so it stops the process rather than every mail and page.
    public static let embedded: MailRenderer = {
        do { return try MailRenderer() } catch { preconditionFailure("the embedded mail templates are malformed: \(error)") }
    }()

    /// Loads the embedded catalogues and layouts; throws only if they are malformed (a build defect).
    public init() throws {
        let sources: [UNLanguage: [UInt8]] = [
            .ar: PackageResources.ar_json, .zh: PackageResources.zh_json, .en: PackageResources.en_json,
            .fr: PackageResources.fr_json, .ru: PackageResources.ru_json, .es: PackageResources.es_json,
        ]
        catalogs = try sources.mapValues { try JSONDecoder().decode(Catalog.self, from: Data($0)) }
        textLayout = try MustacheTemplate(string: String(decoding: PackageResources.text_mustache, as: UTF8.self))
        htmlLayout = try MustacheTemplate(string: String(decoding: PackageResources.html_mustache, as: UTF8.self))
        certificateLayout = try MustacheTemplate(string: String(decoding: PackageResources.certificate_mustache, as: UTF8.self))
    }

    /// A certificate of attendance as a printable page, in `language`, from the catalogues' common strings.
    public func certificate(_ certificate: CertificatePage, language: UNLanguage) -> String {
        var values: [String: Any] = [
            "name": certificate.participant, "organisation": certificate.organisation, "title": certificate.title,
            "dates": dates(MailContext(startsOn: certificate.startsOn, endsOn: certificate.endsOn), language),
            "code": certificate.code, "verify_url": certificate.verifyURL,
            "language": language.rawValue, "direction": language.isRightToLeft ? "rtl" : "ltr",
        ]
        if let series = certificate.series { values["series"] = series }
        if let reason = certificate.invalidReason { values["reason"] = reason }
        var page = values
        for key in ["certificate_title", "certificate_statement", "certificate_attended", "certificate_verify", "signature"] {
            page[key] = fill(commonString(key, language) ?? "", values, html: false)
        }
        if certificate.series != nil { page["series_line"] = fill(commonString("certificate_series", language) ?? "", values, html: false) }
        if certificate.invalidReason != nil { page["invalid"] = fill(commonString("certificate_invalid", language) ?? "", values, html: false) }
        return certificateLayout.render(page)
    }

    /// The message of `type` for one recipient, in `language` (English where a string is missing);
    /// `links` are the URLs its strings name (`certificate_url`).
    public func render(
        _ type: NotificationType, context: MailContext, recipientName: String, language: UNLanguage, unsubscribeURL: String?,
        links: [String: String] = [:]
    ) -> RenderedMail {
        var values: [String: Any] = [
            "name": recipientName,
            "organisation": context.organisation ?? "",
            "title": context.title ?? "",
            "dates": dates(context, language),
            "language": language.rawValue,
            "direction": language.isRightToLeft ? "rtl" : "ltr",
        ]
        if let reason = context.reason, !reason.isEmpty { values["reason"] = reason }
        if let participant = context.participant { values["participant"] = participant }
        if let position = context.position { values["position"] = position }
        if let before = context.previousPosition, let now = context.position {
            values["previous_position"] = before
            values["moved_up"] = now < before
        }
        if let status = context.status { values["status"] = status }
        if let unsubscribeURL { values["unsubscribe_url"] = unsubscribeURL }
        for (name, url) in links { values[name] = url }
        // An announcement's own text, in the recipient's language where it was written in it.
        if let titles = context.localizedTitle.map(Self.localized), let best = titles.best(for: language) {
            values["title"] = best.text
            values["body"] = context.localizedBody.map(Self.localized)?.best(for: best.language)?.text ?? ""
        }
        // The dates it had, when they were dates and they changed.
        if let start = context.previousStartsOn, start != context.startsOn || context.previousEndsOn != context.endsOn {
            values["previous_dates"] = dates(MailContext(startsOn: start, endsOn: context.previousEndsOn), language)
        }

        let known = catalogs[.en]?.types[type.rawValue] != nil
        func line(_ key: String, html: Bool) -> String {
            let source = known ? typeString(type, key, language) : commonString("generic_\(key)", language) ?? ""
            return fill(source, values, html: html)
        }
        func common(_ key: String, html: Bool) -> String { fill(commonString(key, language) ?? "", values, html: html) }

        let subject = line("subject", html: false)
        var text = values, page = values
        for key in ["lead", "action"] {
            text[key] = line(key, html: false)
            page[key] = line(key, html: true)
        }
        for key in ["greeting", "signature", "why", "unsubscribe", "unsubscribe_text", "security"] {
            text[key] = common(key, html: false)
            page[key] = common(key, html: true)
        }
        page["subject"] = subject
        return RenderedMail(
            subject: subject,
            text: textLayout.render(text).trimmingCharacters(in: .whitespacesAndNewlines) + "\n",
            html: htmlLayout.render(page), language: language)
    }

    /// The strings a language's catalogue lacks beside English (`fr: types.event.postponed.lead`), for
    /// the test that keeps the six catalogues complete (rendering falls back to English and would hide a gap).
    public func missingTranslations() -> [String] {
        guard let english = catalogs[.fallback] else { return ["en: the catalogue"] }
        var missing: [String] = []
        for language in UNLanguage.allCases where language != .fallback {
            let catalog = catalogs[language]
            missing += english.common.keys.filter { catalog?.common[$0] == nil }.map { "\(language.rawValue): common.\($0)" }
            for (type, strings) in english.types {
                missing += strings.keys.filter { catalog?.types[type]?[$0] == nil }.map { "\(language.rawValue): types.\(type).\($0)" }
            }
        }
        return missing.sorted()
    }

    // MARK: Strings

    private func typeString(_ type: NotificationType, _ key: String, _ language: UNLanguage) -> String {
        catalogs[language]?.types[type.rawValue]?[key] ?? catalogs[.fallback]?.types[type.rawValue]?[key] ?? ""
    }

    private func commonString(_ key: String, _ language: UNLanguage) -> String? {
        catalogs[language]?.common[key] ?? catalogs[.fallback]?.common[key]
    }

    /// Renders one catalogue string: its values escaped for HTML, or left as they are for text.
    private func fill(_ source: String, _ values: [String: Any], html: Bool) -> String {
        guard let template = try? MustacheTemplate(string: html ? source : "{{% CONTENT_TYPE: TEXT}}" + source) else { return source }
        return template.render(values)
    }

    // MARK: Dates

    /// `12 May 2027`, or `12 May 2027 – 16 May 2027`, in the recipient's language; "dates not yet decided" when there are none.
    func dates(_ context: MailContext, _ language: UNLanguage) -> String {
        guard let start = context.startsOn.flatMap(Self.day) else { return commonString("dates_undecided", language) ?? "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: Self.locales[language] ?? "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        let first = formatter.string(from: start)
        guard let end = context.endsOn.flatMap(Self.day), end != start else { return first }
        return "\(first) – \(formatter.string(from: end))"
    }

    private static func localized(_ byCode: [String: String]) -> LocalizedText {
        LocalizedText(Dictionary(uniqueKeysWithValues: byCode.compactMap { code, text in UNLanguage(rawValue: code).map { ($0, text) } }))
    }

    private static let locales: [UNLanguage: String] = [.ar: "ar", .zh: "zh_Hans_CN", .en: "en_GB", .fr: "fr_FR", .ru: "ru_RU", .es: "es_ES"]

    private static func day(_ iso: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: iso)
    }
}
