/// The county-editable tables the rules use (GeoData/names), and the county's local rules.
public struct NamingRuleTables: Sendable {
    /// The law's rule tables: leaders, foreign places, literary characters, enterprises, unhealthy
    /// and grandiose words (GeoData/names/forbidden).
    public var forbidden = ForbiddenWords()
    /// character → look-alike group
    public var lookalikeGroup: [Character: Int] = [:]
    public var surnames: Set<Character> = []
    public var givenNameCharacters: Set<Character> = []
    public var settlementCharacters: Set<Character> = []
    /// Levels of the 通用规范汉字表 when known (1–3); nil: only membership is known.
    public var levels: [Character: Int]?
    /// Protected names of other places (地名文化遗产保护名录), by the name and by its specific (十里堡).
    public var protectedNames: [String: [ProtectedName]] = [:]
    /// A local rule (Suqian: 专名 at most 4 characters): nil where the county sets none.
    public var maxSpecificLength: Int?
    /// The longest whole name accepted anywhere, in characters (an error beyond it). The law sets no
    /// number; rural practice keeps the 专名 to 2–4 characters (DOMAIN.md §3), so even a long 专名
    /// with descriptors and an ordinal (十里堡村北滨河第十二路) stays well under this, while a
    /// mistyped or pasted run of characters no plate could carry and no one could say is refused.
    public var maxNameLength = 15
    /// Pairs of sounds counted as near-homophones: n/l, z/zh, c/ch, s/sh, an/ang, en/eng, in/ing.
    public var nearSounds: [(String, String)] = [("zh", "z"), ("ch", "c"), ("sh", "s"), ("ang", "an"), ("eng", "en"), ("ing", "in"), ("l", "n")]

    public init() {}

    /// Reads the rule tables, lookalikes.tsv and person-names.tsv.
    public init(forbidden: ForbiddenWords, lookalikes: String, personNames: String) {
        self.forbidden = forbidden
        for (index, line) in lookalikes.split(whereSeparator: \.isNewline).filter({ !$0.hasPrefix("#") }).enumerated() {
            for character in line where !character.isWhitespace { lookalikeGroup[character] = index }
        }
        for line in personNames.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count == 2 else { continue }
            switch f[0] {
            case "surnames": surnames = Set(f[1])
            case "given": givenNameCharacters = Set(f[1])
            case "settlement": settlementCharacters = Set(f[1])
            default: break
            }
        }
    }
}
