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

/// Turns every error a user can cause into a JSON answer with a code: bad input 400, not found 404,
/// a refused step 409; anything else is logged and answered 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppContext

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(status: error.status, code: error.status == .notFound ? "NOT_FOUND" : "HTTP_\(error.status.code)",
                           message: error.body ?? error.status.reasonPhrase)
        } catch is NIOTooManyBytesError {
            throw APIError(status: .contentTooLarge, code: "TOO_LARGE", message: "请求内容超过 \(Request.bodyLimit / 1024) KB 的上限 (request body too large)")
        } catch let error as DecodingError {
            throw APIError(status: .badRequest, code: "BAD_INPUT", message: "the request body is not what this endpoint takes (\(error))")
        } catch {
            let classified = ClassifiedError.classify(error)
            switch classified.kind {
            case .badInput: throw APIError(status: .badRequest, code: classified.code, message: classified.message)
            case .notFound: throw APIError(status: .notFound, code: classified.code, message: classified.message)
            case .forbidden: throw APIError(status: .forbidden, code: classified.code, message: classified.messageZh + " (" + classified.message + ")")
            case .refused: throw APIError(status: .conflict, code: classified.code, message: classified.message)
            case .busy:
                if let throttled = error as? SignInThrottled {
                    throw APIError(status: .tooManyRequests, code: classified.code, message: classified.messageZh,
                                   headers: [.retryAfter: "\(Int(throttled.retryAfter.rounded(.up)))"])
                }
                throw APIError(status: .serviceUnavailable, code: classified.code, message: classified.messageZh, headers: [.retryAfter: "5"])
            case .failure:
                context.logger.error("unexpected error: \(error)")
                throw APIError(status: .internalServerError, code: "INTERNAL", message: "internal error")
            }
        }
    }
}
