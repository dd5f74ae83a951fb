import Foundation

/// JSON as Diming writes it: sorted keys, no escaped slashes, UTF-8 (Chinese stays readable).
public enum JSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// One value as a compact JSON string (for the audit trail).
    public static func string<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder().encode(value), as: UTF8.self)) ?? "null"
    }
}
