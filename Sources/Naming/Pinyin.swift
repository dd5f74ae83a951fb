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

    /// The combining tone marks: macron, acute, caron, grave (the diaeresis of ü is not one).
    static let toneMarks: Set<UInt32> = [0x0304, 0x0301, 0x030C, 0x0300]

    /// `zhuāng` → `zhuang`, `Ān` → `An` (ü stays ü, Ǚ becomes Ü): every tone mark goes, precomposed
    /// or combining, on small and capital letters alike.
    public static func toneless(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !toneMarks.contains(scalar.value) {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// Whether a text carries a tone mark anywhere (a sign form never does).
    public static func hasToneMark(_ text: String) -> Bool {
        text.decomposedStringWithCanonicalMapping.unicodeScalars.contains { toneMarks.contains($0.value) }
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

    /// The sign form of a toned text: capitals without tones (ü stays Ü), apostrophes and hyphens
    /// kept (安乐路 Ānlè Lù → ANLE LU, 绿荫路 Lǜyīn Lù → LÜYIN LU).
    public static func signForm(_ text: String) -> String {
        toneless(text.uppercased())
    }
}
