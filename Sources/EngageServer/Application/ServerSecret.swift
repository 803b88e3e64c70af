import EngageDomain
import Foundation

/// The server secret, kept in a file beside the database (`<database>.secret`, mode 0600),
/// created on first start. It never enters the database, so a copy of the database alone
/// cannot open sealed idempotent responses.
public enum ServerSecret {
    /// Reads the secret beside `databasePath`, creating it when missing.
    public static func loadOrCreate(besideDatabase databasePath: String) throws -> Data {
        let path = databasePath + ".secret"
        if let existing = FileManager.default.contents(atPath: path), existing.count >= 32 {
            return existing
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
