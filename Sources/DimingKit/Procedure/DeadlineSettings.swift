import Foundation
import DimingCore

/// The procedure's clocks per county, kept in the registry's settings (default: 7-day notice,
/// filing and announcement within 15 calendar days of approval).
public enum DeadlineSettings {
    static func key(_ county: DivisionCode) -> String { "deadlines.\(county.countyPart)" }

    public static func rules(_ db: any RegistryTransaction, county: DivisionCode) throws -> DeadlineRules {
        guard let text = try db.settings.get(key(county)) else { return DeadlineRules() }
        return try JSON.decoder().decode(DeadlineRules.self, from: Data(text.utf8))
    }

    /// Changes a county's clocks (an administrator's setting), audited with the rules before and after.
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ edit: (inout DeadlineRules) -> Void) throws -> DeadlineRules {
        try Policy.require(actor, .manageSettings, in: .county(county))
        let now = clock.now()
        return try registry.write { db in
            let before = try rules(db, county: county)
            var rules = before
            edit(&rules)
            try db.settings.set(key(county), JSON.string(rules))
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: "settings.deadlines", entityKind: "county", entityID: county.countyPart,
                                           before: JSON.string(before), after: JSON.string(rules)))
            return rules
        }
    }
}
