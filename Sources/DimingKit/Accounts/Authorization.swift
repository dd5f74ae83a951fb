import DimingCore
import DimingStore

/// What a role may do (DOMAIN.md §1): a clerk proposes and edits cases in their own town; a county
/// reviewer reviews, runs the public notice, records approvals, batches and deliveries; an
/// administrator manages users and settings (and may do everything).
public enum Authorization {
    public enum Action: String, CaseIterable, Sendable {
        case viewRegistry, viewCase, createCase, draftCase, reviewCase, approve, manageBatches, deliver, reviewPOIs, manageUsers
    }

    /// Whether `user` may do `action` on something in `town` (nil: no particular town).
    public static func allows(_ user: UserAccount, _ action: Action, town: DivisionCode? = nil) -> Bool {
        switch user.role {
        case .admin: return true
        case .reviewer:
            guard action != .manageUsers else { return false }
            guard let town, let county = user.countyCode else { return true }
            return town.ancestor(at: .county) == county
        case .clerk:
            switch action {
            case .viewRegistry: return true
            case .viewCase, .createCase, .draftCase:
                guard let town else { return action == .viewCase }
                return town == user.townCode
            default: return false
            }
        }
    }

    /// The states a clerk may move a case to; the rest belong to the county.
    public static func action(for target: CaseState) -> Action {
        switch target {
        case .drafted, .consulted, .submitted: .draftCase
        case .approved: .approve
        default: .reviewCase
        }
    }
}
