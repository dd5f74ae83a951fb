import DimingCore
import DimingKit
import Foundation
import Hummingbird

/// Reads the session cookie into the context; refuses form and API writes without the session's
/// CSRF token (header `X-CSRF-Token` or form field `csrf`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppContext
    static let cookie = "diming_session"

    let services: ServerServices

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookie]?.value, let (user, csrf) = try await services.session(token) {
            context.user = user
            context.csrf = csrf
            context.sessionToken = token
        }
        return try await next(request, context)
    }
}

extension Request {
    /// The largest body a form or a JSON request may have; more is answered 413.
    static let bodyLimit = 256 * 1024

    /// The body as text (forms, JSON), at most ``bodyLimit`` bytes.
    func text() async throws -> String {
        let buffer = try await body.collect(upTo: Self.bodyLimit)
        return String(buffer: buffer)
    }

    /// A URL-encoded form body as fields.
    func form() async throws -> [String: String] {
        try URLEncodedFormDecoder().decode([String: String].self, from: try await text())
    }
}

extension AppContext {
    /// Throws unless the request's `X-CSRF-Token` header carries the session's CSRF token (API writes).
    func checkCSRF(_ request: Request) throws {
        try checkCSRF(request.headers[.init("X-CSRF-Token")!])
    }

    /// Throws unless the request carries the session's CSRF token.
    func checkCSRF(_ token: String?) throws {
        guard let csrf, let token, token == csrf else {
            throw APIError(status: .forbidden, code: "CSRF", message: "缺少或错误的 CSRF 令牌 (missing or wrong CSRF token)")
        }
    }
}
