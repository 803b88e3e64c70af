import Foundation
import Hummingbird

/// Which representation the caller's `Accept` header prefers, for the operations that answer in JSON
/// or CSV: CSV only when it is named with a higher (or equal, and earlier) quality than JSON; JSON for
/// no header, `*/*` and everything else.
struct MediaTypePreference {
    let prefersCSV: Bool

    init(_ request: Request) {
        var csv = 0.0, json = 0.0, csvFirst = false
        for entry in (request.headers[.accept] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            let quality = parts.dropFirst().compactMap { $0.hasPrefix("q=") ? Double($0.dropFirst(2)) : nil }.first ?? 1
            switch type {
            case "text/csv":
                if quality > csv { csv = quality; csvFirst = json == 0 }
            case "application/json", "application/*", "*/*":
                json = max(json, type == "application/json" ? quality : min(quality, 0.999))
            default: break
            }
        }
        prefersCSV = csv > 0 && (csv > json || (csv == json && csvFirst))
    }
}
