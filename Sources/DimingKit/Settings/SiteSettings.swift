import DimingCore
import Foundation

/// A county's map settings (地图设置): the 天地图 key for the map's base layer. (The public base URL
/// the plates' QR codes open is a sign setting, ``SignSettings/publicBaseURL``.)
public struct SiteSettings: Codable, Sendable, Hashable {
    /// The county's 天地图 (Tianditu) browser key; without one the map draws only the registry's layers.
    public var tiandituKey: String?

    public init(tiandituKey: String? = nil) {
        self.tiandituKey = tiandituKey
    }

    static func key(_ county: DivisionCode) -> String { "site.\(county.countyPart)" }

    /// The county's settings (none set: both empty).
    public static func load(_ registry: any RegistryStore, county: DivisionCode) throws -> SiteSettings {
        try registry.read { try load($0, county: county) }
    }

    static func load(_ db: any RegistryTransaction, county: DivisionCode) throws -> SiteSettings {
        try CountySetting.load(db, key: key(county), absent: SiteSettings())
    }

    /// Sets them (an administrator's act, audited before and after). The key is letters and digits.
    @discardableResult
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ settings: SiteSettings) throws -> SiteSettings {
        var settings = settings
        settings.tiandituKey = settings.tiandituKey?.trimmingCharacters(in: .whitespaces)
        if settings.tiandituKey?.isEmpty == true { settings.tiandituKey = nil }
        if let key = settings.tiandituKey, !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || key.count > 64 {
            throw InputError(field: "tiandituKey", "a 天地图 key is letters and digits (up to 64)")
        }
        return try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: .settingsSite,
                                        load: { try load($0, county: county) }) { $0 = settings }
    }
}
