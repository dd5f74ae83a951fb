/// Where a name stands in its life (see DOMAIN.md §5).
public enum NameStatus: String, CaseIterable, Codable, Sendable {
    /// 拟名: proposed, not yet in the procedure.
    case proposed
    /// In the statutory procedure (consultation … announcement).
    case inProcedure
    /// 标准地名: approved, filed and announced.
    case standard
    /// 曾用名: replaced by a rename, kept as history.
    case former
    /// 销名: retired.
    case retired
}
