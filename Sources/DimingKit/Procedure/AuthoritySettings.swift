import DimingCore
import Foundation

/// Who approves, files and announces per county (审批权限表), kept in the registry's settings; by
/// default the county government approves road names, the city government (or its 民政局) receives
/// the filing, and the county 民政局 announces (《地名管理条例》第十二条至第十四条).
public enum AuthoritySettings {
    static func key(_ county: DivisionCode) -> String { "authorities.\(county.countyPart)" }

    /// The county's table (the default when none is set).
    public static func table(_ db: any RegistryTransaction, county: DivisionCode) throws -> AuthorityTable {
        try CountySetting.load(db, key: key(county), absent: AuthorityTable())
    }

    /// The bodies of a case in `county`, named after the county, its city and province in the registry.
    public static func authorities(_ db: any RegistryTransaction, county: DivisionCode, featureType: String = "road") throws -> CaseAuthorities? {
        var names: [AuthorityLevel: String] = [:]
        for (level, division) in [(AuthorityLevel.county, DivisionLevel.county), (.city, .city), (.province, .province)] {
            if let found = try db.divisions.find(code: county.ancestor(at: division)) { names[level] = found.name }
        }
        return try table(db, county: county).resolve(featureType: featureType, divisions: names)
    }

    /// Changes a county's table (an administrator's setting), audited with the table before and after.
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ edit: (inout AuthorityTable) -> Void) throws -> AuthorityTable {
        try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: .settingsAuthorities,
                                 load: { try table($0, county: county) }, edit)
    }
}
