import Foundation
import DimingCore

/// The procedure's clocks per county, kept in the registry's settings (default: 7-day notice,
/// filing and announcement within 15 calendar days of approval).
public enum DeadlineSettings {
    static func key(_ county: DivisionCode) -> String { "deadlines.\(county.countyPart)" }

    public static func rules(_ db: any RegistryTransaction, county: DivisionCode) throws -> DeadlineRules {
        try CountySetting.load(db, key: key(county), absent: DeadlineRules())
    }

    /// Changes a county's clocks (an administrator's setting), audited with the rules before and after.
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ edit: (inout DeadlineRules) -> Void) throws -> DeadlineRules {
        try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: .settingsDeadlines,
                                 load: { try rules($0, county: county) }, edit)
    }
}
