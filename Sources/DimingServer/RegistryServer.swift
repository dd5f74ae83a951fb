import DimingCore
import DimingKit
import Foundation
import Hummingbird
import Logging

/// The web registry: the JSON API, `/openapi.json` and the Chinese web pages on one registry file.
public struct RegistryServer: Sendable {
    public let services: ServerServices

    public init(services: ServerServices) {
        self.services = services
    }

    /// The router with every route; `routes` lists the API for the OpenAPI document.
    public func router() throws -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        let pages = try WebPages(services: services)
        router.add(middleware: ClientAddressMiddleware(trustedProxies: services.trustedProxies))
        router.add(middleware: WebSecurityMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages))
        router.add(middleware: SessionMiddleware(services: services))
        let routes = APIRoutes.all(services)
        for route in routes {
            let handler = route.handler
            let signedIn = route.signedIn
            router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
                if signedIn { _ = try context.requireUser() }
                return try await handler(request, context)
            }
        }
        let document = try OpenAPIDocument.json(routes, extra: WebPages.uploadAPI)
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: document)))
        }
        pages.register(on: router)
        try FieldSite(pages: pages).register(on: router)
        Assets.register(on: router)
        return router
    }

    /// The application on `host:port`, not yet running: `run` serves it, tests drive it in process
    /// (HummingbirdTesting's `.router` setup never binds the port).
    public func application(host: String = "127.0.0.1", port: Int = 0, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        throws -> Application<RouterResponder<AppContext>> {
        var logger = Logger(label: "diming.server")
        logger.logLevel = .warning
        return Application(router: try router(), configuration: .init(address: .hostname(host, port: port)),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Serves until the process is stopped (SIGINT/SIGTERM). `onRunning` is told the bound port.
    /// Every ``outboxInterval`` seconds it moves sign-ins waiting in the session store's outbox into the
    /// audit trail, when the registry's write lock is free (``SignInOutbox``).
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let registry = services.registry
        let outbox = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(Self.outboxInterval))
                _ = try? await blocking { SignInOutbox.settle(registry) }
            }
        }
        defer { outbox.cancel() }
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }

    /// How often the server moves the sign-in outbox into the audit trail.
    static let outboxInterval = 2.0
}
