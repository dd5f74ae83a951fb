import DimingCore
import Foundation

/// A JSON parser that reads its input in chunks and never holds more than the value being built:
/// the elements of one top-level array member (GeoJSON's `features`) are handed out one at a time.
/// Every limit of ``InputLimits`` that applies is enforced as bytes arrive (nesting, string size,
/// size of one element), and errors carry the line and column.
final class JSONStreamParser {
    let name: String
    let limits: InputLimits
    private let next: () throws -> Data
    private var buffer: [UInt8] = []
    private var index = 0
    private var atEnd = false
    /// Bytes before `buffer[0]`.
    private var base = 0
    private(set) var line = 1
    private var lineStart = 0
    /// The offset at which the value being read must end (`maxFeatureBytes`), and which field it is.
    private var budgetEnd = Int.max
    private var budgetField = ""

    init(name: String, limits: InputLimits, next: @escaping () throws -> Data) {
        self.name = name
        self.limits = limits
        self.next = next
    }

    var offset: Int { base + index }
    var column: Int { offset - lineStart + 1 }

    /// A syntax error (`not valid JSON: …`) at the current position.
    func error(_ message: String, field: String? = nil) -> InputError {
        InputError(file: name, line: line, column: column, field: field, "not valid JSON: " + message)
    }

    /// A value beyond one of the limits, at the current position.
    func tooLarge(_ message: String, field: String? = nil) -> InputError {
        InputError(file: name, line: line, column: column, field: field, message)
    }

    // MARK: Bytes

    @inline(__always)
    private func peek() throws -> UInt8? {
        if index < buffer.count { return buffer[index] }
        return try refill() ? buffer[index] : nil
    }

    private func refill() throws -> Bool {
        guard !atEnd else { return false }
        if offset > budgetEnd { throw overBudget() }
        base += buffer.count
        index = 0
        while true {
            let chunk = try next()
            if chunk.isEmpty {
                atEnd = true
                buffer = []
                return false
            }
            buffer = [UInt8](chunk)
            return true
        }
    }

    @inline(__always)
    private func advance() {
        if buffer[index] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        index += 1
    }

    private func overBudget() -> InputError {
        tooLarge("\(budgetField) is longer than \(limits.maxFeatureBytes) bytes (\(InputLimits.name("maxFeatureBytes", limits.maxFeatureBytes)))", field: budgetField)
    }

    private func skipWhitespace() throws {
        while try index < buffer.count || refill() {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x0D || byte == 0x09 {
                index += 1
            } else if byte == 0x0A {
                advance()
            } else {
                return
            }
        }
    }

    private func expect(_ byte: UInt8, _ what: String) throws {
        try skipWhitespace()
        guard try peek() == byte else { throw error("expected \(what), found \(try describeNext())") }
        advance()
    }

    private func describeNext() throws -> String {
        guard let byte = try peek() else { return "the end of the file" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    // MARK: Document

    /// Reads a document whose top level is an object. The elements of the array member `streamed`
    /// go to `element` one by one (with the line each starts on); the other members are returned.
    func readObject(streaming streamed: String, element: (JSONValue, Int) throws -> Void) throws -> [String: JSONValue] {
        try skipWhitespace()
        guard try peek() == UInt8(ascii: "{") else {
            throw try peek() == nil ? tooLarge("the file is empty") : error("expected an object ('{'), found \(try describeNext())")
        }
        advance()
        var members: [String: JSONValue] = [:]
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            advance()
        } else {
            while true {
                try skipWhitespace()
                let key = try readString(field: "member name")
                try expect(UInt8(ascii: ":"), "':'")
                try skipWhitespace()
                if key == streamed, try peek() == UInt8(ascii: "[") {
                    advance()
                    try readStreamedArray(key, element: element)
                    members[key] = .array([])
                } else {
                    members[key] = try bounded(key) { try readValue(depth: 2, field: key) }
                }
                try skipWhitespace()
                guard let byte = try peek() else { throw error("the file ends inside the top-level object") }
                advance()
                if byte == UInt8(ascii: "}") { break }
                guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' after member '\(key)'") }
            }
        }
        try skipWhitespace()
        guard try peek() == nil else { throw error("unexpected \(try describeNext()) after the end of the top-level object") }
        return members
    }

    private func readStreamedArray(_ key: String, element: (JSONValue, Int) throws -> Void) throws {
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") { return advance() }
        var count = 0
        while true {
            count += 1
            try skipWhitespace()
            let startLine = line
            let field = "\(key)[\(count)]"
            let value = try bounded(field) { try readValue(depth: 2, field: field) }
            try element(value, startLine)
            try skipWhitespace()
            guard let byte = try peek() else { throw error("the file ends inside '\(key)'") }
            advance()
            if byte == UInt8(ascii: "]") { return }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' after \(field)") }
        }
    }

    private func bounded<T>(_ field: String, _ body: () throws -> T) throws -> T {
        budgetEnd = offset + limits.maxFeatureBytes
        budgetField = field
        defer { budgetEnd = .max }
        let value = try body()
        if offset > budgetEnd { throw overBudget() }
        return value
    }

    /// Reads one whole value (a small document, or one element).
    func readDocument() throws -> JSONValue {
        let value = try bounded("the document") { try readValue(depth: 1, field: "") }
        try skipWhitespace()
        guard try peek() == nil else { throw error("unexpected \(try describeNext()) after the end of the document") }
        return value
    }

    // MARK: Values

    private func readValue(depth: Int, field: String) throws -> JSONValue {
        try skipWhitespace()
        guard let byte = try peek() else { throw error("the file ends where a value was expected", field: field) }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth <= limits.maxDepth else {
                throw tooLarge("arrays and objects nested more than \(limits.maxDepth) deep (\(InputLimits.name("maxDepth", limits.maxDepth)))", field: field)
            }
            return byte == UInt8(ascii: "{") ? try readObjectValue(depth: depth, field: field) : try readArray(depth: depth, field: field)
        case UInt8(ascii: "\""): return .string(try readString(field: field))
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber(field: field))
        default: throw error("expected a value, found \(try describeNext())", field: field)
        }
    }

    private func literal(_ word: StaticString) throws {
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in bytes {
            guard try peek() == expected else { throw error("expected \(word), found \(try describeNext())") }
            advance()
        }
    }

    private func readObjectValue(depth: Int, field: String) throws -> JSONValue {
        advance()
        var members: [String: JSONValue] = [:]
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            advance()
            return .object(members)
        }
        while true {
            try skipWhitespace()
            let key = try readString(field: field)
            try expect(UInt8(ascii: ":"), "':' after \"\(key.prefix(40))\"")
            members[key] = try readValue(depth: depth + 1, field: field.isEmpty ? key : field + "." + key)
            if offset > budgetEnd { throw overBudget() }
            try skipWhitespace()
            guard let byte = try peek() else { throw error("the file ends inside an object", field: field) }
            advance()
            if byte == UInt8(ascii: "}") { return .object(members) }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object, found \(Character(Unicode.Scalar(byte)))", field: field) }
        }
    }

    /// Arrays of numbers and arrays of equally long number arrays are kept flat (see ``JSONValue``).
    /// The three accumulators are plain local arrays, so appending never copies them.
    private func readArray(depth: Int, field: String) throws -> JSONValue {
        advance()
        enum Shape { case empty, numbers, positions, general }
        var shape = Shape.empty
        var numbers: [Double] = []
        var flat: [Double] = []
        var width = 0
        var list: [JSONValue] = []
        func generalize() {
            switch shape {
            case .numbers: list = numbers.map(JSONValue.number)
            case .positions: list = JSONValue.positions(flat: flat, width: width).elements ?? []
            case .empty, .general: break
            }
            numbers = []
            flat = []
            shape = .general
        }
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            advance()
            return .array([])
        }
        while true {
            let value = try readValue(depth: depth + 1, field: field)
            if offset > budgetEnd { throw overBudget() }
            switch (shape, value) {
            case let (.empty, .number(x)):
                shape = .numbers
                numbers.append(x)
            case let (.empty, .numbers(xs)) where !xs.isEmpty:
                shape = .positions
                width = xs.count
                flat.append(contentsOf: xs)
            case let (.numbers, .number(x)):
                numbers.append(x)
            case let (.positions, .numbers(xs)) where xs.count == width:
                flat.append(contentsOf: xs)
            default:
                if shape != .general { generalize() }
                list.append(value)
            }
            try skipWhitespace()
            guard let byte = try peek() else { throw error("the file ends inside an array", field: field) }
            advance()
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array, found \(Character(Unicode.Scalar(byte)))", field: field) }
        }
        switch shape {
        case .empty: return .array([])
        case .numbers: return .numbers(numbers)
        case .positions: return .positions(flat: flat, width: width)
        case .general: return .array(list)
        }
    }

    private func readNumber(field: String) throws -> Double {
        // Fast path for plain decimals (`-115.1234567`): digits straight into a mantissa, no text kept.
        var negative = false
        if try peek() == UInt8(ascii: "-") {
            negative = true
            advance()
        }
        var mantissa: UInt64 = 0, digits = 0, scale = 0, seenPoint = false, leadingZero = false
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        while try index < buffer.count || refill() {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 {
                if leadingZero && !seenPoint { throw error("a number with a leading zero", field: field) }
                if digits == 0 && !seenPoint && byte == 0x30 {
                    leadingZero = true
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(byte - 0x30)
                    digits += 1
                    if seenPoint { scale += 1 }
                } else if !seenPoint {
                    scale -= 1 // more integer digits than fit: count them as a power of ten
                }
            } else if byte == UInt8(ascii: ".") && !seenPoint {
                guard digits > 0 || leadingZero else { throw error("a number must start with a digit", field: field) }
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                return try readSlowNumber(prefix: text, mantissaDigits: (mantissa, digits, scale, seenPoint), field: field)
            } else {
                break
            }
            text.append(byte)
            advance()
            guard text.count <= 64 else { throw error("a number longer than 64 characters", field: field) }
        }
        guard digits > 0 || leadingZero, text.last != UInt8(ascii: ".") else {
            throw error("'\(String(decoding: text, as: UTF8.self))' is not a JSON number", field: field)
        }
        let value: Double
        if scale >= 0 && scale < Self.powersOfTen.count && digits <= 15 {
            value = Double(mantissa) / Self.powersOfTen[scale]
        } else {
            guard let parsed = Double(String(decoding: text, as: UTF8.self)) else { throw error("not a JSON number", field: field) }
            return parsed
        }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// Numbers with an exponent, checked against the JSON grammar and read by the standard library.
    private func readSlowNumber(prefix: [UInt8], mantissaDigits _: (UInt64, Int, Int, Bool), field: String) throws -> Double {
        var text = prefix
        while let byte = try peek(), byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (byte >= 0x30 && byte <= 0x39) {
            text.append(byte)
            advance()
            guard text.count <= 64 else { throw error("a number longer than 64 characters", field: field) }
        }
        guard Self.isJSONNumber(text), let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw error("'\(String(decoding: text, as: UTF8.self))' is not a JSON number", field: field)
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    static func isJSONNumber(_ text: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < text.count, text[i] >= 0x30, text[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < text.count, text[i] == UInt8(ascii: "-") { i += 1 }
        guard i < text.count else { return false }
        if text[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < text.count, text[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < text.count, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            if i < text.count, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == text.count
    }

    private func readString(field: String) throws -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw error("expected a string, found \(try describeNext())", field: field) }
        advance()
        var bytes: [UInt8] = []
        while true {
            guard let byte = try peek() else { throw error("the file ends inside a string", field: field) }
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            guard byte >= 0x20 else { throw error("a control character (0x\(String(byte, radix: 16))) inside a string", field: field) }
            if byte != UInt8(ascii: "\\") {
                // Plain bytes up to the next quote, backslash or control character, without a call each.
                var end = index
                while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != UInt8(ascii: "\\"), buffer[end] >= 0x20 { end += 1 }
                bytes.append(contentsOf: buffer[index..<end])
                index = end
            } else {
                advance()
                guard let escaped = try peek() else { throw error("the file ends inside a string", field: field) }
                advance()
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escaped)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(field)
                    if (0xD800...0xDBFF).contains(scalar) {
                        try literal("\\u")
                        let low = try hex4(field)
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("an unpaired surrogate in \\u escapes", field: field) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw error("an unpaired surrogate in \\u escapes", field: field) }
                    bytes.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw error("an invalid escape \\\(Character(Unicode.Scalar(escaped)))", field: field)
                }
            }
            guard bytes.count <= limits.maxStringBytes else {
                throw tooLarge("a string longer than \(limits.maxStringBytes) bytes (\(InputLimits.name("maxStringBytes", limits.maxStringBytes)))", field: field)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw error("a string that is not valid UTF-8", field: field) }
        return text
    }

    private func hex4(_ field: String) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek(), let digit = UInt32(String(Unicode.Scalar(byte)), radix: 16) else {
                throw error("\\u needs four hex digits", field: field)
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }
}
