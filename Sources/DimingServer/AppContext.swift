import DimingCore
import Hummingbird

/// The request context: the signed-in user and the session's CSRF token, if any.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: UserAccount?
    public var csrf: String?
    public var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The signed-in user, or a 401.
    public func requireUser() throws -> UserAccount {
        guard let user else { throw APIError(status: .unauthorized, code: "UNAUTHENTICATED", message: "请先登录 (sign in first)") }
        return user
    }
}
