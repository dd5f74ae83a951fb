/// What a naming case does (DOMAIN.md §5).
public enum CaseKind: String, CaseIterable, Codable, Sendable {
    /// 命名: a name for an unnamed road.
    case naming
    /// 更名: a new name for a named road; the old one is kept as 曾用名.
    case renaming
    /// 销名: the road's name is retired.
    case retirement

    public var chinese: String {
        switch self {
        case .naming: "命名"
        case .renaming: "更名"
        case .retirement: "销名"
        }
    }
}

/// Where a case stands in the statutory procedure (DOMAIN.md §5).
public enum CaseState: String, CaseIterable, Codable, Sendable {
    /// 拟名
    case drafted
    /// 征求意见
    case consulted
    /// 已申报
    case submitted
    /// 审查
    case underReview
    /// 退件: returned with reasons, back to drafting.
    case returned
    /// 专家论证
    case expertReviewed
    /// 公示
    case publicNotice
    /// 已批准: filing and announcement are due within the deadline.
    case approved
    /// 不予批准
    case rejected
    /// 标准地名: approved, filed and announced.
    case standard
    /// 已销名: a retirement (销名) approved, filed and announced; the road is unnamed again.
    case retired

    public var chinese: String {
        switch self {
        case .drafted: "拟名"
        case .consulted: "征求意见"
        case .submitted: "已申报"
        case .underReview: "审查"
        case .returned: "退件"
        case .expertReviewed: "专家论证"
        case .publicNotice: "公示"
        case .approved: "已批准"
        case .rejected: "不予批准"
        case .standard: "标准地名"
        case .retired: "已销名"
        }
    }

    /// The states a case may be advanced to from here (`ProcedureStep.advance`). None from `approved`:
    /// filing and announcement are recorded on an approved case, and it becomes standard when both are
    /// (see `successors`); no one advances a case to `standard`.
    public var next: [CaseState] {
        switch self {
        case .drafted: [.consulted]
        case .consulted: [.submitted, .drafted]
        case .submitted: [.underReview]
        case .underReview: [.returned, .expertReviewed, .publicNotice, .rejected]
        case .returned: [.drafted]
        case .expertReviewed: [.publicNotice, .rejected]
        case .publicNotice: [.approved, .rejected, .drafted]
        case .approved, .rejected, .standard, .retired: []
        }
    }

    /// Every state the procedure leads to from here: `next`, and from `approved` (by filing and
    /// announcement) `standard`, or `retired` for a retirement.
    public var successors: [CaseState] { self == .approved ? [.standard, .retired] : next }

    /// The state an approved case of `kind` ends in once filed and announced.
    public static func done(_ kind: CaseKind) -> CaseState { kind == .retirement ? .retired : .standard }

    /// Whether the case may be advanced to `target`.
    public func canMove(to target: CaseState) -> Bool { next.contains(target) }

    /// Whether the case is finished (nothing more can happen to it): rejected, or a standard name.
    public var isFinal: Bool { successors.isEmpty }
}
