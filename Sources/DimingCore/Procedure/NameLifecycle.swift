import Foundation

/// How a registered name moves through its life (DOMAIN.md §5): proposed (拟名) while drafted, in the
/// procedure from submission, back to proposed when the case is sent back, standard once approved,
/// filed and announced; a standard name becomes former (曾用名) when renamed or is retired (销名); a
/// rejected proposal is retired. Former and retired names stay as history.
extension NameStatus {
    /// The statuses a name may move to from here.
    public var next: [NameStatus] {
        switch self {
        case .proposed: [.inProcedure, .retired]
        case .inProcedure: [.proposed, .standard, .retired]
        case .standard: [.former, .retired]
        case .former, .retired: []
        }
    }

    public var chinese: String {
        switch self {
        case .proposed: "拟名"
        case .inProcedure: "审批中"
        case .standard: "标准地名"
        case .former: "曾用名"
        case .retired: "已销名"
        }
    }

    /// The status after a move to `target` (staying put is no move and always allowed), or
    /// `.illegalNameTransition` with what is allowed.
    public func moved(to target: NameStatus, name: FeatureID) throws(ProcedureViolation) -> NameStatus {
        guard target == self || next.contains(target) else { throw .illegalNameTransition(name: name, from: self, to: target, allowed: next) }
        return target
    }
}
