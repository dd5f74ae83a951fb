import DimingCore
import DimingKit
import Foundation
import Hummingbird
import NIOCore

/// An error answered as JSON: `{"error": {"code": …, "message": …}}` with a fitting status.
public struct APIError: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// Extra headers (`Retry-After` on 503 and 429).
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSON.encoder().encode(["error": ["code": code, "message": message]])
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}

/// Turns every error a user can cause into an answer with a code: bad input 400, forbidden 403, not
/// found 404, a refused step 409, too large 413, throttled 429, busy 503; anything else is logged
/// and answered 500 without details. Under `/api/` the answer is JSON; every page route gets an HTML
/// page in Chinese (and a sign-in page when the session is missing), never a JSON body.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let pages: WebPages?

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (answer, messageZh) = Self.translate(error, context: context)
            let path = request.uri.path
            guard let pages, !path.hasPrefix("/api/"), path != "/openapi.json" else { throw answer }
            if answer.status == .unauthorized { return WebPages.redirect(WebPages.signInLocation(for: request)) }
            // The session middleware runs inside this one: its user is not in this context. The error
            // page keeps the navigation and the sign-out of the signed-in user.
            var context = context
            if context.user == nil, let token = request.cookies[SessionMiddleware.cookie]?.value,
               let (user, csrf) = try? await pages.services.session(token) {
                context.user = user
                context.csrf = csrf
            }
            var message = messageZh
            if let denied = error as? AccessDenied {
                let divisions = DivisionQueries(registry: pages.services.registry)
                message = (try? await blocking { denied.messageZh(naming: { code in try? divisions.show(code).name }) }) ?? messageZh
            }
            var response = pages.errorPage(status: answer.status, message: message, context: context)
            for field in answer.headers { response.headers.append(field) }
            return response
        }
    }

    /// The JSON error and the Chinese message for `error`.
    static func translate(_ error: any Error, context: AppContext) -> (APIError, String) {
        switch error {
        case let error as APIError:
            return (error, error.message)
        case let error as HTTPError:
            let message = error.status == .notFound ? "页面不存在" : error.body ?? error.status.reasonPhrase
            return (APIError(status: error.status, code: error.status == .notFound ? "NOT_FOUND" : "HTTP_\(error.status.code)",
                             message: error.body ?? error.status.reasonPhrase), message)
        case is NIOTooManyBytesError:
            let message = "请求内容超过 \(Request.bodyLimit / 1024) KB 的上限"
            return (APIError(status: .contentTooLarge, code: "TOO_LARGE", message: message + " (request body too large)"), message)
        case let error as DecodingError:
            return (APIError(status: .badRequest, code: "BAD_INPUT", message: "the request body is not what this endpoint takes (\(error))"), "提交的内容格式不对")
        default:
            let classified = ClassifiedError.classify(error)
            let zh = classified.messageZh
            switch classified.kind {
            case .badInput: return (APIError(status: .badRequest, code: classified.code, message: classified.message), zh)
            case .notFound: return (APIError(status: .notFound, code: classified.code, message: classified.message), zh)
            case .forbidden: return (APIError(status: .forbidden, code: classified.code, message: zh + " (" + classified.message + ")"), zh)
            case .refused: return (APIError(status: .conflict, code: classified.code, message: classified.message), zh)
            case .busy:
                if let throttled = error as? SignInThrottled {
                    return (APIError(status: .tooManyRequests, code: classified.code, message: zh,
                                     headers: [.retryAfter: "\(Int(throttled.retryAfter.rounded(.up)))"]), zh)
                }
                return (APIError(status: .serviceUnavailable, code: classified.code, message: zh, headers: [.retryAfter: "5"]), zh)
            case .failure:
                context.logger.error("unexpected error: \(error)")
                return (APIError(status: .internalServerError, code: "INTERNAL", message: "internal error"), "内部错误，请联系管理员")
            }
        }
    }
}
