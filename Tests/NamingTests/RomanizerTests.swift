import Foundation
import Naming
import TestSupport
import Testing

@Suite("Romanisation (DOMAIN.md §4)")
struct RomanizerTests {
    @Test("the worked examples", arguments: [
        ("幸福路", "Xìngfú Lù", "XINGFU LU"),
        ("王庄东路", "Wángzhuāng Dōnglù", "WANGZHUANG DONGLU"),
        ("中山北大街", "Zhōngshān Běidàjiē", "ZHONGSHAN BEIDAJIE"),
        ("南小街", "Nán Xiǎojiē", "NAN XIAOJIE"),
        ("西安路", "Xī'ān Lù", "XI'AN LU"),
        ("幸福一路", "Xìngfú 1 Lù", "XINGFU 1 LU"),
        ("经五路", "Jīng 5 Lù", "JING 5 LU"),
        ("三八路", "Sānbā Lù", "SANBA LU"),
        ("王村", "Wángcūn", "WANGCUN"),
        ("东大街", "Dōng Dàjiē", "DONG DAJIE"),
        ("莘县", "Shēnxiàn", "SHENXIAN"),
        ("茌平", "Chípíng", "CHIPING"),
        ("乐陵", "Lèlíng", "LELING"),
        ("十里堡", "Shílǐpù", "SHILIPU"),
        ("吴堡", "Wúbǔ", "WUBU"),
    ])
    func workedExamples(name: String, toned: String, sign: String) {
        let result = NamingData.romanizer.romanize(name)
        #expect(result.toned == toned)
        #expect(result.sign == sign)
    }

    @Test("parts: 专名, modifiers, ordinal, 通名")
    func parts() {
        let parser = NameParser(generics: NamingData.generics)
        let a = parser.parse("王庄东路")
        #expect(a.specific == "王庄" && a.modifiers.map(\.text) == ["东"] && a.generic == "路")
        let b = parser.parse("幸福十二路")
        #expect(b.specific == "幸福" && b.ordinal == 12 && b.generic == "路")
        #expect(parser.parse("张家坊大道").specific == "张家坊")
        let ambiguous = parser.parse("河东路")
        #expect(ambiguous.specific == "河东" && !ambiguous.ambiguities.isEmpty)
        let known = NameParser(generics: NamingData.generics, knownPlaces: ["李庄"]).parse("李庄东路")
        #expect(known.specific == "李庄" && known.modifiers.map(\.text) == ["东"])
    }

    @Test("a polyphone not fixed by a phrase is flagged; a confirmed reading is used and not flagged")
    func polyphones() {
        let guessed = NamingData.romanizer.romanize("重兴路")
        #expect(guessed.review.contains("重"))
        let confirmed = NamingData.romanizer.romanize("重兴路", overrides: ["重": ["chóng"]])
        #expect(confirmed.toned == "Chóngxīng Lù" || confirmed.toned == "Chóngxìng Lù")
        #expect(!confirmed.review.contains("重"))
        #expect(NamingData.romanizer.romanize("长安路").toned == "Cháng'ān Lù")
        #expect(NamingData.romanizer.romanize("长安路").review.isEmpty)
    }

    @Test("every one of the 8,105 standard characters alone reads as one of its listed readings",
          .enabled(if: SharedData.available, "needs ../shared/data"))
    func standardCharacters() throws {
        let text = try String(contentsOfFile: SharedData.path("pinyin/tongyong_guifan_hanzi_8105.csv"), encoding: .utf8)
        var count = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            // serial,char,codepoint,level,most_common,"r1,r2"
            let fields = line.split(separator: ",", maxSplits: 5).map(String.init)
            guard fields.count == 6, let character = fields[1].first else { continue }
            let listed = Set(fields[5].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: ",").map(String.init))
            let reading = NamingData.romanizer.romanize(String(character)).syllables.first?.pinyin ?? ""
            #expect(listed.contains(reading), "\(character): \(reading) not in \(listed)")
            #expect(NamingData.dictionary.standard.contains(character))
            count += 1
        }
        #expect(count == 8105)
    }

    @Test("pinyin helpers: tones, apostrophes, sign form")
    func helpers() {
        #expect(Pinyin.toneless("zhuāng") == "zhuang")
        #expect(Pinyin.tone("lǜ") == 4 && Pinyin.tone("de") == 5)
        #expect(Pinyin.word(["xī", "ān"]) == "xī'ān")
        #expect(Pinyin.word(["tiān", "ān", "mén"]) == "tiān'ānmén")
        #expect(Pinyin.signForm("Lǜyīn Lù") == "LÜYIN LU")
    }
}
