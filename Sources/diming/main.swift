import DimingCLI
import DimingKit
import DimingServer
import DimingStore
import Foundation

// The composition root: the only place that knows the registry is SQLite through GRDB and that the
// command line can start the web server.
DimingCommand.openRegistry = SQLiteRegistry.opener
DimingCommand.serveRegistry = { request in
    var services = ServerServices(registry: request.store, resources: try .load(), categories: try .load(), clock: request.clock,
                                  publicURL: request.publicURL)
    services.exportsRoot = request.exportsRoot
    services.trustedProxies = request.trustedProxies
    try await RegistryServer(services: services).run(host: request.host, port: request.port) { request.onListening($0) }
}
exit(await DimingCommand.run(Array(CommandLine.arguments.dropFirst())))
