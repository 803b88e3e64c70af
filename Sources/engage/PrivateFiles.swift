#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files this process creates hold contact data and secrets: the database, its WAL and shared-memory
/// files, backups, the server secret. They are created readable by the owner only (0600), whatever
/// the umask the process was started with.
enum PrivateFiles {
    static func restrict() {
        umask(0o077)
    }
}
