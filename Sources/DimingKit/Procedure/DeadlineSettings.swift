import Foundation
import DimingCore
import DimingStore

/// The procedure's clocks per county, kept in the registry's settings (default: 7-day notice,
/// filing and announcement within 15 calendar days of approval).
public enum DeadlineSettings {
    static func key(_ county: DivisionCode) -> String { "deadlines.\(county.countyPart)" }

    public static func rules(_ db: RegistryDatabase, county: DivisionCode) throws -> DeadlineRules {
        guard let text = try Settings.get(db, key(county)) else { return DeadlineRules() }
        return try JSON.decoder().decode(DeadlineRules.self, from: Data(text.utf8))
    }

    public static func set(_ db: RegistryDatabase, county: DivisionCode, _ rules: DeadlineRules) throws {
        try Settings.set(db, key(county), JSON.string(rules))
    }
}
