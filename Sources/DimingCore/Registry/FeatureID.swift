/// What a permanent id names.
public enum FeatureKind: String, CaseIterable, Codable, Sendable {
    case road = "R"
    case segment = "S"
    case name = "N"
    case namingCase = "C"
    case batch = "A"
    case sign = "G"
    case poi = "P"
    case delivery = "D"
}

/// A permanent id: county code + kind + serial, e.g. `371521-R-000042`.
///
/// Ids are minted per county from a counter that only grows, so an id is never reused and two
/// counties (each minting offline) never collide.
public struct FeatureID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    public let county: String
    public let kind: FeatureKind
    public let serial: Int

    public init(county: String, kind: FeatureKind, serial: Int) {
        precondition(county.utf8.count == 6 && county.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }, "county must be 6 digits")
        precondition(serial > 0, "serials start at 1")
        self.county = county
        self.kind = kind
        self.serial = serial
    }

    public init?(_ description: String) {
        // The usual shape (371521-R-000042) is read byte by byte: the survey parses tens of thousands of ids.
        let utf8 = description.utf8
        if utf8.count >= 10, utf8.count <= 24 {
            let bytes = Array(utf8)
            func digit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            if bytes[0..<6].allSatisfy(digit), bytes[6] == UInt8(ascii: "-"), bytes[8] == UInt8(ascii: "-"),
               let kind = FeatureKind(rawValue: String(UnicodeScalar(bytes[7]))), bytes[9...].allSatisfy(digit) {
                let serial = bytes[9...].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                guard serial > 0 else { return nil }
                self.init(county: String(decoding: bytes[0..<6], as: UTF8.self), kind: kind, serial: serial)
                return
            }
        }
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 6, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let kind = FeatureKind(rawValue: String(parts[1])),
              let serial = Int(parts[2]), serial > 0 else { return nil }
        self.init(county: String(parts[0]), kind: kind, serial: serial)
    }

    public var description: String {
        let digits = String(serial)
        return "\(county)-\(kind.rawValue)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.county, lhs.kind.rawValue, lhs.serial) < (rhs.county, rhs.kind.rawValue, rhs.serial)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = FeatureID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a feature id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
