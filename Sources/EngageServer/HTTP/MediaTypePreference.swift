import Foundation
import Hummingbird

/// Which representation the caller's `Accept` header prefers, for the operations that answer in JSON
/// or one alternative (CSV, or a printable HTML page): the alternative only when it is named with a
/// higher (or equal, and earlier) quality than JSON; JSON for no header, `*/*` and everything else.
struct MediaTypePreference {
    /// Whether the alternative is preferred.
    let prefersAlternative: Bool

    /// Whether CSV is preferred (the alternative being `text/csv`).
    var prefersCSV: Bool { prefersAlternative }

    init(_ request: Request, alternative: String = "text/csv") {
        var csv = 0.0, json = 0.0, csvFirst = false
        for entry in (request.headers[.accept] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            let quality = parts.dropFirst().compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
            switch type {
            case alternative:
                if quality > csv { csv = quality; csvFirst = json == 0 }
            case "application/json", "application/*", "*/*":
                json = max(json, type == "application/json" ? quality : min(quality, 0.999))
            default: break
            }
        }
        prefersAlternative = csv > 0 && (csv > json || (csv == json && csvFirst))
    }
}
