import Foundation

/// An OSM way's tags stored as one JSON object of strings (`{"highway":"track","surface":"gravel"}`),
/// keys sorted. Written and read by hand for the plain case, because Foundation's JSONSerialization
/// costs tens of microseconds a way and an import writes one per segment; anything the fast path does
/// not expect (an escape, a non-string value) goes through JSONSerialization.
enum TagJSON {
    static func encode(_ tags: [String: String]) -> String {
        // Written as UTF-8 bytes: appending to a String scalar by scalar cost 5 µs a way.
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(16 + tags.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        for (index, tag) in tags.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            append(tag.key, to: &out)
            out.append(UInt8(ascii: ":"))
            append(tag.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [String: String] {
        var text = text
        if let tags = text.withUTF8(plain) { return tags }
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return parsed as? [String: String] ?? [:]
    }

    private static func append(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte) // UTF-8 continuation and lead bytes are 0x80 and above: copied as they are
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `{"k":"v",…}` with no escapes and no whitespace, as ``encode(_:)`` writes it; nil for anything else.
    private static func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String]? {
        let quote = UInt8(ascii: "\""), n = bytes.count
        guard n >= 2, bytes[0] == UInt8(ascii: "{"), bytes[n - 1] == UInt8(ascii: "}"), !bytes.contains(UInt8(ascii: "\\")) else { return nil }
        var tags: [String: String] = [:]
        var i = 1
        func string() -> String? {
            guard i < n, bytes[i] == quote else { return nil }
            let start = i + 1
            var end = start
            while end < n, bytes[end] != quote { end += 1 }
            guard end < n else { return nil }
            i = end + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        while i < n - 1 {
            guard let key = string(), i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let value = string() else { return nil }
            tags[key] = value
            if i < n - 1 {
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }
        return tags
    }
}
