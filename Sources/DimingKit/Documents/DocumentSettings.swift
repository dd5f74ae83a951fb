import DimingCore
import Foundation

/// What a county's papers say about the bureau (county-settable, in the registry's settings): the
/// abbreviation its 文号 begin with, where objections go (公示 and 公告), and the bodies' names when
/// they differ from the division's name plus 人民政府 / 民政局.
public struct DocumentSettings: Codable, Sendable, Hashable {
    /// The 文号 prefix, e.g. 示民 gives 示民公〔2026〕3号; default: the county's first character + 民.
    public var abbreviation: String?
    /// Where objections and questions go: office, telephone, address (异议受理).
    public var contact: String?

    public init(abbreviation: String? = nil, contact: String? = nil) {
        self.abbreviation = abbreviation
        self.contact = contact
    }

    static func key(_ county: DivisionCode) -> String { "documents.\(county.countyPart)" }

    /// The county's settings (the defaults when none are set).
    public static func load(_ db: any RegistryTransaction, county: DivisionCode) throws -> DocumentSettings {
        try CountySetting.load(db, key: key(county), absent: DocumentSettings())
    }

    /// Changes a county's settings (an administrator's setting), audited before and after.
    public static func update(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock = SystemClock(),
                              _ edit: (inout DocumentSettings) -> Void) throws -> DocumentSettings {
        try CountySetting.update(registry, county: county, actor: actor, clock: clock, key: key(county), action: .settingsDocuments,
                                 load: { try load($0, county: county) }, edit)
    }
}

/// Dates as Chinese documents write them: 2026年11月08日.
public enum ChineseDate {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d年%02d月%02d日", c.year!, c.month!, c.day!)
    }

    public static func year(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.component(.year, from: date)
    }
}
