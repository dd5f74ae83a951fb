import Foundation

/// A run of UTF-8 bytes inside libxml2's buffers (a name, an attribute value, character data).
public struct XMLBytes {
    public let start: UnsafePointer<UInt8>
    public let count: Int

    public init(start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    /// A NUL-terminated name.
    init(_ cString: UnsafePointer<UInt8>) {
        self.init(start: cString, count: strlen(UnsafeRawPointer(cString).assumingMemoryBound(to: CChar.self)))
    }

    /// Whether the bytes equal `literal` (compare against ASCII element and attribute names).
    @inline(__always)
    public func equals(_ literal: StaticString) -> Bool {
        // Byte by byte: element names are short, and a call to memcmp per event cost more than the compare.
        guard literal.utf8CodeUnitCount == count else { return false }
        let other = literal.utf8Start
        for i in 0..<count where start[i] != other[i] { return false }
        return true
    }

    public var first: UInt8? { count > 0 ? start[0] : nil }

    /// The text, with the five predefined entities and character references decoded.
    public var string: String {
        let buffer = UnsafeBufferPointer(start: start, count: count)
        guard buffer.contains(UInt8(ascii: "&")) else { return String(decoding: buffer, as: UTF8.self) }
        return XMLEntities.decode(String(decoding: buffer, as: UTF8.self))
    }

    /// A signed integer, or nil if the bytes are not one.
    public var int64: Int64? {
        var i = 0, negative = false, value: Int64 = 0
        if i < count, start[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < count else { return nil }
        if count - i <= 18 {
            // Eighteen digits cannot overflow: no overflow checks (an OSM id or ref per element).
            while i < count {
                let digit = start[i] &- 48
                guard digit <= 9 else { return nil }
                value = value &* 10 &+ Int64(digit)
                i += 1
            }
            return negative ? -value : value
        }
        while i < count {
            let digit = Int64(start[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    /// A decimal number (fast path for plain `-12.345`; anything else through `Double(String)`).
    public var double: Double? {
        var i = 0, negative = false
        if i < count, start[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var mantissa: UInt64 = 0, digits = 0, scale = 0, seenPoint = false
        while i < count {
            let c = start[i]
            if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if c >= 48 && c <= 57 && digits < 18 {
                mantissa = mantissa * 10 + UInt64(c - 48)
                digits += 1
                if seenPoint { scale += 1 }
            } else {
                return Double(string.trimmingCharacters(in: .whitespaces))
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(mantissa) / XMLBytes.powersOfTen[scale]
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...18).map { pow(10, Double($0)) }

    /// A plain decimal `-12.345` with at most seven decimals, in units of 1e-7 (how OSM stores
    /// degrees), or nil for anything else (more decimals, an exponent, spaces, a value beyond
    /// ±2^31 units), which ``double`` reads instead. Where both read the bytes, this is exactly
    /// `Int32((double! * 1e7).rounded())`: the value has at most 10 significant digits, so neither
    /// rounding of that expression can move it by half a unit.
    @inline(__always)
    public var fixedPoint7: Int32? {
        var i = 0, negative = false
        if i < count, start[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var value: Int64 = 0, digits = 0, decimals = -1
        while i < count {
            let c = start[i]
            if c == UInt8(ascii: ".") {
                guard decimals < 0 else { return nil }
                decimals = 0
            } else {
                let digit = c &- 48
                guard digit <= 9, digits < 11 else { return nil }
                value = value &* 10 &+ Int64(digit)
                digits += 1
                if decimals >= 0 { decimals += 1 }
            }
            i += 1
        }
        guard digits > 0, decimals <= 7 else { return nil }
        for _ in max(decimals, 0)..<7 { value &*= 10 }
        guard value <= Int64(Int32.max) else { return nil }
        return Int32(truncatingIfNeeded: negative ? -value : value)
    }
}

/// The attributes of a start tag, as libxml2 hands them: (name, prefix, URI, value start, value end).
public struct XMLAttributes: Sequence {
    let raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    public let count: Int

    init(_ raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.raw = raw
        self.count = count
    }

    public func makeIterator() -> AnyIterator<(name: XMLBytes, value: XMLBytes)> {
        var index = 0
        return AnyIterator {
            guard index < count, let raw else { return nil }
            defer { index += 1 }
            let base = raw + index * 5
            let start = base[3]!, end = base[4]!
            return (XMLBytes(base[0]!), XMLBytes(start: start, count: end - start))
        }
    }

    /// The value of the attribute `name`, if present.
    public subscript(name: StaticString) -> XMLBytes? {
        guard let raw else { return nil }
        for index in 0..<count {
            let base = raw + index * 5
            // Compared in place (no strlen per attribute): the names are NUL-terminated in libxml2's dictionary.
            if Self.name(base[0]!, is: name) {
                return XMLBytes(start: base[3]!, count: base[4]! - base[3]!)
            }
        }
        return nil
    }

    /// Calls `body` with each attribute's NUL-terminated name and its value, in document order:
    /// one pass for an element whose several attributes are all wanted (an OSM node's id, lat, lon
    /// and version), where a lookup per name would scan the list each time.
    @inline(__always)
    public func forEach(_ body: (_ name: UnsafePointer<UInt8>, _ value: XMLBytes) -> Void) {
        guard let raw else { return }
        for index in 0..<count {
            let base = raw + index * 5
            body(base[0]!, XMLBytes(start: base[3]!, count: base[4]! - base[3]!))
        }
    }

    /// Whether the NUL-terminated attribute name at `name` is `literal`.
    @inline(__always)
    public static func name(_ name: UnsafePointer<UInt8>, is literal: StaticString) -> Bool {
        // Byte by byte, stopping at the first difference (a NUL in `name` is one): attribute names
        // are a few bytes, and a call to strncmp per attribute cost more than the compare.
        let length = literal.utf8CodeUnitCount
        let other = literal.utf8Start
        for i in 0..<length where name[i] != other[i] { return false }
        return name[length] == 0
    }

    /// Whether any attribute value is longer than `limit` bytes (one test per attribute; the
    /// offending one is then found with ``longestValue``).
    @inline(__always)
    public func hasValue(longerThan limit: Int) -> Bool {
        guard let raw else { return false }
        for index in 0..<count {
            let base = raw + index * 5
            if base[4]! - base[3]! > limit { return true }
        }
        return false
    }

    /// The longest attribute value's length and its index (for limits), without building names.
    public var longestValue: (index: Int, count: Int)? {
        guard let raw, count > 0 else { return nil }
        var best = (index: 0, count: -1)
        for index in 0..<count {
            let base = raw + index * 5
            let length = base[4]! - base[3]!
            if length > best.count { best = (index, length) }
        }
        return best
    }

    /// The name of the attribute at `index`.
    public func name(at index: Int) -> XMLBytes { XMLBytes(raw![index * 5]!) }
}

/// Decoding of the predefined entities and numeric character references in attribute values.
enum XMLEntities {
    static func decode(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let n = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(n) {
                    out.unicodeScalars.append(s)
                } else if entity.hasPrefix("#"), let n = UInt32(entity.dropFirst()), let s = Unicode.Scalar(n) {
                    out.unicodeScalars.append(s)
                } else {
                    out += rest[amp...semicolon]
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}
