import EngageDomain
import Foundation

/// The server secret, kept in a file beside the database (`<database>.secret`, mode 0600),
/// created on first start. It never enters the database, so a copy of the database alone
/// cannot open sealed idempotent responses.
public enum ServerSecret {
    /// A secret that is not there or cannot be used; the message says what to do.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Reads a configured secret file, which must exist and hold at least 32 bytes: instances that
    /// share a database must share its secret, so it is never made up here.
    public static func load(file path: String) throws -> Data {
        guard let secret = FileManager.default.contents(atPath: path) else {
            throw Missing(description: "the server secret file \(path) cannot be read")
        }
        guard secret.count >= 32 else {
            throw Missing(description: "the server secret file \(path) holds \(secret.count) bytes; it needs at least 32")
        }
        return secret
    }

    /// Reads the secret beside `databasePath`, creating it only when it is missing and `mayCreate` (the
    /// database holds nothing sealed with a previous one). A short or unreadable file is never replaced.
    public static func loadOrCreate(besideDatabase databasePath: String, mayCreate: Bool) throws -> Data {
        let path = databasePath + ".secret"
        if FileManager.default.fileExists(atPath: path) { return try load(file: path) }
        guard mayCreate else {
            throw Missing(description: """
                the server secret \(path) is missing, but the database holds webhook secrets and stored responses sealed with it; \
                restore the file from the backup taken with the database (a new secret would leave every webhook endpoint unable to sign)
                """)
        }
        let secret = ResponseSeal.newServerSecret()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: secret, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return secret
    }
}
