import EngageCore
import Foundation
import Hummingbird

/// Health, readiness, metrics and the contract itself.
struct SystemController: Sendable {
    let store: any EngageStore
    let metrics: HTTPMetrics

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

    /// The database answers; 503 otherwise.
    @Sendable func ready(_ request: Request, context: EngageRequestContext) async throws -> Response {
        guard await store.isReachable() else {
            throw Problem(type: "not-ready", title: "Not ready", status: 503, detail: "the \(store.kind.rawValue) database does not answer")
        }
        return try JSONResponse.make(["status": "ready", "store": store.kind.rawValue])
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
