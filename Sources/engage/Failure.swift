import ArgumentParser
import Foundation

/// Ends the process with one line on standard error and a non-zero exit: no usage text, no trace.
struct Failure {
    static func exit(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("engage: error: \(message)\n".utf8))
        return ExitCode(78)  // EX_CONFIG
    }
}

extension Failure {
    /// A one-line description of an error (Foundation errors by their localized text).
    static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            let path = (cocoa.userInfo[NSFilePathErrorKey] as? String).map { " (\($0))" } ?? ""
            return cocoa.localizedDescription + path
        }
        return String(describing: error).replacingOccurrences(of: "\n", with: " ")
    }
}
