import ArgumentParser
import Foundation
import PostgresKit

/// Ends the process with one line on standard error and a non-zero exit: no usage text, no trace.
struct Failure {
    static func exit(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("engage: error: \(message)\n".utf8))
        return ExitCode(78)  // EX_CONFIG
    }
}

extension Failure {
    /// A one-line description of an error (Foundation errors by their localized text, PostgreSQL's by its message).
    static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError {
            let path = (cocoa.userInfo[NSFilePathErrorKey] as? String).map { " (\($0))" } ?? ""
            return cocoa.localizedDescription + path
        }
        // PostgresNIO hides the server's message from `description` (it may quote data); an operator
        // running a command needs it, and a migration's or a copy's message names schema, not data.
        if let psql = error as? PSQLError, let message = psql.serverInfo?[.message] {
            return "PostgreSQL: \(message)"
        }
        return String(describing: error).replacingOccurrences(of: "\n", with: " ")
    }
}
