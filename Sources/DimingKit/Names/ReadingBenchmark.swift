import DimingCore
import Foundation
import Naming

/// How the romaniser does on real names (issue 14): the share of names the review prompt fires on,
/// the characters it fires on most, and the share of announced names whose sign form matches the
/// published one (`names bench-readings`, Scripts/bench-names.sh).
public struct ReadingBenchmark: Sendable {
    public struct Result: Codable, Sendable {
        /// Real names romanised (village names of the reference divisions, announced road names).
        public var names: Int
        /// Names with at least one character to review.
        public var prompted: Int
        public var promptRate: Double
        /// The characters the prompt fires on most, with how many names.
        public var topCharacters: [String: Int]
        /// Announced names with a published sign form.
        public var announced: Int
        /// Of them, sign forms equal to the published one, spaces ignored.
        public var signMatches: Int
        public var signAccuracy: Double
        /// Of them, equal with the spaces too.
        public var signMatchesExact: Int
        /// The announced names whose sign form differs: name, ours, published.
        public var mismatches: [[String]]
        public var announcedPrompted: Int
    }

    public var romanizer: Romanizer

    public init(romanizer: Romanizer) {
        self.romanizer = romanizer
    }

    /// Village names from a division table (`code,name,level,…`, as in ../shared/data/admin): the
    /// name without its NBS suffix (张庄村委会 → 张庄村).
    public static func villageNames(csv path: String, limit: Int = .max) throws -> [String] {
        let rows = try GeoFormatsCSV.rows(path: path, required: ["name", "level"])
        var names: [String] = []
        for row in rows where row.values["level"] == "village" {
            guard var name = row.values["name"] else { continue }
            for suffix in ["社区居民委员会", "村民委员会", "社区居委会", "居委会", "村委会", "委会"] where name.hasSuffix(suffix) && name.count > suffix.count {
                name = String(name.dropLast(suffix.count))
                if suffix.hasPrefix("村") { name += "村" }
                break
            }
            names.append(name)
            if names.count == limit { break }
        }
        return names
    }

    /// `name<TAB>published sign<TAB>source` lines; # starts a comment.
    public static func announcedNames(tsv text: String) -> [(name: String, sign: String)] {
        text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 2 ? (fields[0], fields[1]) : nil
        }
    }

    public func run(names: [String], announced: [(name: String, sign: String)]) -> Result {
        var prompted = 0, characters: [String: Int] = [:]
        for name in names + announced.map(\.name) {
            let review = romanizer.romanize(name).review
            if !review.isEmpty { prompted += 1 }
            for character in Set(review) { characters[character, default: 0] += 1 }
        }
        var matches = 0, exact = 0, announcedPrompted = 0, mismatches: [[String]] = []
        for (name, published) in announced {
            let romanization = romanizer.romanize(name)
            if !romanization.review.isEmpty { announcedPrompted += 1 }
            let squeeze = { (text: String) in text.uppercased().filter { !$0.isWhitespace } }
            if squeeze(romanization.sign) == squeeze(published) { matches += 1 } else { mismatches.append([name, romanization.sign, published]) }
            if romanization.sign == published { exact += 1 }
        }
        let total = names.count + announced.count
        let top = characters.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(10)
        return Result(names: total, prompted: prompted, promptRate: total == 0 ? 0 : Double(prompted) / Double(total),
                      topCharacters: Dictionary(uniqueKeysWithValues: top.map { ($0.key, $0.value) }),
                      announced: announced.count, signMatches: matches,
                      signAccuracy: announced.isEmpty ? 0 : Double(matches) / Double(announced.count), signMatchesExact: exact,
                      mismatches: mismatches, announcedPrompted: announcedPrompted)
    }
}
