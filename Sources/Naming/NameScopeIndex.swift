/// The names in scope, indexed for the rules: by text, by 专名, by toneless and near-sound
/// pinyin of the 专名, and by look-alike shape. Built once, each check is a few lookups.
public struct NameScopeIndex: Sendable {
    public let records: [NameRecord]
    let byText: [String: [NameRecord]]
    let bySpecific: [String: [NameRecord]]
    let byToneless: [String: [NameRecord]]
    let byFuzzy: [String: [NameRecord]]
    let byLookalike: [String: [NameRecord]]
    let nearSounds: [(String, String)]
    let lookalikeGroup: [Character: Int]

    public init(_ records: [NameRecord], tables: NamingRuleTables) {
        self.records = records
        nearSounds = tables.nearSounds
        lookalikeGroup = tables.lookalikeGroup
        byText = Dictionary(grouping: records, by: \.text)
        bySpecific = Dictionary(grouping: records.filter { !$0.specific.isEmpty }, by: \.specific)
        byToneless = Dictionary(grouping: records, by: \.specificToneless)
        var fuzzy: [String: [NameRecord]] = [:], shapes: [String: [NameRecord]] = [:]
        for record in records {
            fuzzy[Self.fuzzyKey(record.specificToneless, nearSounds), default: []].append(record)
            shapes[Self.lookalikeKey(record.specific, tables.lookalikeGroup), default: []].append(record)
        }
        byFuzzy = fuzzy
        byLookalike = shapes
    }

    func fuzzyKey(_ toneless: String) -> String { Self.fuzzyKey(toneless, nearSounds) }
    func lookalikeKey(_ specific: String) -> String { Self.lookalikeKey(specific, lookalikeGroup) }

    /// Toneless syllables with the near sounds merged (zh→z, ang→an, l→n …).
    static func fuzzyKey(_ toneless: String, _ nearSounds: [(String, String)]) -> String {
        toneless.split(separator: " ").map { syllable -> String in
            var s = String(syllable)
            for (from, to) in nearSounds {
                if from.count > 1 || to.count > 1 {
                    if s.hasPrefix(from) { s = to + s.dropFirst(from.count) }
                    else if s.hasSuffix(from) { s = String(s.dropLast(from.count)) + to }
                } else if s.hasPrefix(from) { s = to + s.dropFirst() }
            }
            return s
        }.joined(separator: " ")
    }

    /// Each character replaced by its look-alike group, so look-alike names share a key.
    static func lookalikeKey(_ specific: String, _ groups: [Character: Int]) -> String {
        specific.map { groups[$0].map { "#\($0)." } ?? String($0) }.joined()
    }
}
