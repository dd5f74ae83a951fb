import Foundation

/// A person with an account: role and scope (a clerk's town, a reviewer's county).
public struct UserAccount: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        /// 村/乡镇经办人: proposes and edits cases in their own town.
        case clerk
        /// 县级审核人: review, notice, approval, batches, deliveries.
        case reviewer
        /// 管理员: users and settings.
        case admin
    }

    public var username: String
    public var displayName: String
    public var role: Role
    public var countyCode: DivisionCode?
    public var townCode: DivisionCode?
    /// When an administrator disabled the account (停用); a disabled account cannot sign in.
    public var disabledAt: Date?

    public init(username: String, displayName: String, role: Role, countyCode: DivisionCode?, townCode: DivisionCode?, disabledAt: Date? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.countyCode = countyCode
        self.townCode = townCode
        self.disabledAt = disabledAt
    }
}
