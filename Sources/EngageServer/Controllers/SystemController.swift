import EngageCore
import Foundation
import Hummingbird

/// Health, readiness, metrics and the contract itself.
struct SystemController: Sendable {
    let store: any EngageStore
    let metrics: HTTPMetrics
    /// Whether an SMTP server is configured.
    let mailEnabled: Bool

    func addRoutes(to router: Router<EngageRequestContext>) {
        router.get("/healthz", use: health)
        router.get("/readyz", use: ready)
        router.get("/metrics", use: exposition)
        router.get("/openapi.yaml", use: contract)
    }

    /// The process is alive.
    @Sendable func health(_ request: Request, context: EngageRequestContext) async throws -> Response {
        try JSONResponse.make(["status": "ok"])
    }

    /// What `/readyz` says of e-mail.
    struct Readiness: Encodable {
        struct Mail: Encodable {
            var enabled: Bool
            var detail: String
        }
        var status: String
        var store: String
        var mail: Mail
    }

    /// The database answers; 503 otherwise. Says whether e-mail is sent.
    @Sendable func ready(_ request: Request, context: EngageRequestContext) async throws -> Response {
        guard await store.isReachable() else {
            throw Problem(type: .notReady, title: "Not ready", status: 503, detail: "the \(store.kind.rawValue) database does not answer")
        }
        let mail = mailEnabled
            ? Readiness.Mail(enabled: true, detail: "e-mail is sent through the SMTP server of ENGAGE_SMTP_URL")
            : Readiness.Mail(enabled: false, detail: "ENGAGE_SMTP_URL is not set: no e-mail is sent")
        return try JSONResponse.make(Readiness(status: "ready", store: store.kind.rawValue, mail: mail))
    }

    /// Prometheus text exposition.
    @Sendable func exposition(_ request: Request, context: EngageRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition()))
        )
    }

    /// The OpenAPI contract this server implements.
    @Sendable func contract(_ request: Request, context: EngageRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.contents))
        )
    }
}

/// openapi.yaml, embedded in the binary at build time (Resources/openapi.yaml links to the root file).
enum OpenAPIDocument {
    static let contents = Data(PackageResources.openapi_yaml)
}
