import DimingCore
import Foundation
import Naming

/// The naming tables of `GeoData/names`, loaded once per folder: readings, place readings, generic
/// terms, the law's rule tables (`forbidden/`), look-alikes, person-name patterns and the county word list.
public struct NamingResources: Sendable {
    public var romanizer: Romanizer
    public var tables: NamingRuleTables
    /// Words for suggestions: (word, meaning).
    public var wordList: [(word: String, meaning: String)]

    nonisolated(unsafe) private static var cache: [String: NamingResources] = [:]
    private static let lock = NSLock()

    /// The resources in `geoData/names` (default: the GeoData folder the product ships).
    public static func load(geoData: String? = nil) throws -> NamingResources {
        guard let root = geoData ?? GeoDataLocator.find() else {
            throw InputError("cannot find GeoData/names: run from the checkout or set DIMING_GEODATA")
        }
        return try lock.withLock {
            if let cached = cache[root] { return cached }
            let folder = root + "/names/"
            func text(_ name: String) throws -> String {
                guard let data = FileManager.default.contents(atPath: folder + name), let text = String(data: data, encoding: .utf8) else {
                    throw InputError(file: folder + name, "cannot read the naming table")
                }
                return text
            }
            let dictionary = ReadingDictionary(characters: try text("readings/chars.tsv"), phrases: try text("readings/phrases.tsv"),
                                               places: try text("place-readings.tsv"), standard: try text("readings/standard.txt"),
                                               placeCharacters: try text("place-characters.tsv"))
            let generics = GenericTerms(text: try text("generic-terms.tsv"))
            var forbidden: [ForbiddenCategory: String] = [:]
            for category in ForbiddenCategory.allCases { forbidden[category] = try text("forbidden/" + category.file) }
            let tables = NamingRuleTables(
                forbidden: ForbiddenWords(tables: forbidden, contexts: try text("forbidden/contexts.txt"),
                                          transliteration: try text("forbidden/transliteration.txt")),
                lookalikes: try text("lookalikes.tsv"), personNames: try text("person-names.tsv"))
            let words = try text("word-list.tsv").split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.compactMap { line -> (String, String)? in
                let f = line.split(separator: "\t").map(String.init)
                return f.count >= 2 ? (f[0], f[1]) : nil
            }
            let resources = NamingResources(romanizer: Romanizer(dictionary: dictionary, parser: NameParser(generics: generics)),
                                            tables: tables, wordList: words)
            cache[root] = resources
            return resources
        }
    }
}
