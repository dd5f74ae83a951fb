import DimingCore
import Hummingbird

/// The request context: the signed-in user and the session's CSRF token, if any.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: UserAccount?
    public var csrf: String?
    public var sessionToken: String?
    /// This response's Content-Security-Policy nonce: the only inline scripts that run carry it.
    public var nonce = ""

    /// The peer's IP address (sign-in throttling), when the connection has one.
    public var remoteAddress: String?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The signed-in user, or a 401.
    public func requireUser() throws -> UserAccount {
        guard let user else { throw APIError(status: .unauthorized, code: "UNAUTHENTICATED", message: "请先登录 (sign in first)") }
        return user
    }
}
