import NIOPosix

/// Runs `body` on NIO's blocking thread pool and waits for it without holding a thread.
///
/// The use cases are synchronous and call the registry (SQLite) directly; run on the event loops or
/// on Swift's cooperative pool they would stall every other request while the database works. Every
/// route handler calls its use case through this: the handler parses on its own thread, the use
/// case runs here, and the handler formats the result.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
