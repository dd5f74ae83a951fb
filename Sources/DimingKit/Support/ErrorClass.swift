import DimingCore

/// What kind of failure an error is, decided once for every front end: the CLI maps it to an exit
/// status, the server to an HTTP status, both with the same code and message.
public struct ClassifiedError: Sendable {
    public enum Kind: Sendable {
        /// Bad input: a file, a field, an id. Exit 1, HTTP 400.
        case badInput
        /// Something named does not exist. Exit 1, HTTP 404.
        case notFound
        /// The policy refuses the actor. Exit 1, HTTP 403.
        case forbidden
        /// The procedure (or another rule) refuses the step. Exit 1, HTTP 409.
        case refused
        /// The registry is busy; try again. Exit 1, HTTP 503 with Retry-After.
        case busy
        /// Anything else: a bug or a broken registry. Exit 1, HTTP 500 without details.
        case failure
    }

    public var kind: Kind
    /// A stable code, e.g. `BAD_INPUT`, `FORBIDDEN`, `OPEN_OBJECTIONS`.
    public var code: String
    public var message: String
    /// The message for the Chinese pages.
    public var messageZh: String

    /// Classifies any error a use case can throw.
    public static func classify(_ error: any Error) -> ClassifiedError {
        switch error {
        case let error as any SelfClassifyingError: error.classified
        case let error as InputError: ClassifiedError(kind: .badInput, code: "BAD_INPUT", message: error.description, messageZh: "输入有误：\(error.descriptionZh)")
        case let error as InputErrors: ClassifiedError(kind: .badInput, code: "BAD_INPUT", message: error.description, messageZh: "输入有误：\(error.descriptionZh)")
        case let error as AccessDenied: ClassifiedError(kind: .forbidden, code: "FORBIDDEN", message: error.description, messageZh: error.messageZh)
        case let error as ProcedureViolation: ClassifiedError(kind: error.isBadInput ? .badInput : .refused, code: error.code.rawValue, message: error.description, messageZh: error.messageZh)
        case let error as RegistryError:
            switch error {
            case .notFound: ClassifiedError(kind: .notFound, code: "NOT_FOUND", message: error.description, messageZh: error.descriptionZh)
            case .busy: ClassifiedError(kind: .busy, code: "BUSY", message: error.description, messageZh: "登记簿正忙，请稍后再试")
            case .cannotOpen: ClassifiedError(kind: .failure, code: "REGISTRY", message: error.description, messageZh: "无法打开登记簿")
            }
        default: ClassifiedError(kind: .failure, code: "INTERNAL", message: "\(error)", messageZh: "内部错误")
        }
    }
}

/// An error that knows its class, code and Chinese message (a refusal of the naming rules, …).
public protocol SelfClassifyingError: Error {
    var classified: ClassifiedError { get }
}
