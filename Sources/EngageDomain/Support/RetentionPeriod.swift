import Foundation

/// How long personal data is kept, as an ISO 8601 calendar duration (`P2Y`, `P18M`, `P1Y6M`, `P90D`, `P4W`).
public struct RetentionPeriod: Sendable, Equatable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// Parses the date part of an ISO 8601 duration; time parts (`PT…`) and zero lengths are refused.
    public init?(iso text: String) {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P"), rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var parts: [Character: Int] = [:]
        var order: [Character] = ["Y", "M", "W", "D"]
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 5, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.first, let index = order.firstIndex(of: unit) else { return nil }
            parts[unit] = value
            order.removeFirst(index + 1)  // units come in order, each once
            rest = rest.dropFirst()
        }
        self.init(years: parts["Y"] ?? 0, months: parts["M"] ?? 0, days: (parts["W"] ?? 0) * 7 + (parts["D"] ?? 0))
        guard years + months + days > 0 else { return nil }
    }

    /// The first date still kept on `today`: anything that ended before it is past retention.
    public func cutoff(on today: LocalDate) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: today.year, month: today.month, day: today.day))!
        let back = DateComponents(year: -years, month: -months, day: -days)
        return LocalDate(calendar.date(byAdding: back, to: start)!)
    }

    /// The ISO 8601 form.
    public var description: String {
        "P" + (years > 0 ? "\(years)Y" : "") + (months > 0 ? "\(months)M" : "") + (days > 0 ? "\(days)D" : "")
    }
}
