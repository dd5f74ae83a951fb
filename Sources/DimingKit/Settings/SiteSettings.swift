import DimingCore
import Foundation

/// A county's web settings (网站设置): the 天地图 key for the map's base layer and the public base
/// URL under which every standard name has its public page (the address a sign's QR code carries).
public struct SiteSettings: Codable, Sendable, Hashable {
    /// The county's 天地图 (Tianditu) browser key; without one the map draws only the registry's layers.
    public var tiandituKey: String?
    /// The public base URL (`https://dm.example.gov.cn`), without a trailing slash.
    public var publicBaseURL: String?

    public init(tiandituKey: String? = nil, publicBaseURL: String? = nil) {
        self.tiandituKey = tiandituKey
        self.publicBaseURL = publicBaseURL
    }

    static func key(_ county: DivisionCode) -> String { "site.\(county.countyPart)" }

    /// The county's settings (none set: both empty).
    public static func load(_ registry: any RegistryStore, county: DivisionCode) throws -> SiteSettings {
        try registry.read { try load($0, county: county) }
    }

    static func load(_ db: any RegistryTransaction, county: DivisionCode) throws -> SiteSettings {
        guard let text = try db.settings.get(key(county)) else { return SiteSettings() }
        return try JSON.decoder().decode(SiteSettings.self, from: Data(text.utf8))
    }

    /// Sets them (an administrator's act, audited before and after). The key is letters and digits;
    /// the base URL is an absolute http(s) address.
    @discardableResult
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ settings: SiteSettings) throws -> SiteSettings {
        var settings = settings
        settings.tiandituKey = settings.tiandituKey?.trimmingCharacters(in: .whitespaces)
        if settings.tiandituKey?.isEmpty == true { settings.tiandituKey = nil }
        if let key = settings.tiandituKey, !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) || key.count > 64 {
            throw InputError(field: "tiandituKey", "a 天地图 key is letters and digits (up to 64)")
        }
        settings.publicBaseURL = settings.publicBaseURL?.trimmingCharacters(in: .whitespaces)
        while settings.publicBaseURL?.hasSuffix("/") == true { settings.publicBaseURL?.removeLast() }
        if settings.publicBaseURL?.isEmpty == true { settings.publicBaseURL = nil }
        if let base = settings.publicBaseURL {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false,
                  url.query == nil, url.fragment == nil else {
                throw InputError(field: "publicBaseURL", "the public base URL must be an absolute https:// address, e.g. https://dm.example.gov.cn")
            }
        }
        return try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: "settings.site",
                                        load: { try load($0, county: county) }) { $0 = settings }
    }
}
