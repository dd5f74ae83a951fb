import DimingCore

/// A step the procedure does not allow: says the case's state and what is allowed.
public struct ProcedureError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func illegal(_ namingCase: NamingCase, to target: CaseState) -> ProcedureError {
        let allowed = namingCase.state.next.map { "\($0.rawValue) (\($0.chinese))" }.joined(separator: ", ")
        return ProcedureError("case \(namingCase.id) is \(namingCase.state.rawValue) (\(namingCase.state.chinese)); it cannot move to "
            + "\(target.rawValue) (\(target.chinese)). Allowed: \(allowed.isEmpty ? "none, the case is closed" : allowed)")
    }
}
