import DimingCore

/// A step the registry does not allow: the procedure's typed violations (DimingCore's
/// `ProcedureViolation`), each with a stable code and a Chinese and an English message.
public typealias ProcedureError = ProcedureViolation
