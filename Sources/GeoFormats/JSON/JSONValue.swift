/// A JSON value read from a file, kept compact for geometry: an array of numbers is `numbers`, and an
/// array of equally long number arrays (GeoJSON positions) is `positions`, one flat run of doubles,
/// so a coordinate costs 8 bytes a number instead of a boxed value each. Numbers are never booleans.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    /// An array whose elements are all numbers.
    case numbers([Double])
    /// An array of `count` arrays of `width` numbers each, row by row in `flat`.
    case positions(flat: [Double], width: Int)

    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The elements of an array as general values (numbers and positions expanded).
    public var elements: [JSONValue]? {
        switch self {
        case let .array(list): list
        case let .numbers(values): values.map(JSONValue.number)
        case let .positions(flat, width): stride(from: 0, to: flat.count, by: width).map { .numbers(Array(flat[$0..<$0 + width])) }
        default: nil
        }
    }

    /// What the value is, for messages: "a string", "true".
    public var kind: String {
        switch self {
        case .null: "null"
        case let .bool(value): "\(value)"
        case .number: "a number"
        case .string: "a string"
        case .array, .numbers, .positions: "an array"
        case .object: "an object"
        }
    }
}
