import Foundation

extension SignStatus {
    public var chinese: String {
        switch self {
        case .planned: "待设"
        case .ordered: "已订制"
        case .installed: "已安装"
        case .inspected: "已巡检"
        case .damaged: "损坏"
        case .missing: "缺失"
        case .replaced: "已更换"
        case .removed: "已拆除"
        }
    }

    /// The status after a move to `target`, or `.illegalSignTransition` with what is allowed (`next`).
    /// `sign` is the code painted on the sign, for the message.
    public func moved(to target: SignStatus, sign: String) throws(ProcedureViolation) -> SignStatus {
        guard next.contains(target) else { throw .illegalSignTransition(sign: sign, from: self, to: target, allowed: next) }
        return target
    }
}

extension Sign {
    /// The sign after a field event moving it to `status` (DOMAIN.md §6). A replacement plate shows
    /// `currentName` (the road's standard name: text and sign-form pinyin) when there is one.
    public func moved(to status: SignStatus, currentName: (text: String, pinyin: String)? = nil) throws(ProcedureViolation) -> Sign {
        var sign = self
        sign.status = try self.status.moved(to: status, sign: code)
        if status == .replaced, let currentName {
            sign.text = currentName.text
            sign.pinyin = currentName.pinyin
        }
        return sign
    }
}
