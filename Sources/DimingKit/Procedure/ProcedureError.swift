import DimingCore

/// A step the registry does not allow: the procedure's typed violations (DimingCore's
/// `ProcedureViolation`), each with a stable code and a Chinese and an English message.
public typealias ProcedureError = ProcedureViolation

extension ProcedureViolation {
    /// A refusal known only in English (kept for the delivery and sign-order messages until they get Chinese ones).
    init(_ message: String) {
        self = .notReady(what: "OTHER", en: message, zh: message)
    }
}
