import DimingCore
import Naming
import Testing

/// A registered name keeps its modifiers as text; their kinds are told from the text again when read,
/// so that must give what the parser gave.
@Suite("Modifier kinds told from their text")
struct ModifierKindTests {
    @Test("for every specific × modifier × generic, the kind told from the text is the parser's")
    func agreesWithParser() {
        let parser = NameParser(generics: NamingData.generics)
        var modifiersSeen = 0
        for specific in ["王庄", "幸福", "中山", "张家坊", "李", "河东"] {
            for modifier in ["", "东", "北", "后", "里", "小", "大", "南小", "西小", "新", "直", "东西", "北滨河", "滨河", "一", "十二", "第九", "三"] {
                for generic in ["路", "街", "大街", "巷", "弄", "胡同"] {
                    let parsed = parser.parse(specific + modifier + generic)
                    for found in parsed.allModifiers {
                        #expect(NameModifier(found.text) == found, "\(parsed.text): \(found.text)")
                        modifiersSeen += 1
                    }
                }
            }
        }
        #expect(modifiersSeen > 300)
    }

    @Test("numerals are ordinals; rule 2's syllables have their kinds; descriptors are other")
    func kinds() {
        #expect(ModifierKind(of: "十二") == .ordinal)
        #expect(ModifierKind(of: "第九") == .ordinal)
        #expect(ModifierKind(of: "东") == .direction)
        #expect(ModifierKind(of: "小") == .size)
        #expect(ModifierKind(of: "新") == .other)
        #expect(ModifierKind(of: "滨河") == .other)
    }
}
