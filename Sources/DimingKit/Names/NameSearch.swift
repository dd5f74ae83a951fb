import DimingCore
import Foundation
import Naming

/// One search hit: a registered name, or a road's working name.
public struct NameSearchHit: Codable, Sendable {
    public var id: String
    public var text: String
    public var toned: String?
    /// Where a registered name stands (nil for a road's working name).
    public var status: NameStatus?
    /// A road's working name (工作名), not a registered name.
    public var working: Bool
    public var countyCode: String
}

/// Name search (`names search`): by characters, by pinyin with or without tones, and by initials
/// (xfl → 幸福路), over registered names of every status and the working names of unnamed roads.
public struct NameSearch: Sendable {
    public var registry: any RegistryStore

    public init(registry: any RegistryStore) {
        self.registry = registry
    }

    public func search(_ query: String, limit: Int = 20) throws -> [NameSearchHit] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw InputError(field: "query", "an empty query") }
        let chinese = text.filter { $0.unicodeScalars.allSatisfy { $0.properties.isIdeographic } }
        let match: String
        if !chinese.isEmpty {
            let characters = Array(chinese)
            let tokens = characters.count <= 2 ? [chinese] : (0..<characters.count - 1).map { String(characters[$0...$0 + 1]) }
            match = tokens.map { "\"\($0)\"" }.joined(separator: " ")
        } else {
            let key = Pinyin.toneless(text.lowercased()).replacingOccurrences(of: "ü", with: "v").filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            guard !key.isEmpty else { throw InputError(field: "query", "'\(query)' has no characters or pinyin to search for") }
            match = "\"\(key)\"*"
        }
        return try registry.read { db in
            var hits = try db.names.search(match: match, limit: limit).map {
                NameSearchHit(id: $0.id.description, text: $0.text, toned: $0.toned, status: $0.status, working: false, countyCode: $0.countyCode.rawValue)
            }
            if !chinese.isEmpty && hits.count < limit {
                hits += try db.roads.searchWorkingNames(containing: chinese, limit: limit - hits.count).map {
                    NameSearchHit(id: $0.id, text: $0.text, toned: nil, status: nil, working: true, countyCode: $0.county)
                }
            }
            return hits
        }
    }
}
