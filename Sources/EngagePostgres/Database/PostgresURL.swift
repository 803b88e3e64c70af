import Foundation
import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=…` as a client configuration.
public enum PostgresURL {
    /// What is wrong with a URL, in one line that never repeats its password.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Parses the URL. `sslmode=require` (or `verify-full`) asks for TLS; without it the connection is plain,
    /// as suits a database on the same host or private network.
    public static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw Invalid(description: "ENGAGE_DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        guard let host = url.host, !host.isEmpty else { throw Invalid(description: "ENGAGE_DATABASE_URL names no host") }
        guard let user = url.user, !user.isEmpty else { throw Invalid(description: "ENGAGE_DATABASE_URL names no user") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(description: "ENGAGE_DATABASE_URL names no database") }
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable", "allow", "prefer": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(TLSConfiguration.makeClientConfiguration())
        default: throw Invalid(description: "ENGAGE_DATABASE_URL sslmode '\(mode)' is not disable, require, verify-ca or verify-full")
        }
        return PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding ?? url.password,
            database: database.removingPercentEncoding ?? database, tls: tls)
    }
}
