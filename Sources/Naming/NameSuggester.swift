import DimingCore

/// A suggested name with why it was suggested.
public struct NameSuggestion: Codable, Sendable, Hashable {
    public var name: String
    public var toned: String
    /// How it was made: `village`, `blend`, `direction`, `word list`.
    public var source: String
    public var reason: String
    public var score: Double
}

/// What is known about the road a name is for.
public struct RoadNamingContext: Sendable {
    /// Villages it connects or passes, in road order (short names: 张庄村).
    public var villages: [String]
    /// For villages it runs beside: which side of the village the road lies on (东/西/南/北).
    public var sides: [(village: String, side: String)]
    public var length: Double

    public init(villages: [String], sides: [(village: String, side: String)], length: Double) {
        self.villages = villages
        self.sides = sides
        self.length = length
    }
}

/// Suggests names for a road (DOMAIN.md §3 approaches): after the villages it links (王庄路),
/// blending two linked villages (范陈路), direction + village (王庄东路), and the county word list
/// (幸福路). Every suggestion passes the checks in scope: no errors and no warnings.
public struct NameSuggester: Sendable {
    public var checker: NameChecker
    public var wordList: [(word: String, meaning: String)]

    public init(checker: NameChecker, wordList: [(word: String, meaning: String)]) {
        self.checker = checker
        self.wordList = wordList
    }

    public func suggest(for road: RoadNamingContext, scope: [NameRecord], limit: Int = 10) -> [NameSuggestion] {
        let generic = road.length >= 500 ? "路" : "巷"
        var candidates: [(name: String, source: String, reason: String, score: Double)] = []
        let stems = road.villages.map(Self.stem)
        var seen = Set<String>()
        for (index, stem) in stems.enumerated() where seen.insert(stem).inserted {
            candidates.append((stem + generic, "village", "以沿线村庄“\(road.villages[index])”命名", 90 - Double(index) * 2))
        }
        if let first = stems.first, let last = stems.last, first != last, let a = first.first, let b = last.first, a != b {
            candidates.append(("\(a)\(b)\(generic)", "blend", "取“\(road.villages.first!)”“\(road.villages.last!)”两村首字", 80))
            candidates.append(("\(b)\(a)\(generic)", "blend", "取“\(road.villages.last!)”“\(road.villages.first!)”两村首字", 78))
        }
        for (index, side) in road.sides.enumerated() {
            candidates.append((Self.stem(side.village) + side.side + generic, "direction", "位于“\(side.village)”\(side.side)侧", 70 - Double(index)))
        }
        for (index, entry) in wordList.enumerated() {
            candidates.append((entry.word + generic, "word list", entry.meaning, 50 - Double(index) * 0.5))
        }
        var result: [NameSuggestion] = []
        var taken = Set<String>()
        for candidate in candidates.sorted(by: { $0.score > $1.score }) where taken.insert(candidate.name).inserted {
            let check = checker.check(candidate.name, scope: scope, road: RoadFacts(length: road.length))
            guard check.findings.allSatisfy({ $0.severity == .info }) else { continue }
            result.append(NameSuggestion(name: candidate.name, toned: check.romanization.toned, source: candidate.source,
                                         reason: candidate.reason, score: candidate.score))
            if result.count == limit { break }
        }
        return result
    }

    /// 张庄村 → 张庄 (a one-character stem keeps its 村: 赵村).
    static func stem(_ village: String) -> String {
        village.hasSuffix("村") && village.count > 2 ? String(village.dropLast()) : village
    }
}
