import Foundation
import Hummingbird

/// What every answer carries and every write must pass, whoever handles it (网站安全):
/// - a Content-Security-Policy that runs only the server's own scripts and inline scripts carrying
///   this response's nonce, forbids framing (`frame-ancestors 'none'`, `X-Frame-Options`), plugins
///   and foreign form targets; `nosniff` and a same-origin `Referrer-Policy`;
/// - a write (POST, PUT, PATCH, DELETE) sent from another site is refused with 403 before any
///   handler runs: the browser's `Sec-Fetch-Site` says so, or its `Origin` names another host. This
///   closes login CSRF (the sign-in form has no session to bind a token to); the other forms carry
///   the session's CSRF token as well.
struct WebSecurityMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        context.nonce = Self.nonce()
        var response: Response
        do {
            try Self.refuseCrossSite(request)
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.secure(&response, nonce: context.nonce)
        return response
    }

    static func secure(_ response: inout Response, nonce: String) {
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self' 'nonce-\(nonce)'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob: https://*.tianditu.gov.cn; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
    }

    /// Refuses a write that a browser says came from another site.
    static func refuseCrossSite(_ request: Request) throws {
        guard ![.get, .head, .options].contains(request.method) else { return }
        let refusal = APIError(status: .forbidden, code: "CROSS_SITE", message: "拒绝来自其他网站的提交 (cross-site request refused)")
        if request.headers[.init("Sec-Fetch-Site")!] == "cross-site" { throw refusal }
        if let origin = request.headers[.origin] {
            // `null` (a sandboxed frame, a file) and another host:port are other sites.
            guard let host = request.head.authority, let url = URL(string: origin), let originHost = url.host,
                  originHost + (url.port.map { ":\($0)" } ?? "") == host || (url.port == nil && originHost == host.split(separator: ":").first.map(String.init))
            else { throw refusal }
        }
    }

    /// 16 random bytes, base64.
    static func nonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }
}
