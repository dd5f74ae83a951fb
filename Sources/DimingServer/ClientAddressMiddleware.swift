import Hummingbird

/// The client's address behind a reverse proxy (`serve --trusted-proxy`): when the connection comes
/// from a trusted proxy, the address is the last one in `X-Forwarded-For` (the one that proxy
/// added), so sign-in throttling and the villagers' submission limit count people, not the proxy.
/// From any other peer the header is ignored: a client cannot choose its own address.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let peer = context.remoteAddress, trustedProxies.contains(peer),
           let forwarded = request.headers[values: .init("X-Forwarded-For")!].last?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { context.remoteAddress = address }
        }
        return try await next(request, context)
    }
}
