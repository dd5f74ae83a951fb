import DimingCore
import DimingKit
import DimingStore
import Foundation
import Hummingbird

/// An error answered as JSON: `{"error": {"code": …, "message": …}}` with a fitting status.
public struct APIError: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSON.encoder().encode(["error": ["code": code, "message": message]])
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(data: body)))
    }

    static let forbidden = APIError(status: .forbidden, code: "FORBIDDEN", message: "无权执行此操作 (not allowed for your role or town)")
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
        } catch let error as InputError {
            throw APIError(status: .badRequest, code: "BAD_INPUT", message: error.description)
        } catch let error as InputErrors {
            throw APIError(status: .badRequest, code: "BAD_INPUT", message: error.description)
        } catch let error as DecodingError {
            throw APIError(status: .badRequest, code: "BAD_INPUT", message: "the request body is not what this endpoint takes (\(error))")
        } catch let error as RegistryError {
            if case .notFound = error { throw APIError(status: .notFound, code: "NOT_FOUND", message: error.description) }
            throw APIError(status: .internalServerError, code: "REGISTRY", message: "the registry could not be read")
        } catch let error as ProcedureError {
            throw APIError(status: .conflict, code: "REFUSED", message: error.description)
        } catch {
            context.logger.error("unexpected error: \(error)")
            throw APIError(status: .internalServerError, code: "INTERNAL", message: "internal error")
        }
    }
}
