/// The five levels of the statistical division code (统计用区划代码).
public enum DivisionLevel: Int, CaseIterable, Codable, Comparable, Sendable, CustomStringConvertible {
    /// 省级
    case province = 1
    /// 地级 (市)
    case city = 2
    /// 县级 (县、区、县级市)
    case county = 3
    /// 乡级 (街道、镇、乡)
    case town = 4
    /// 村级 (居委会、村委会)
    case village = 5

    public init?(name: String) {
        guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = level
    }

    /// The English name used in files and on the command line.
    public var name: String {
        switch self {
        case .province: "province"
        case .city: "city"
        case .county: "county"
        case .town: "town"
        case .village: "village"
        }
    }

    /// How many leading digits of the 12-digit code are significant at this level.
    public var significantDigits: Int {
        switch self {
        case .province: 2
        case .city: 4
        case .county: 6
        case .town: 9
        case .village: 12
        }
    }

    public var description: String { name }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension DivisionLevel {
    /// Encoded by name (`"county"`), as files and JSON output spell it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self), let level = DivisionLevel(rawValue: number) {
            self = level
            return
        }
        let text = try container.decode(String.self)
        guard let level = DivisionLevel(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a division level: \(text)")
        }
        self = level
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
