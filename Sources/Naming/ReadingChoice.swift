/// A polyphonic character (多音字) of a name whose reading staff should confirm, with the reading
/// the name is romanised with now and the readings to choose from (that one first).
public struct ReadingChoice: Hashable, Codable, Sendable {
    public var character: String
    /// The reading shown in the name's pinyin now (单庄路 Shànzhuāng: shàn).
    public var current: String
    /// Every reading of the character, `current` first: confirming without a change keeps the pinyin.
    public var options: [String]
}

extension Romanization {
    /// One choice for each character `review` names (the reading hint), in the order of the name;
    /// a character that occurs twice is offered once. Characters with nothing to choose from (one
    /// reading, or none known) are left out.
    public func readingChoices(_ dictionary: ReadingDictionary) -> [ReadingChoice] {
        var seen = Set<Character>(), choices: [ReadingChoice] = []
        for syllable in syllables where syllable.needsReview && review.contains(String(syllable.character)) {
            guard seen.insert(syllable.character).inserted, let current = syllable.pinyin else { continue }
            let known = dictionary.characters[syllable.character] ?? []
            let options = [current] + known.filter { $0 != current }
            guard options.count > 1 else { continue }
            choices.append(ReadingChoice(character: String(syllable.character), current: current, options: options))
        }
        return choices
    }
}
