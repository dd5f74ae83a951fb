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

    enum CodingKeys: String, CodingKey { case id, text, toned, status, countyCode }

    public init(id: String, text: String, toned: String?, status: NameStatus?, working: Bool, countyCode: String) {
        (self.id, self.text, self.toned, self.status, self.working, self.countyCode) = (id, text, toned, status, working, countyCode)
    }

    /// As JSON the status is one string: the name's status, or `working`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let status = try c.decode(String.self, forKey: .status)
        self.init(id: try c.decode(String.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  toned: try c.decodeIfPresent(String.self, forKey: .toned), status: NameStatus(rawValue: status), working: status == "working",
                  countyCode: try c.decode(String.self, forKey: .countyCode))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encodeIfPresent(toned, forKey: .toned)
        try c.encode(status?.rawValue ?? "working", forKey: .status)
        try c.encode(countyCode, forKey: .countyCode)
    }
}

/// Name search (`names search`): by characters, by pinyin with or without tones, and by initials
/// (xfl → 幸福路), over registered names of every status and the working names of unnamed roads,
/// in the county the actor may read.
public struct NameSearch: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
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
        let county = actor.readableCounty
        return try registry.read { db in
            var hits = try db.names.search(match: match, county: county, limit: limit).map {
                NameSearchHit(id: $0.id.description, text: $0.text, toned: $0.toned, status: $0.status, working: false, countyCode: $0.countyCode.rawValue)
            }
            if !chinese.isEmpty && hits.count < limit {
                hits += try db.roads.searchWorkingNames(containing: chinese, county: county, limit: limit - hits.count).map {
                    NameSearchHit(id: $0.id, text: $0.text, toned: nil, status: nil, working: true, countyCode: $0.county)
                }
            }
            return hits
        }
    }
}
