/// A 12-digit statistical division code: province 2 + city 2 + county 2 + town 3 + village 3.
/// The first 6 digits are the GB/T 2260 code. Codes are never reused; a rename keeps the code.
public struct DivisionCode: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// The national root some tables give as a province's parent.
    public static let nationalRoot = "100000000000"

    /// Accepts exactly 12 ASCII digits, or a 6-digit GB/T 2260 code (padded with zeros).
    public init?(_ text: String) {
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        switch text.utf8.count {
        case 12: rawValue = text
        case 6: rawValue = text + "000000"
        default: return nil
        }
        guard !rawValue.hasPrefix("00") else { return nil }
    }

    /// The level the code's structure implies: the deepest part that is not all zeros.
    public var structuralLevel: DivisionLevel {
        let digits = Array(rawValue.utf8)
        func zeros(_ range: Range<Int>) -> Bool { digits[range].allSatisfy { $0 == 48 } }
        if zeros(2..<12) { return .province }
        if zeros(4..<12) { return .city }
        if zeros(6..<12) { return .county }
        if zeros(9..<12) { return .town }
        return .village
    }

    /// The code's significant digits at `level`, e.g. `371521` for a county.
    public func prefix(at level: DivisionLevel) -> String {
        String(rawValue.prefix(level.significantDigits))
    }

    /// The 6-digit county code (GB/T 2260), used to mint ids.
    public var countyPart: String { prefix(at: .county) }

    /// The code of the ancestor at `level` (its significant digits padded with zeros).
    public func ancestor(at level: DivisionLevel) -> DivisionCode {
        let head = prefix(at: level)
        return DivisionCode(unchecked: head + String(repeating: "0", count: 12 - head.count))
    }

    /// Whether `self` could be an ancestor of `other`: a higher level whose significant digits `other` shares.
    public func isAncestor(of other: DivisionCode) -> Bool {
        let level = structuralLevel
        return level < other.structuralLevel && other.prefix(at: level) == prefix(at: level)
    }

    /// The kind of unit the code's structure implies at town and village level (DOMAIN.md §2).
    public var unitKind: String? {
        switch structuralLevel {
        case .town:
            guard let n = Int(rawValue.dropFirst(6).prefix(3)) else { return nil }
            return n < 100 ? "街道" : n < 200 ? "镇" : n < 400 ? "乡" : nil
        case .village:
            guard let n = Int(rawValue.suffix(3)) else { return nil }
            return n < 200 ? "居委会" : n < 400 ? "村委会" : nil
        default: return nil
        }
    }

    init(unchecked rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = DivisionCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a division code: \(text)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
