import Naming
import Testing

/// What the road page's live check offers to confirm for a polyphonic name.
@Suite("Reading choices of the live check")
struct ReadingChoiceTests {
    let checker = NamingData.checker

    @Test("each choice starts on the reading the pinyin shows, so confirming it unchanged keeps the pinyin", arguments: [
        ("单庄路", "单", "shàn", "Shànzhuāng Lù"),
        ("解家路", "解", "xiè", "Xièjiā Lù"),
        ("朝阳街", "朝", "cháo", "Cháoyáng Jiē"),
    ])
    func startsOnTheShownReading(name: String, character: String, current: String, toned: String) throws {
        let check = checker.check(name, scope: [])
        #expect(check.romanization.toned == toned)
        let choice = try #require(check.readings.first)
        #expect(choice.character == character && choice.current == current && choice.options.first == current)
        #expect(Set(choice.options) == Set(NamingData.dictionary.characters[Character(character)] ?? []))
        // Confirming the first option is confirming what is shown: the pinyin does not move.
        let confirmed = NamingData.romanizer.romanize(name, overrides: [character: [choice.options[0]]])
        #expect(confirmed.toned == toned)
    }

    @Test("only the characters the hint names are offered: 解家路 asks for 解, not for 家 (jiā in place names)")
    func onlyTheNamedCharacters() throws {
        let check = checker.check("解家路", scope: [])
        let hint = try #require(check.findings.first { $0.code == .readingReview })
        #expect(hint.subject == "解")
        #expect(check.readings.map(\.character) == ["解"])
        #expect(checker.check("幸福路", scope: []).readings.isEmpty)
    }
}
