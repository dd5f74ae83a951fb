import Foundation
import Naming
import TestSupport

/// The shipped GeoData tables, loaded once for the naming tests.
enum NamingData {
    static let folder = SharedData.packageRoot.appendingPathComponent("GeoData/names").path

    static func text(_ name: String) -> String {
        (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
    }

    static let dictionary = ReadingDictionary(
        characters: text("readings/chars.tsv"), phrases: text("readings/phrases.tsv"),
        places: text("place-readings.tsv"), standard: text("readings/standard.txt"), placeCharacters: text("place-characters.tsv"))
    static let generics = GenericTerms(text: text("generic-terms.tsv"))
    static let romanizer = Romanizer(dictionary: dictionary, parser: NameParser(generics: generics))
    static let forbidden = ForbiddenWords(
        tables: Dictionary(uniqueKeysWithValues: ForbiddenCategory.allCases.map { ($0, text("forbidden/" + $0.file)) }),
        contexts: text("forbidden/contexts.txt"), transliteration: text("forbidden/transliteration.txt"))
    static let tables = NamingRuleTables(forbidden: forbidden, lookalikes: text("lookalikes.tsv"), personNames: text("person-names.tsv"))
    static let checker = NameChecker(romanizer: romanizer, tables: tables)

    /// A registry record for `text`, romanised as the registry would store it.
    static func record(_ text: String, id: String) -> NameRecord {
        let romanization = romanizer.romanize(text)
        let parsed = romanization.parsed
        return NameRecord(id: id, text: text, specific: parsed.specific, generic: parsed.generic,
                          specificToneless: romanization.specificToneless, status: .standard)
    }
}
