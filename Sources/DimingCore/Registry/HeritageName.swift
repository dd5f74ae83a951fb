import Foundation

/// The level of a 地名文化遗产保护名录 (place-name heritage list) entry.
public enum HeritageLevel: String, Codable, Sendable, CaseIterable {
    case national, provincial, city, county

    /// 国家级, 省级, 市级, 县级.
    public var chinese: String {
        switch self {
        case .national: "国家级"
        case .provincial: "省级"
        case .city: "市级"
        case .county: "县级"
        }
    }

    /// Reads `national`, `国家级`, `省级` …
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let level = HeritageLevel(rawValue: trimmed) { self = level; return }
        guard let level = HeritageLevel.allCases.first(where: { $0.chinese == trimmed || $0.chinese.dropLast() == trimmed }) else { return nil }
        self = level
    }
}

/// A protected name on the place-name heritage list (地名文化遗产保护名录): names of historical and
/// cultural value that should not be changed (条例 Art. 10: 具有重要历史文化价值的地名一般不得更名).
/// Renaming or retiring one needs a recorded assessment; reusing one elsewhere gets a finding.
public struct HeritageName: Codable, Sendable, Hashable {
    /// The protected name as listed (十里堡, 鼓楼大街).
    public var name: String
    /// The county the listed place is in (the list is kept per county).
    public var countyCode: DivisionCode
    /// Where the place is: 所在地 (a village, a street), as the list says.
    public var place: String
    public var level: HeritageLevel
    /// Why it is protected: its history and value.
    public var reason: String
    /// The day it was listed.
    public var listedOn: Date

    public init(name: String, countyCode: DivisionCode, place: String, level: HeritageLevel, reason: String, listedOn: Date) {
        self.name = name
        self.countyCode = countyCode
        self.place = place
        self.level = level
        self.reason = reason
        self.listedOn = listedOn
    }
}
