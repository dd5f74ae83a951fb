/// Hanyu Pinyin helpers: tones, capitals, apostrophes.
public enum Pinyin {
    static let toned: [Character: (Character, Int)] = {
        var map: [Character: (Character, Int)] = [:]
        for (base, marks) in [("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"), ("ü", "ǖǘǚǜ")] {
            for (index, mark) in marks.enumerated() { map[mark] = (Character(base), index + 1) }
        }
        map["ń"] = ("n", 2); map["ň"] = ("n", 3); map["ǹ"] = ("n", 4); map["ḿ"] = ("m", 2)
        return map
    }()

    /// `zhuāng` → `zhuang` (ü stays ü).
    public static func toneless(_ syllable: String) -> String {
        String(syllable.map { toned[$0]?.0 ?? $0 })
    }

    /// The tone number 1–4, or 5 for the neutral tone.
    public static func tone(_ syllable: String) -> Int {
        syllable.lazy.compactMap { toned[$0]?.1 }.first ?? 5
    }

    /// `zhuang` with ü written as v, for search keys typed on a keyboard.
    public static func keyboard(_ syllable: String) -> String {
        toneless(syllable).replacingOccurrences(of: "ü", with: "v")
    }

    /// Joins syllables into one word, with an apostrophe before a non-initial syllable that
    /// begins with a, o or e (Xī'ān).
    public static func word(_ syllables: [String]) -> String {
        var out = ""
        for (index, syllable) in syllables.enumerated() {
            if index > 0, let first = toneless(syllable).first, "aoe".contains(first), let last = out.last, last.isLetter {
                out += "'"
            }
            out += syllable
        }
        return out
    }

    /// Capital first letter: `wángzhuāng` → `Wángzhuāng`.
    public static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return String(first).uppercased() + word.dropFirst()
    }

    /// The sign form of a toned text: capitals without tones (ü stays Ü), apostrophes kept.
    public static func signForm(_ text: String) -> String {
        toneless(text).uppercased()
    }
}
