import Foundation

/// An OSM way's tags stored as one JSON object of strings (`{"highway":"track","surface":"gravel"}`),
/// keys sorted. Written and read by hand for the plain case, because Foundation's JSONSerialization
/// costs tens of microseconds a way and an import writes one per segment; anything the fast path does
/// not expect (an escape, a non-string value) goes through JSONSerialization.
enum TagJSON {
    static func encode(_ tags: [String: String]) -> String {
        var out = "{"
        for (index, key) in tags.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            append(tags[key]!, to: &out)
        }
        return out + "}"
    }

    static func decode(_ text: String) -> [String: String] {
        var text = text
        if let tags = text.withUTF8(plain) { return tags }
        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return parsed as? [String: String] ?? [:]
    }

    private static func append(_ string: String, to out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
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
