import DimingCore
import DimingKit
import Foundation

/// Printing for commands: JSON to stdout, messages to stdout, problems to stderr.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let data = try JSON.encoder(pretty: true).encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func line(_ text: String = "") {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// 11992 → "11,992".
    static func count(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// "1 province", "4 cities" …
    static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? singular : pluralForm ?? singular + "s")"
    }
}
